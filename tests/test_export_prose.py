"""UN prose in the paper: attributions as sentences, singular and plural, "proposed" apart from
"amended", "another" for a second anonymous subject, category phrases only when two fit;
citations a delegation can check; provenance comments."""

from __future__ import annotations

import re

from builders import add_text_contribution
from docx_reading import body_paragraphs, footnotes, parts
from lxml import etree

from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import contributions as c
from lapdesk.store import excerpts


def contribution(store, who, paragraphs, *, permission=1, received="2020-06-05",
                 language="en", name="note.txt"):
    cid = add_text_contribution(store, paragraphs, contributors=who, received=received,
                                language=language, name=name)
    if not permission:
        c.update_contribution(store, cid, permission_to_publish=0)
    return cid


def mapped(store, cid, index, node, stance, topic, *, tags="", summary=""):
    paragraph = c.paragraphs_of(store, cid)[index]
    excerpt = excerpts.map_span(store, cid, [node], start=paragraph["start"],
                                end=paragraph["end"], summary=summary or None).result
    if stance:
        excerpts.annotate(store, excerpt, stance=stance, topic=topic, tags=tags)
    return excerpt


def views_of(store, tmp_path, **options) -> list[str]:
    out = tmp_path / "paper.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20", overwrite=True,
                                                           **options))
    return [t for _, t in body_paragraphs(out)]


def test_another_tells_two_anonymous_subjects_apart(store, tmp_path):
    a = contribution(store, ["Zambia"], ["Views.", "We support workshops."], permission=0)
    b = contribution(store, ["Angola"], ["Views.", "We oppose workshops."], permission=0)
    mapped(store, a, 1, "universalisation", "supports", "Regional workshops")
    mapped(store, b, 1, "universalisation", "opposes", "Regional workshops")
    texts = views_of(store, tmp_path)
    # One State Party and one signatory: no category has two, so both are delegations.
    assert ("Regional workshops. One delegation supported the proposal, while another "
            "delegation opposed it.") in texts
    french = views_of(store, tmp_path, lang="fr")
    assert ("Regional workshops. Une délégation était favorable à la proposition, tandis "
            "qu'une autre délégation n'y était pas favorable.") in french


def test_a_category_phrase_needs_two_anonymous_contributors_who_fit_it(store, tmp_path):
    for state in ("Angola", "Cyprus"):  # two signatories
        cid = contribution(store, [state], ["Views.", "We support workshops."], permission=0)
        mapped(store, cid, 1, "universalisation", "supports", "Regional workshops")
    texts = views_of(store, tmp_path)
    assert "Regional workshops. Two signatory States supported the proposal." in texts
    assert any("from two signatory States" in t for t in texts)


def test_the_same_contributor_is_one_subject_and_proposing_is_not_amending(store, tmp_path):
    austria = contribution(store, ["Austria"], ["Views.", "We propose workshops.",
                                                "We support them."])
    ghana = contribution(store, ["Ghana"], ["Views.", "We would amend the proposal."])
    mapped(store, austria, 1, "universalisation", "proposes", "Regional workshops")
    mapped(store, austria, 2, "universalisation", "supports", "Regional workshops")
    mapped(store, ghana, 1, "universalisation", "proposes", "Regional workshops",
           tags="amendment")
    texts = views_of(store, tmp_path)
    assert ("Regional workshops. Austria made this proposal and supported it. Ghana proposed "
            "amendments to it.") in texts
    assert "The contributions of Austria and Ghana addressed this section (see annex II)." \
        in texts
    french = views_of(store, tmp_path, lang="fr")
    assert ("Regional workshops. L'Autriche a fait cette proposition et y était favorable. "
            "Le Ghana a proposé de la modifier.") in french


def test_plural_verbs_agree_in_french(store, tmp_path):
    for state in ("Austria", "Mexico"):
        cid = contribution(store, [state], ["Views.", "We support workshops."])
        mapped(store, cid, 1, "universalisation", "supports", "Regional workshops")
    french = views_of(store, tmp_path, lang="fr")
    assert ("Regional workshops. L'Autriche et le Mexique étaient favorables à la "
            "proposition.") in french


def test_a_lone_question_heading_is_not_lettered(store, tmp_path):
    cid = contribution(store, ["Austria"], ["Views.", "Indicators for each action."])
    mapped(store, cid, 1, "structure.q3", "supports", "Indicators")
    out = tmp_path / "lone.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20"))
    document = parts(out)["word/document.xml"].decode()
    heading = re.search(r'<w:p><w:pPr><w:pStyle w:val="WPHeading2"/>(.*?)</w:pPr>', document)
    assert heading and '<w:numId w:val="0"/>' in heading[1]


def test_citations_give_the_delegations_own_reference_paragraph_and_date(store, tmp_path):
    cid = contribution(store, ["Austria"], [
        "Permanent Mission of Austria", "Note verbale No. GVA-CCM/2020/17",
        "The Permanent Mission of Austria presents its compliments to the President.",
        "1. Austria welcomes the concept note.", "2. On universalisation:",
        "(a) regional workshops should continue;", "(b) outreach should be bilateral.",
        "3. Victim assistance matters.", "Geneva, 3 June 2020"],
        name="07_Austria_final_v3.docx")
    first = mapped(store, cid, 5, "universalisation", "supports", "Regional workshops")
    mapped(store, cid, 6, "universalisation", None, None)
    mapped(store, cid, 7, "victim_assistance", None, None)
    out = tmp_path / "cited.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20", comments=True))
    notes = list(footnotes(out).values())
    assert notes == [
        "Contribution 1: note verbale GVA-CCM/2020/17 of 3 June 2020 from Austria, paras. "
        "2 (a) and 2 (b).",
        "Contribution 1: note verbale GVA-CCM/2020/17 of 3 June 2020 from Austria, para. 3."]
    assert not any("07_Austria" in t for n, t in parts(out).items()
                   if n != "word/comments.xml" for t in [t.decode("utf-8", "replace")])
    # Provenance comments name the file and paragraph for the team, with a fixed date.
    comments = etree.fromstring(parts(out)["word/comments.xml"])
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    dates = {e.get(f"{W}date") for e in comments.iter(f"{W}comment")}
    assert dates == {"2020-06-20T00:00:00Z"}
    text = "".join(t.text or "" for t in comments.iter(f"{W}t"))
    assert "Austria: 07_Austria_final_v3.docx, paragraph 2 (a)" in text
    again = tmp_path / "again.docx"
    export_working_paper(store, again, options=ExportOptions(date="2020-06-20", comments=True))
    assert parts(again) == parts(out)
    assert first
