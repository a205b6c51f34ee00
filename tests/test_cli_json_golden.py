"""The CLI's JSON on the demo store, byte for byte, against files recorded from earlier code.

The JSON of ``docs/cli.md`` is a contract: scripts read its fields.  This test builds the demo
store, runs every reading command (and, at the end, a few writing ones, in a fixed order) with
``--json``, and compares each output with ``tests/fixtures/cli-json/<name>.json`` byte for byte,
so that a change inside the store, the import or the records cannot move, rename, drop or
reformat a field unnoticed.  A command that gains a field on purpose regenerates the files:
``.venv/bin/python tests/test_cli_json_golden.py`` (and the diff is reviewed like code).

Only what truly depends on the moment or the machine is normalised, and nothing else:
- ``updated_at`` of a position: the clock time the demo recorded it;
- ``store``: the demo store's path, a temporary folder;
- ``path`` of an imported file is made relative by importing from the source tree's root.
The author is fixed (``LAPDESK_AUTHOR=tester``).  ``backup --list`` (paths and times of
backups) and ``export`` (a file written elsewhere, another issue's work) are left out.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

GOLDEN = Path(__file__).parent / "fixtures" / "cli-json"
ROOT = Path(__file__).resolve().parents[1]
DEMO_FILES = sorted(p.name for p in (ROOT / "resources" / "demo").iterdir()
                    if p.suffix in (".docx", ".pdf", ".eml", ".txt"))

_UPDATED_AT = re.compile(r'("updated_at": )"[^"]*"')
_PATH = re.compile(r'("path": ")([^"]*)"')
_STORE = re.compile(r'^(  "store": )"[^"]*"', re.MULTILINE)

SEARCHES = {
    "universalisation": "universalisation",
    "stockpile": "stockpile destruction",
    "accents": "etats parties",
    "spanish": "asistencia a las víctimas",
    "nothing": "zanzibar quokka",
    "phrase": '"États parties"',
    "prefix": "destruct*",
    "or": "stockpile OR clearance",
}


def reading_commands(contribution_ids: list[int]) -> list[tuple[str, list[str]]]:
    """(golden file name, arguments) of every reading command, in the order they run."""
    commands = [
        ("framework", ["framework"]),
        ("contributors", ["contributors"]),
        ("contributions", ["contributions"]),
        *((f"show-{cid}", ["show", str(cid)]) for cid in contribution_ids),
        *((f"search-{name}", ["search", query]) for name, query in SEARCHES.items()),
        ("search-limit", ["search", "convention", "--limit", "3"]),
        ("positions", ["positions"]),
        ("positions-node", ["positions", "--node", "universalisation"]),
        ("positions-reviewed", ["positions", "--reviewed-only", "--include-superseded"]),
        ("coverage", ["coverage"]),
        ("coverage-superseded", ["coverage", "--include-superseded"]),
        ("resubmissions", ["resubmissions"]),
        ("check", ["check"]),
    ]
    return commands


# Writing commands, last and in this order: each sees what the one before it left.
WRITING_COMMANDS = [
    ("suggest-all", ["suggest", "--all"]),
    ("suggest-1", ["suggest", "1"]),
    ("publish", ["publish", "1", "2", "--no"]),
    ("map", ["map", "5", "cooperation_assistance", "--start", "0", "--end", "40",
             "--stance", "supports", "--topic", "Golden topic"]),
    ("unmap", ["unmap", "1"]),
    ("contributions-after-writes", ["contributions"]),
]


def run_json(*args: str) -> tuple[int, str]:
    """``lapdesk ARGS --json`` in this process: its exit code and its standard output."""
    from lapdesk.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*args, "--json"])
    return code, out.getvalue()


def normalise(text: str) -> str:
    text = _UPDATED_AT.sub(r'\1"<time of recording>"', text)
    if os.name == "nt":  # a path is printed in the platform's own form, with backslashes on Windows
        text = _PATH.sub(lambda m: m[1] + m[2].replace("\\\\", "/") + '"', text)
    return _STORE.sub(r'\1"<demo store>"', text)


def outputs(folder: Path) -> dict[str, str]:
    """Every golden output, built in ``folder`` (run from the source tree's root)."""
    store = folder / "demo.lapdesk"
    results: dict[str, str] = {}

    def record(name: str, args: list[str]) -> None:
        code, out = run_json(*args)
        assert code in (0, 1), f"lapdesk {' '.join(args)} exited {code}"
        results[name] = normalise(out)

    record("demo", ["demo", "--store", str(store)])
    ids = [row["id"] for row in json.loads(run_json("contributions", "--store", str(store))[1])]
    for name, args in [*reading_commands(ids), *WRITING_COMMANDS]:
        record(name, [*args, "--store", str(store)])
    fresh = folder / "import.lapdesk"
    record("import", ["import", *(f"resources/demo/{name}" for name in DEMO_FILES),
                      "--store", str(fresh)])
    return results


def test_the_cli_json_on_the_demo_store_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("LAPDESK_AUTHOR", "tester")
    monkeypatch.chdir(ROOT)
    produced = outputs(tmp_path)
    expected = {p.stem: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.json")}
    assert sorted(produced) == sorted(expected)
    differing = []
    for name, text in produced.items():
        if text != expected[name]:
            mine, theirs = text.splitlines(), expected[name].splitlines()
            line = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                        min(len(mine), len(theirs)))
            differing.append(f"{name}.json line {line + 1}: "
                             f"{theirs[line] if line < len(theirs) else '<end>'!r} became "
                             f"{mine[line] if line < len(mine) else '<end>'!r}")
    assert not differing, "\n".join(differing)


def regenerate() -> None:
    """Write the golden files afresh from the code as it is now."""
    import tempfile

    os.environ["LAPDESK_AUTHOR"] = "tester"
    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.glob("*.json"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        for name, text in outputs(Path(folder)).items():
            (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"Wrote {len(list(GOLDEN.glob('*.json')))} files to {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
