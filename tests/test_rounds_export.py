"""The round's documents: the compilation, Rev.1 clean and Rev.1 with real tracked changes.

Accepting every change of Rev.1 with changes (by lxml here, and by LibreOffice where it is
installed) gives exactly the clean Rev.1; rejecting them all gives the draft the round
started from.  Every part is valid ISO/IEC 29500 transitional.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from builders import add_text_contribution
from lxml import etree
from ooxml_schemas import validation_errors
from rounds_helpers import on_zero_draft

from lapdesk.export.compilation import export_compilation
from lapdesk.export.options import ExportOptions
from lapdesk.export.revision_paper import export_revision
from lapdesk.export.round_sources import node_line, section_line
from lapdesk.rounds.amendment_writes import decide, record_amendment
from lapdesk.rounds.round_store import round_nodes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = ExportOptions(date="2021-03-01")


def decided_round(store) -> None:
    """A zero draft with an amendment of every kind, decided."""
    round_id = on_zero_draft(store)
    austria = add_text_contribution(store, ["Austria's amendments."], name="a.txt",
                                    contributors=["Austria"], publish=True)
    withheld = add_text_contribution(store, ["Amendments."], name="b.txt",
                                     contributors=["Mexico"], publish=None)

    def amend(key, op, decision, *, text=None, who=austria, **fields):
        a = record_amendment(store, node_key=key, op=op, contribution_id=who, start=0,
                             end=5, **fields).result
        if decision:
            decide(store, a, decision, text=text)
        return a

    amend("action_1", "replace", "retained", old="should", new="shall",
          justification="Firmer.")
    amend("action_1", "replace", "retained", old="as soon as possible", new="by 2026",
          who=withheld)
    amend("pp2", "delete_text", "retained", old=" in a timely manner")
    amend("action_3", "insert", "retained", new="and their families", span=(19, 19))
    amend("action_5", "delete_node", "retained")
    amend("action_4", "new_node_after", "retained", new="Report annually on progress.")
    amend("para_2", "redraft", "retained_as_amended", new="The Unit will help.",
          text="The Implementation Support Unit will help States Parties.")
    amend("para_1", "move", "retained", move_after_key="para_2")
    amend("pp3", "comment", None, justification="Too weak.")
    amend("para_1", "replace", "withdrawn", old="annually", new="every two years")
    amend("action_4", "replace", "not_retained", old="sex and age", new="sex")
    return round_id


def _paragraphs(path: Path, mode: str | None) -> list[str]:
    """The body's paragraph texts with every change accepted, rejected, or as marked up."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        mark = p.find(f"{W}pPr/{W}rPr")
        marks = {child.tag for child in mark} if mark is not None else set()
        if (mode == "accept" and f"{W}del" in marks) or (mode == "reject" and f"{W}ins" in marks):
            continue  # the paragraph goes, mark and all
        pieces = []
        for t in p.iter(f"{W}t", f"{W}delText"):
            inside = {a.tag for a in t.iterancestors(f"{W}ins", f"{W}del")}
            if t.tag == f"{W}delText":
                if mode == "reject":
                    pieces.append(t.text or "")
            elif f"{W}ins" in inside and mode == "reject":
                continue
            else:
                pieces.append(t.text or "")
        out.append("".join(pieces))
    return out


def _body(paragraphs: list[str]) -> list[str]:
    """What follows the masthead's "Submitted by ..." line."""
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Submitted by"))
    return [p for p in paragraphs[start + 1:] if p]


@pytest.fixture
def exported(store, tmp_path):
    round_id = decided_round(store)
    clean, changes = tmp_path / "rev1.docx", tmp_path / "rev1-changes.docx"
    export_revision(store, clean, tracked=False, options=OPTIONS)
    report = export_revision(store, changes, tracked=True, options=OPTIONS)
    draft = [section_line(n) if n["kind"] == "section" else node_line(n)
             for n in round_nodes(store, round_id)]
    return clean, changes, report, draft


def test_accepting_every_change_gives_the_clean_rev1(exported):
    clean, changes, report, draft = exported
    assert _paragraphs(changes, "accept") == _paragraphs(clean, None)
    body = _body(_paragraphs(clean, None))
    assert body[body.index("I. Universalisation") + 1:][:4] == [
        "Action 1. States Parties shall promote adherence to the Convention by 2026.",
        "Action 2. States Parties will encourage States not party to join, including by:",
        "(a) raising the issue in bilateral meetings;",
        "(b) offering assistance where appropriate."]
    assert "Action 4 bis. Report annually on progress." in body
    assert not any(p.startswith("Action 5.") for p in body)
    assert "2. The Implementation Support Unit will help States Parties." in body
    assert "PP2. Recognising the suffering caused by cluster munitions." in body
    assert body[-2:] == ["2. The Implementation Support Unit will help States Parties.",
                         "1. States Parties will report annually on their progress."]  # moved
    assert (report.symbol, report.added, report.deleted) == ("CCM/CONF/2021/WP.1/Rev.1", 1, 1)


def test_rejecting_every_change_gives_the_previous_draft(exported):
    _, changes, _, draft = exported
    assert _body(_paragraphs(changes, "reject")) == draft


