"""Only lapdesk/app.py and lapdesk/ui/ may import PySide6: the core stays free of Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lapdesk"
ALLOWED = {PACKAGE / "app.py", PACKAGE / "__main__.py"}


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
                  or n.startswith("lapdesk.ui")]
    return found


def test_no_qt_outside_the_ui():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        if path in ALLOWED or PACKAGE / "ui" in path.parents:
            continue
        imports = _qt_imports(path)
        if imports:
            offenders[str(path.relative_to(PACKAGE.parent))] = imports
    assert offenders == {}


def test_the_cli_runs_without_loading_qt(tmp_path):
    code = ("import sys; from lapdesk.cli import main; "
            f"main(['--store', {str(tmp_path / 's.lapdesk')!r}, 'framework', '--json']); "
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith('PySide6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stderr == "[]"


def test_import_linter_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
