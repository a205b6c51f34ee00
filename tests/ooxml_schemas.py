"""Validating every part of a .docx against the ISO/IEC 29500 transitional schemas.

The schemas are kept in ``tests/fixtures/ooxml/`` (see its SOURCES.md). Each part is chosen
a schema by its content type, so a part of a kind nobody expected fails instead of being
skipped. Before validation a part goes through Markup Compatibility processing (ISO/IEC
29500-3): elements and attributes of the namespaces it declares ignorable (Word 2010's
``w14``...) are removed and ``mc:AlternateContent`` keeps its fallback, as a consumer that
understands only the standard does. The schemas' remote imports (Dublin Core, xml.xsd) are
resolved to the local copies; the parser never opens a network connection.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "fixtures" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

# Content type -> schema file (relative to SCHEMAS).
WML = "transitional/wml.xsd"
BY_CONTENT_TYPE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml": WML,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml": WML,
    "application/vnd.openxmlformats-officedocument.theme+xml": "transitional/dml-main.xsd",
    "application/vnd.openxmlformats-package.core-properties+xml": "opc/opc-coreProperties.xsd",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml":
        "transitional/shared-documentPropertiesExtended.xsd",
    "application/vnd.openxmlformats-package.relationships+xml": "opc/opc-relationships.xsd",
}
# Remote locations the schemas import, and the local copies they mean.
LOCAL_COPIES = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc/dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dc/dcterms.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "transitional/xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "transitional/xml.xsd",
}
# Namespaces the transitional schemas define (what a strict consumer understands).
UNDERSTOOD = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "http://schemas.openxmlformats.org/package/2006/relationships",
    CT, MC,
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://purl.org/dc/dcmitype/", "http://www.w3.org/2001/XMLSchema-instance",
    "http://www.w3.org/XML/1998/namespace",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
}


class _Local(etree.Resolver):
    def resolve(self, url, public_id, context):
        local = LOCAL_COPIES.get(url)
        if local:
            return self.resolve_filename(str(SCHEMAS / local), context)
        if url.startswith(("http:", "https:")):
            raise OSError(f"the schemas import {url}, which has no local copy")
        return None


@cache
def schema(relative: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    # xml.xsd first: wml.xsd imports the xml namespace without a location.
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="http://www.w3.org/XML/1998/namespace" '
        f'schemaLocation="{(SCHEMAS / "transitional/xml.xsd").as_uri()}"/>'
        f'<xsd:import namespace="{_target_namespace(relative)}" '
        f'schemaLocation="{(SCHEMAS / relative).as_uri()}"/></xsd:schema>')
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(SCHEMAS)))


def _target_namespace(relative: str) -> str:
    return etree.parse(str(SCHEMAS / relative)).getroot().get("targetNamespace")


def compatibility_processed(root: etree._Element) -> etree._Element:
    """The part as a consumer of the transitional schemas alone reads it (ISO/IEC 29500-3)."""
    ignorable: set[str] = set()
    for element in root.iter():
        prefixes = element.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {element.nsmap[p] for p in prefixes.split() if p in element.nsmap}
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(index, child)
        parent.remove(alternate)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace = etree.QName(element).namespace
        if namespace in ignorable and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        if namespace not in UNDERSTOOD:
            raise AssertionError(f"{namespace} is neither understood nor ignorable")
        for name in list(element.attrib):
            attribute_namespace = etree.QName(name).namespace
            if attribute_namespace in ignorable or attribute_namespace == MC:
                del element.attrib[name]
            elif attribute_namespace and attribute_namespace not in UNDERSTOOD:
                raise AssertionError(f"attribute {name} is neither understood nor ignorable")
    return root


def content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    root = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType")
                 for o in root.iter(f"{{{CT}}}Override")}
    result = {}
    for name in archive.namelist():
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        result[name] = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
    return result


def validation_errors(path: Path) -> list[str]:
    """Every schema error of every part of the package at ``path`` ([] when valid)."""
    errors: list[str] = []
    with zipfile.ZipFile(path) as archive:
        parts = {"[Content_Types].xml": "opc/opc-contentTypes.xsd"}
        for name, content_type in content_types(archive).items():
            if not content_type.endswith("xml"):
                continue  # images and other binary parts
            if content_type not in BY_CONTENT_TYPE:
                errors.append(f"{name}: no schema for the content type {content_type!r}")
                continue
            parts[name] = BY_CONTENT_TYPE[content_type]
        for name, relative in parts.items():
            root = compatibility_processed(etree.fromstring(archive.read(name)))
            checker = schema(relative)
            if not checker.validate(root):
                errors += [f"{name}:{e.line}: {e.message}" for e in checker.error_log]
    return errors
