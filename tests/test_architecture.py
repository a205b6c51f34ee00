"""The shape of the code, kept by tests: no import cycle, no module past 400 lines.

The layers themselves (core < store < ingest, analysis < export, demo < cli, ui) are
import-linter's contract in ``pyproject.toml``, run by ``make lint`` before the tests.
import-linter does not see every import a cycle can hide in, so the modules' own sources are
read here: imports inside functions and under ``TYPE_CHECKING`` count.
"""

from __future__ import annotations

from module_graph import PACKAGE, cycles, internal_graph

MAX_LINES = 400
# Modules over the limit while the lead's work on them (issue #13: the desk's window built in
# its constructor, the store service) is under way; each entry names that work.
KNOWN_LONGER: dict[str, str] = {}


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(internal_graph()) == []


def test_the_cycle_check_sees_imports_in_functions_and_under_type_checking(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def later():\n    from pkg import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\n"
                                  "if TYPE_CHECKING:\n    from pkg.c import Thing\n")
    (package / "c.py").write_text("from . import a\n")
    (package / "d.py").write_text("import pkg.a\n")
    assert cycles(internal_graph(package)) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_no_module_passes_400_lines():
    lengths = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(lengths) > 100  # the whole package was read
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    # A known module brought under the limit leaves the list too.
    assert sorted(too_long) == sorted(KNOWN_LONGER), too_long
