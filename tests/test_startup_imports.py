"""Heavy libraries (PDF, email, spreadsheet, Word) are imported lazily: they cost nothing at start.

The desk's window and the CLI's parser must come up without loading them; the modules that
need them import them inside the functions that use them.
"""

import subprocess
import sys

HEAVY = ("pypdfium2", "extract_msg", "openpyxl", "docx", "odf", "striprtf", "charset_normalizer",
         "pdfminer", "olefile")


def _loaded_after(code: str) -> list[str]:
    probe = (f"{code}\nimport sys\n"
             f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    return eval(result.stdout.strip().splitlines()[-1])


def test_the_window_modules_load_no_heavy_library():
    assert _loaded_after("import lapdesk.app, lapdesk.ui.application, lapdesk.ui.main_window") == []


def test_the_cli_parser_loads_no_heavy_library():
    assert _loaded_after("from lapdesk.cli.main import build_parser\nbuild_parser()") == []


def test_one_command_loads_only_its_own_module():
    """``lapdesk import ...`` from a script need not import the other seventeen commands."""
    probe = ("from lapdesk.cli.main import build_parser\nimport sys\nbuild_parser(only='import')\n"
             "print(sorted(m for m in sys.modules if m.startswith('lapdesk.cli.commands.')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["['lapdesk.cli.commands.import_']"]
