"""Accept or reject every tracked change of a .docx in LibreOffice; print its paragraphs.

Run by the system's Python, which has LibreOffice's UNO bridge (``python3 -c 'import uno'``):
``python3 tests/libreoffice_changes.py accept|reject FILE.docx PROFILE_DIR``.  Starts a
headless LibreOffice of its own on a private pipe and profile, so a test never touches the
user's; prints one JSON list of the body's paragraph texts (tables' cells included) after
LibreOffice's own "Accept All" or "Reject All".
"""

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def texts(doc):
    out = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(element.getString())
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                cell = element.getCellByName(name).createEnumeration()
                while cell.hasMoreElements():
                    out.append(cell.nextElement().getString())
    return out


def main():
    action, path, profile = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3])
    pipe = f"lapdesk{uuid.uuid4().hex}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(path.as_uri(), "_blank", 0, (prop("Hidden", True),))
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        command = ".uno:AcceptAllTrackedChanges" if action == "accept" else \
            ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        print(json.dumps(texts(doc), ensure_ascii=False))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


main()
