"""ZIP archives: an honest one, zip bombs, and the helpers that patch containers."""

from __future__ import annotations

import io


def zip_bytes() -> bytes:
    """A .zip of a Word document, a PDF and a text file in a subfolder (plus its directory)."""
    import zipfile

    from .pdf import pdf_bytes
    from .texts import text_utf8_bytes
    from .word import docx_bytes  # word.py builds on this module: import here

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("contributions/", b"")
        archive.writestr("contributions/republic.docx", docx_bytes())
        archive.writestr("contributions/republic.pdf", pdf_bytes())
        archive.writestr("notes/spain.txt", text_utf8_bytes())
    return out.getvalue()


def zip_bomb_bytes(*, declared: int = 2 * 1024**3) -> bytes:
    """A zip bomb: a member of zeros that really deflates about 1000:1 (1 MB to 1 KB), its
    headers then patched to declare ``declared`` bytes as hostile archives do, so that no test
    ever has to hold gigabytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (1024 * 1024))
    return declare_size(out.getvalue(), "zeros.txt", declared)


def declare_size(container: bytes, member: str, declared: int) -> bytes:
    """Patch the uncompressed size a ZIP member declares, in its local and central headers."""
    import struct

    data = bytearray(container)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30),
                                                (b"PK\x01\x02", 24, 46)):
        position = data.find(signature)
        while position != -1:
            length = struct.unpack_from("<H", data, position + name_offset - (
                4 if signature == b"PK\x03\x04" else 18))[0]
            start = position + name_offset
            if bytes(data[start:start + length]) == name:
                struct.pack_into("<I", data, position + size_offset, declared)
            position = data.find(signature, position + 4)
    return bytes(data)


def replace_members(container: bytes, replacements: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(container)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replacements.get(info.filename,
                                                            source.read(info.filename)))
    return out.getvalue()
