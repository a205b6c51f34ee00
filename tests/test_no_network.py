"""The app never opens a network connection, even for an HTML email full of remote content.

An HTML email with remote images, a tracking pixel, a remote style sheet and links is imported
and shown in the desk's reader in a separate process run under ``strace``, which records every
``connect``/``sendto``/``sendmsg`` at the operating-system level — so Qt's own attempts (and a
DNS lookup) count too.  Any of them towards an AF_INET or AF_INET6 address fails the test;
AF_UNIX sockets (dbus, the X server) are local and allowed.
"""

import json
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
import samples
from conftest import ROOT

STRACE = shutil.which("strace")
pytestmark = pytest.mark.skipif(STRACE is None, reason="strace is not installed: the "
                                "no-network test needs it to watch connections")

# A connection attempt to an internet address, as strace prints it.
INET = re.compile(r"\b(connect|sendto|sendmsg)\(.*sa_family=AF_INET6?\b")

HTML = """\
<html><head>
<link rel="stylesheet" href="http://styles.example.com/mission.css">
<style>body { background: url(https://images.example.com/bg.png); }</style>
</head><body>
<p><img src="https://images.example.com/crest.png" alt="Crest"></p>
<p>The Permanent Mission presents its compliments and submits its views on the Lausanne
Action Plan. It strongly supports the universalisation of the Convention.</p>
<p>See <a href="https://www.example.org/lap-views">our statement online</a>.</p>
<iframe src="https://video.example.net/embed/1"></iframe>
<img src="http://tracker.example.net/open.gif?id=8f2a" width="1" height="1">
</body></html>
"""

CHILD = textwrap.dedent("""
    import json, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from lapdesk.ingest.pipeline import import_paths
    from lapdesk.store.connection import open_store
    store = open_store(sys.argv[1], lock=True)
    results = import_paths(store, [sys.argv[2]], workers=1)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from lapdesk.ui.main_window import MainWindow
    contribution_id = store.query_one("SELECT max(id) AS id FROM contributions")["id"]
    window = MainWindow(store)
    window.show()
    window.open_contribution(contribution_id)
    QTimer.singleShot(2500, app.quit)  # time for any lazy resource loading to happen
    app.exec()
    shown = window.reader.toPlainText()
    window.close()
    print(json.dumps({"results": [r.status for r in results], "shown": shown}))
""")


def _email(path):
    message = samples.email_message(
        subject="Views on the Lausanne Action Plan", body=HTML, subtype="html",
        sender="Permanent Mission <mission@example.org>", to="presidency@example.ch",
        attachments=[("statement.html", HTML.encode(), "text/html")])
    path.write_bytes(message.as_bytes())
    return path


def _run_traced(tmp_path, *args):
    log = tmp_path / "strace.log"
    completed = subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
         sys.executable, *args],
        capture_output=True, text=True, timeout=180, cwd=ROOT)
    attempts = [line for line in log.read_text(errors="replace").splitlines()
                if INET.search(line)]
    return completed, attempts


def test_the_watch_sees_a_connection_attempt(tmp_path):
    """The detector itself: a process that connects to 127.0.0.1 is caught."""
    completed, attempts = _run_traced(tmp_path, "-c", (
        "import socket; s = socket.socket(); s.settimeout(1)\n"
        "try: s.connect(('127.0.0.1', 9))\nexcept OSError: pass"))
    assert completed.returncode == 0, completed.stderr
    assert any("127.0.0.1" in line for line in attempts)


def test_importing_and_reading_an_html_email_opens_no_connection(tmp_path):
    email = _email(tmp_path / "views.eml")
    completed, attempts = _run_traced(tmp_path, "-c", CHILD, str(tmp_path / "s.lapdesk"),
                                      str(email))
    assert completed.returncode == 0, completed.stderr[-3000:]
    outcome = json.loads(completed.stdout.strip().splitlines()[-1])
    assert outcome["results"] == ["ok"]
    assert "strongly supports the universalisation" in outcome["shown"]
    assert attempts == [], "network connections were attempted:\n" + "\n".join(attempts)
