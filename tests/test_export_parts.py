"""The export's building blocks: the template, attribution phrases, Markdown, dates."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from docx import Document

from lapdesk.core.errors import LapdeskError
from lapdesk.export import markdown
from lapdesk.export.attribution import attribute, quantity
from lapdesk.export.boilerplate import date_span, format_date, join_names, meeting_dates
from lapdesk.export.redaction import Redactor
from lapdesk.export.template import STYLE_NAMES, open_template, styles_of, template_path

ROOT = Path(__file__).resolve().parents[1]


def person(pid, name, kind="state", status="state_party"):
    return {"id": pid, "name": name, "kind": kind, "status": status}


def test_committed_template_is_what_the_build_script_makes(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "build_scripts" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path / "t.docx")
    with zipfile.ZipFile(tmp_path / "t.docx") as built, \
            zipfile.ZipFile(template_path()) as committed:
        names = [n for n in built.namelist() if n.startswith("word/")]
        assert names == [n for n in committed.namelist() if n.startswith("word/")]
        for name in names:
            assert built.read(name) == committed.read(name), name


def test_template_has_every_style_the_export_needs_and_a4_pages():
    document = open_template()
    assert set(styles_of(document)) == set(STYLE_NAMES)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert len(document.paragraphs) == 0  # the body is cleared, the page set-up kept
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_a_restyled_template_missing_a_style_is_a_sentence(tmp_path):
    document = Document(str(template_path()))
    document.styles["WP Quote"].element.getparent().remove(document.styles["WP Quote"].element)
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    with pytest.raises(LapdeskError, match="has no style 'WP Quote'"):
        styles_of(open_template(broken))


def test_named_attribution_in_the_conference_order():
    people = [person(3, "Mexico"), person(9, "Cluster Munition Coalition", "civil_society"),
              person(1, "Austria"), person(7, "ICRC", "international_organisation"),
              person(5, "Haiti", status="signatory"), person(2, "Ireland")]
    assert attribute(people, hidden=set(), lang="en") == (
        "Austria, Ireland, Mexico, Haiti, ICRC and Cluster Munition Coalition")


def test_names_in_running_text_take_their_article():
    people = [person(1, "Philippines"), person(2, "Austria"), person(3, "Republic of Korea"),
              person(4, "Iran (Islamic Republic of)"),
              person(5, "Cluster Munition Coalition", "civil_society")]
    assert attribute(people, hidden=set(), lang="en", running=True) == (
        "Austria, Iran (Islamic Republic of), the Philippines, the Republic of Korea and the "
        "Cluster Munition Coalition")
    assert attribute(people[:1], hidden=set(), lang="en") == "Philippines"  # a label
    assert attribute(people[:1], hidden=set(), lang="fr", running=True) == "Philippines"


def test_french_names_take_their_article_and_contract_after_de():
    people = [person(1, "Mexico"), person(2, "Austria"), person(3, "Philippines"),
              person(4, "France"), person(5, "Israel", status="observer"), person(6, "Chile")]
    french = {1: ("Mexique", "le"), 2: ("Autriche", "l'"), 3: ("Philippines", "les"),
              4: ("France", "la"), 5: ("Israël", "")}  # Chile: no French name, English kept
    assert attribute(people, hidden=set(), lang="fr", french=french) == (
        "Autriche, Chile, France, Mexique, Philippines et Israël")  # French order, labels
    assert attribute(people, hidden=set(), lang="fr", running=True, french=french) == (
        "l'Autriche, Chile, la France, le Mexique, les Philippines et Israël")
    assert attribute(people, hidden={6}, lang="fr", running=True, of=True, french=french) == (
        "de l'Autriche, de la France, du Mexique, des Philippines, d'un autre État partie et "
        "d'Israël")
    assert attribute(people, hidden=set(), lang="en", running=True, french=french) == (
        "Austria, Chile, France, Mexico, the Philippines and Israel")  # English ignores them


@pytest.mark.parametrize("count,phrase", [
    (1, "one State Party"), (2, "two States Parties"), (4, "several States Parties"),
    (8, "many States Parties")])
def test_quantifiers(count, phrase):
    assert quantity(count, "state_party", "en") == phrase


def test_hidden_contributors_are_counted_after_the_named_ones():
    people = [person(1, "Austria"), person(2, "Zambia"), person(3, "Angola"),
              person(4, "ICRC", "international_organisation")]
    assert attribute(people, hidden={2, 3}, lang="en") == (
        "Austria, two other States Parties and ICRC")
    assert attribute(people, hidden={1, 2, 3, 4}, lang="en") == (
        "several States Parties and one international organization")
    assert attribute(people, hidden={4}, lang="fr") == (
        "Angola, Austria, Zambia et une organisation internationale")
    assert attribute([person(i, f"O{i}", "international_organisation") for i in range(9)],
                     hidden=set(range(9)), lang="fr") == "de nombreuses organisations internationales"
    many = [person(i, f"State {i}") for i in range(12)]
    assert attribute(many, hidden={p["id"] for p in many}, lang="en") == "many delegations"
    assert attribute([], hidden=set(), lang="en") == ""


def test_redactor_removes_names_and_aliases_as_words_only():
    redact = Redactor(["Niger", "Republic of the Niger"])
    assert redact("The Republic of the Niger and NIGER agree; Nigeria does not.") == (
        "[A delegation] and [a delegation] agree; Nigeria does not.")
    assert Redactor([])("unchanged") == "unchanged"
    shared = Redactor(["Republic of Korea", "Republic of Moldova", "Rep", "Côte d'Ivoire"])
    assert shared("republic of korea, Republic of Moldova, Republic of Chile, Rep, Reply, "
                  "CÔTE D\u2019IVOIRE") == (
        "[A delegation], [a delegation], Republic of Chile, [a delegation], Reply, "
        "[a delegation]")


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Republic of Zambia supports it; Zambia's views.",
     "[A delegation] supports it; [a delegation]'s views."),
    ("fr", "La France est favorable. Les vues de la France et de l'Autriche, du Mexique.",
     "[Une délégation] est favorable. Les vues [d'une délégation] et [d'une délégation], "
     "[d'une délégation]."),
    ("fr", "Le Gouvernement autrichien appuie l\u2019Autriche.",
     "Le Gouvernement [national] appuie [une délégation]."),
    ("es", "México apoya la propuesta de México y la delegación mexicana.",
     "[Una delegación] apoya la propuesta [de una delegación] y la delegación [nacional]."),
])
def test_placeholders_fit_the_grammar_of_the_text_they_replace_a_name_in(lang, text, expected):
    redact = Redactor(["Zambia", "Republic of Zambia", "France", "Autriche", "Mexique",
                       "México"], adjectives=["autrichien", "mexicana"])
    assert redact(text, lang) == expected


def test_markdown_blocks_and_spans():
    blocks = markdown.parse_blocks("First **bold** line\ncontinued.\n\n- one\n- two\n\n"
                                   "1. alpha\n2. beta\n\n## Heading")
    assert [(b.kind, b.items) for b in blocks] == [
        ("paragraph", ["First **bold** line continued."]), ("bullets", ["one", "two"]),
        ("ordered", ["alpha", "beta"]), ("heading", ["Heading"])]
    assert markdown.spans("a **b** *c* _d_ snake_case") == [
        ("a ", False, False), ("b", True, False), (" ", False, False), ("c", False, True),
        (" ", False, False), ("d", False, True), (" snake_case", False, False)]


def test_date_ranges_say_what_they_share_once():
    from datetime import date

    assert date_span(date(2020, 6, 2), date(2020, 6, 11), "en", joiner=" and ") == \
        "2 and 11 June 2020"
    assert date_span(date(2020, 5, 28), date(2020, 6, 11), "en", joiner=" and ") == \
        "28 May and 11 June 2020"
    assert date_span(date(2020, 6, 1), date(2020, 6, 11), "fr", joiner=" et ") == \
        "le 1er et le 11 juin 2020"
    assert meeting_dates("2020-11-25", "2020-11-27", "en") == "25\u201327 November 2020"
    assert meeting_dates("2020-11-30", "2020-12-02", "fr") == "30 novembre\u20132 décembre 2020"
    assert meeting_dates("2020-06-29", "", "en") == "29 June 2020"


def test_dates_and_lists_of_names():
    assert format_date("2020-06-08", "en") == "8 June 2020"
    assert format_date("2020-06-01T10:00:00+02:00", "fr") == "1er juin 2020"
    assert format_date("4 September 2020", "en") == "4 September 2020"
    assert join_names(["Austria", "Ireland", "Mexico"], "en") == "Austria, Ireland and Mexico"
    assert join_names(["Austria"], "fr") == "Austria"


def test_annex_one_follows_the_french_names_in_a_french_paper():
    from lapdesk.export.sources import _annex_order

    def contribution(cid, person_):
        return {"id": cid, "received": "2020-06-01", "contributors": [person_]}

    austria, germany = contribution(1, person(1, "Austria")), contribution(2, person(2, "Germany"))
    french = {1: ("Autriche", "l'"), 2: ("Allemagne", "l'")}
    english = sorted([germany, austria], key=lambda c: _annex_order(c, False, {}))
    in_french = sorted([austria, germany], key=lambda c: _annex_order(c, False, french))
    assert [c["id"] for c in english] == [1, 2] and [c["id"] for c in in_french] == [2, 1]
