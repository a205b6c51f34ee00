"""Anonymisation: no alias of a contributor concerned anywhere in the .docx, in any part."""

from __future__ import annotations

import re

from docx_reading import body_paragraphs, xml_texts
from paper_store import build

from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import contributions as c
from lapdesk.store import framework, settings


def aliases_of(store, contributor_ids) -> set[str]:
    names = set()
    for cid in contributor_ids:
        row = store.query_one("SELECT name, name_fr FROM contributors WHERE id = ?", (cid,))
        names |= {row["name"], row["name_fr"]} - {""}
        names |= {r["alias"] for r in store.query(
            "SELECT alias FROM contributor_aliases WHERE contributor_id = ?", (cid,))}
    return names


def found(path, names: set[str]) -> list[tuple[str, str]]:
    """(part, name) for every name found in any XML part, case-insensitively, as a word."""
    hits = []
    for part, text in xml_texts(path).items():
        for name in names:
            if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
                hits.append((part, name))
    return hits


def contributors_in_scope(store) -> set[int]:
    return {r["contributor_id"] for r in store.query(
        "SELECT cc.contributor_id FROM contribution_contributors cc JOIN contributions c"
        " ON c.id = cc.contribution_id WHERE cc.chosen = 1 AND c.superseded_by IS NULL")}


def test_anonymised_mode_names_nobody_in_any_part(store, tmp_path):
    build(store)
    # The Presidency's own texts mention contributors too: they must go as well.
    framework.set_synthesis(store, "transparency", "France and Mexico were **clear**.")
    out = tmp_path / "anon.docx"
    report = export_working_paper(store, out, options=ExportOptions(anonymise=True,
                                                                    date="2020-06-20"))
    names = aliases_of(store, contributors_in_scope(store))
    assert "Autriche" in names and "Austria" in names  # the check covers French aliases too
    assert found(out, names) == []
    assert report.anonymised == report.contributions == 6
    texts = [t for _, t in body_paragraphs(out)]
    assert "Regional workshops. Supported by several States Parties." in texts
    # Annex I still lists every contribution, anonymously, unnamed ones after named ones.
    assert "Several States Parties" in texts[-20:] or "Two States Parties" in "".join(texts)
    annex_1 = [t for t in texts if t in ("One State Party", "Two States Parties")]
    assert annex_1  # the joint submission and single ones, quantified
    # File names (which carry the sender's name) are left out of the footnotes.
    notes = xml_texts(out)["word/footnotes.xml"]
    assert "Contribution 1, page 1." in notes and ".txt" not in notes


def test_contribution_without_permission_is_anonymised_in_every_mode(store, tmp_path):
    ids = build(store)
    zambia = c.contributors_of(store, ids["secret"])[0]["id"]
    out = tmp_path / "named.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20"))
    names = aliases_of(store, {zambia})
    assert {"Zambia", "Republic of Zambia", "Zambie"} <= names
    assert found(out, names) == []
    # Everyone else is named.
    assert found(out, {"Austria", "Mexico", "France"})


def test_a_french_paper_names_nobody_either(store, tmp_path):
    """French names ("Nouvelle-Zélande", "la France") are redacted like the English ones."""
    build(store)
    framework.set_synthesis(store, "transparency", "La France et le Mexique ont été clairs.")
    out = tmp_path / "anon-fr.docx"
    export_working_paper(store, out, options=ExportOptions(anonymise=True, lang="fr",
                                                           date="2020-06-20"))
    names = aliases_of(store, contributors_in_scope(store))
    assert {"Nouvelle-Zélande", "Mexique"} <= names
    assert found(out, names) == []


def test_store_settings_do_not_leak_a_hidden_name(store, tmp_path):
    build(store)
    settings.update(store, {"introduction": "We thank Zambia for its views.",
                            "title": "Views received, including from Zambia"})
    out = tmp_path / "leak.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20"))
    assert found(out, {"Zambia"}) == []
    texts = [t for _, t in body_paragraphs(out)]
    assert "We thank [a delegation] for its views." in texts


def test_many_anonymous_delegations(store, tmp_path):
    from builders import add_text_contribution

    from lapdesk.store import excerpts

    states = ["Austria", "Belgium", "Chile", "Denmark", "Ecuador", "Fiji", "Ghana", "Italy",
              "Japan", "Lebanon", "Malta"]
    for state in states:
        cid = add_text_contribution(store, [f"{state} supports victim assistance."],
                                    contributors=[state])
        excerpts.map_span(store, cid, ["victim_assistance"], start=0,
                          end=len(state) + 28, stance="supports", topic="Victim assistance")
    out = tmp_path / "many.docx"
    export_working_paper(store, out, options=ExportOptions(anonymise=True, date="2020-06-20"))
    texts = [t for _, t in body_paragraphs(out)]
    assert "Victim assistance. Supported by many delegations." in texts
    assert found(out, aliases_of(store, contributors_in_scope(store))) == []