def test_the_changes_are_real_tracked_changes_by_the_presidency(exported, store, tmp_path):
    _, plain, _, _ = exported
    changes = tmp_path / "commented.docx"
    report = export_revision(store, changes, tracked=True, options=OPTIONS, comments=True)
    assert _paragraphs(changes, "accept") == _paragraphs(plain, "accept")
    with zipfile.ZipFile(changes) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    marks = list(root.iter(f"{W}ins", f"{W}del"))
    assert {m.get(f"{W}author") for m in marks} == {"Presidency"}
    assert {m.get(f"{W}date") for m in marks} == {"2021-03-01T00:00:00Z"}
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))
    whole = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(whole) == 2  # Action 5, and paragraph 1 where it was: marks deleted too
    assert report.comments >= 6
    assert "Austria" in "".join(comments.itertext())
    assert "A delegation" in "".join(comments.itertext())  # Mexico has not allowed naming


def test_every_part_is_valid(exported, store, tmp_path):
    clean, changes, _, _ = exported
    commented = tmp_path / "commented.docx"
    export_revision(store, commented, tracked=True, options=OPTIONS, comments=True)
    compilation = tmp_path / "compilation.docx"
    export_compilation(store, compilation, options=OPTIONS)
    with_annex = tmp_path / "annex.docx"
    export_revision(store, with_annex, tracked=False, options=OPTIONS, concordance=True)
    for path in (clean, changes, commented, compilation, with_annex):
        assert validation_errors(path) == [], path.name


def test_the_compilation_in_draft_order_with_withdrawn_last(exported, store, tmp_path):
    out = tmp_path / "compilation.docx"
    result = export_compilation(store, out, options=OPTIONS)
    assert (result["amendments"], result["withdrawn"], result["anonymised"]) == (11, 1, 1)
    text = _paragraphs(out, None)
    assert text.index("Preamble") < text.index("I. Universalisation") < \
        text.index("Withdrawn amendments")
    assert "A delegation" in text and "Mexico" not in " ".join(text)
    assert text[text.index("Withdrawn amendments"):].count("Austria") == 1
    with zipfile.ZipFile(out) as archive:
        document = archive.read("word/document.xml").decode()
    assert 'w:orient="landscape"' in document and "<w:strike/>" in document
    book = tmp_path / "compilation.xlsx"
    assert export_compilation(store, book, options=OPTIONS)["amendments"] == 11
    from openpyxl import load_workbook

    rows = list(load_workbook(book).active.values)
    assert rows[0][:4] == ("ID", "Node", "Text proposed", "Operation")
    assert rows[-1][9] == "Withdrawn"


def _libreoffice(action: str, path: Path, tmp_path: Path) -> list[str]:
    python = shutil.which("python3", path="/usr/bin")
    if shutil.which("soffice") is None or python is None or subprocess.run(
            [python, "-c", "import uno"], capture_output=True).returncode:
        pytest.skip("LibreOffice with its Python bridge is not installed")
    done = subprocess.run(
        [python, str(Path(__file__).parent / "libreoffice_changes.py"), action, str(path),
         str(tmp_path / f"profile-{action}")], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return [p for p in json.loads(done.stdout) if p]


@pytest.mark.slow
def test_libreoffice_accepts_and_rejects_them_alike(exported, tmp_path):
    clean, changes, _, draft = exported
    accepted = _libreoffice("accept", changes, tmp_path)
    assert accepted == [p for p in _paragraphs(clean, None) if p]
    rejected = _libreoffice("reject", changes, tmp_path)
    assert _body(rejected) == draft


def test_the_cli_writes_the_three_documents(tmp_path, cli):
    from samples.drafts import zero_draft_bytes

    s = tmp_path / "s.lapdesk"
    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    consultation = cli("--store", s, "export", "--kind", "revision", "--out", tmp_path / "x.docx")
    assert consultation.code == 2 and "not a draft" in consultation.err
    assert cli("--store", s, "round", "new", "--draft", draft).code == 0
    reply = tmp_path / "Ghana.txt"
    reply.write_text("Action 1: replace 'should' with 'shall'.\n", encoding="utf-8")
    assert cli("--store", s, "import", reply).code == 0
    [a] = cli("--store", s, "amendments", "--accept-all", "--json").json()
    assert cli("--store", s, "decide", a["id"], "--decision", "retained").code == 0
    reports = {}
    for kind, name in (("amendments", "c.docx"), ("amendments", "c.xlsx"),
                       ("revision", "r.docx"), ("revision-changes", "t.docx")):
        result = cli("--store", s, "export", "--kind", kind, "--out", tmp_path / name,
                     "--date", "2021-03-01", "--json")
        assert result.code == 0, result.err
        reports[name] = result.json()
    assert reports["c.docx"]["amendments"] == 1
    assert (reports["t.docx"]["kind"], reports["t.docx"]["changed"],
            reports["t.docx"]["changes"]) == ("revision-changes", 1, 2)
    assert reports["r.docx"]["symbol"] == "CCM/CONF/2021/WP.1/Rev.1"
    again = cli("--store", s, "export", "--kind", "revision", "--out", tmp_path / "r.docx")
    assert again.code == 1 and "already exists" in again.err
    assert cli("--store", s, "export", "--kind", "revision", "--out", tmp_path / "r.pdf").code == 2
