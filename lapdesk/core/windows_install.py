"""Installing the packaged app on Windows for one user, without administrator rights.

``lapdesk-cli.exe --install`` (what the zip's ``install.ps1`` runs) copies the unpacked folder
to ``%LOCALAPPDATA%\\Programs\\LAPDesk``, adds a Start-menu entry, makes ``*.lapdesk`` files
open in LAPDesk (``lapdesk.exe --store "%1"``, as the Linux .desktop file does) and lists
LAPDesk in Settings > Apps, whose Uninstall runs ``install.ps1 -Uninstall``
(``lapdesk-cli.exe --uninstall``, then the folder is deleted).  Everything is written under
``HKEY_CURRENT_USER`` and the user's own folders.  Windows only (``winreg``, COM via ctypes).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lapdesk import APP_NAME, __version__

PROG_ID = "LAPDesk.Store"
EXTENSION = ".lapdesk"
CLASSES = r"Software\Classes"
UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\LAPDesk"
SHORTCUT_NAME = f"{APP_NAME}.lnk"
GUI_EXE, CLI_EXE = "lapdesk.exe", "lapdesk-cli.exe"

FOLDERID_PROGRAMS = "{A77F5D77-2E2B-44C3-A6A2-ABA601054A51}"  # the user's Start-menu programs
CLSID_SHELL_LINK = "{00021401-0000-0000-C000-000000000046}"
IID_SHELL_LINK_W = "{000214F9-0000-0000-C000-000000000046}"
IID_PERSIST_FILE = "{0000010B-0000-0000-C000-000000000046}"
SHCNE_ASSOCCHANGED = 0x08000000


@dataclass(frozen=True)
class Installation:
    folder: Path  # where lapdesk.exe now lives
    shortcut: Path  # the Start-menu entry


def default_folder() -> Path:
    """Per-user programs live in %LOCALAPPDATA%\\Programs (as VS Code's user installer does)."""
    return Path(os.environ["LOCALAPPDATA"]) / "Programs" / APP_NAME


def start_menu_folder() -> Path:
    """The user's Start-menu Programs folder, wherever the profile has moved it."""
    path = ctypes.c_wchar_p()
    ctypes.windll.shell32.SHGetKnownFolderPath(  # type: ignore[attr-defined]
        ctypes.byref(_guid(FOLDERID_PROGRAMS)), 0, None, ctypes.byref(path))
    try:
        if not path.value:
            raise OSError("Windows did not name the Start menu's Programs folder")
        return Path(path.value)
    finally:
        ctypes.windll.ole32.CoTaskMemFree(path)  # type: ignore[attr-defined]


def install(source: Path, *, folder: Path | None = None,
            start_menu: Path | None = None) -> Installation:
    """Copy the app in ``source`` to ``folder`` and register it for this user.

    :raises OSError: a file could not be copied (LAPDesk still running from ``folder``) or a
        registry key could not be written.
    """
    folder = folder or default_folder()
    if source.resolve() != folder.resolve():
        shutil.copytree(source, folder, dirs_exist_ok=True)
    gui = folder / GUI_EXE
    shortcut = (start_menu or start_menu_folder()) / SHORTCUT_NAME
    _register_file_type(gui)
    _register_uninstall(folder)
    write_shortcut(shortcut, target=gui,
                   description="Written contributions on the Lausanne Action Plan")
    ctypes.windll.shell32.SHChangeNotify(SHCNE_ASSOCCHANGED, 0, None, None)  # type: ignore[attr-defined]
    return Installation(folder, shortcut)


def uninstall(*, start_menu: Path | None = None) -> list[str]:
    """Remove the shortcut and the registry entries (the folder is left to ``install.ps1``:
    the program running this lives in it).  Returns what was removed."""
    import winreg

    removed = []
    shortcut = (start_menu or start_menu_folder()) / SHORTCUT_NAME
    if shortcut.exists():
        shortcut.unlink()
        removed.append(str(shortcut))
    for key in (rf"{CLASSES}\{PROG_ID}", rf"{CLASSES}\{EXTENSION}", UNINSTALL_KEY):
        if _delete_tree(winreg.HKEY_CURRENT_USER, key):
            removed.append(rf"HKEY_CURRENT_USER\{key}")
    ctypes.windll.shell32.SHChangeNotify(SHCNE_ASSOCCHANGED, 0, None, None)  # type: ignore[attr-defined]
    return removed


def open_command(gui: Path) -> str:
    """What Explorer runs when a store is opened: the desk on that store."""
    return f'"{gui}" --store "%1"'


def _register_file_type(gui: Path) -> None:
    _set(rf"{CLASSES}\{EXTENSION}", "", PROG_ID)
    _set(rf"{CLASSES}\{EXTENSION}", "Content Type", "application/x-lapdesk-store")
    _set(rf"{CLASSES}\{PROG_ID}", "", f"{APP_NAME} store")
    _set(rf"{CLASSES}\{PROG_ID}\DefaultIcon", "", f'"{gui}",0')
    _set(rf"{CLASSES}\{PROG_ID}\shell\open\command", "", open_command(gui))


def _register_uninstall(folder: Path) -> None:
    script = folder / "install.ps1"
    values = {
        "DisplayName": APP_NAME, "DisplayVersion": __version__,
        "Publisher": "Presidency of the Second Review Conference of the CCM",
        "InstallLocation": str(folder), "DisplayIcon": f'"{folder / GUI_EXE}",0',
        "UninstallString": f'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "{script}" '
                           "-Uninstall",
    }
    for name, value in values.items():
        _set(UNINSTALL_KEY, name, value)
    for name in ("NoModify", "NoRepair"):
        _set(UNINSTALL_KEY, name, 1)


def _set(key: str, name: str, value: str | int) -> None:
    import winreg

    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
        kind = winreg.REG_DWORD if isinstance(value, int) else winreg.REG_SZ
        winreg.SetValueEx(handle, name, 0, kind, value)


def _delete_tree(root, key: str) -> bool:
    import winreg

    try:
        with winreg.OpenKey(root, key, 0, winreg.KEY_READ | winreg.KEY_WRITE) as handle:
            while True:
                try:
                    child = winreg.EnumKey(handle, 0)
                except OSError:
                    break
                _delete_tree(root, rf"{key}\{child}")
        winreg.DeleteKey(root, key)
        return True
    except FileNotFoundError:
        return False


def write_shortcut(path: Path, *, target: Path, description: str) -> None:
    """A .lnk file made by Windows' own IShellLink, started in the program's folder."""
    ole32 = ctypes.oledll.ole32  # type: ignore[attr-defined]
    ole32.CoInitialize(None)  # S_FALSE when already initialised: fine
    link = ctypes.c_void_p()
    ole32.CoCreateInstance(ctypes.byref(_guid(CLSID_SHELL_LINK)), None, 1,  # in-process
                           ctypes.byref(_guid(IID_SHELL_LINK_W)), ctypes.byref(link))
    persist = ctypes.c_void_p()
    try:
        _method(link, 20, ctypes.c_wchar_p)(str(target))  # SetPath
        _method(link, 9, ctypes.c_wchar_p)(str(target.parent))  # SetWorkingDirectory
        _method(link, 7, ctypes.c_wchar_p)(description)  # SetDescription
        _method(link, 17, ctypes.c_wchar_p, ctypes.c_int)(str(target), 0)  # SetIconLocation
        _method(link, 0, ctypes.c_void_p, ctypes.c_void_p)(  # QueryInterface
            ctypes.byref(_guid(IID_PERSIST_FILE)), ctypes.byref(persist))
        path.parent.mkdir(parents=True, exist_ok=True)
        _method(persist, 6, ctypes.c_wchar_p, ctypes.c_int)(str(path), 1)  # Save, remember
    finally:
        for pointer in (persist, link):
            if pointer.value:
                _method(pointer, 2, restype=ctypes.c_ulong)()  # Release


def _method(obj: ctypes.c_void_p, index: int, *argtypes, restype=None):
    """Method ``index`` of a COM object's vtable, bound to the object (an HRESULT that says
    failure raises OSError)."""
    restype = restype or ctypes.HRESULT  # type: ignore[attr-defined]
    vtable = ctypes.cast(obj, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
    function = ctypes.WINFUNCTYPE(restype, ctypes.c_void_p, *argtypes)(vtable[index])  # type: ignore[attr-defined]
    return lambda *args: function(obj, *args)


class _GUID(ctypes.Structure):
    _fields_ = [("data1", ctypes.c_ulong), ("data2", ctypes.c_ushort),
                ("data3", ctypes.c_ushort), ("data4", ctypes.c_ubyte * 8)]


def _guid(text: str) -> _GUID:
    guid = _GUID()
    ctypes.oledll.ole32.CLSIDFromString(text, ctypes.byref(guid))  # type: ignore[attr-defined]
    return guid


def main(option: str) -> int:
    """``--install`` or ``--uninstall`` from the packaged app; one sentence, exit 0 or 1."""
    if not getattr(sys, "frozen", False):
        print("lapdesk: only the packaged app installs itself (lapdesk-cli.exe --install).",
              file=sys.stderr)
        return 1
    try:
        if option == "--install":
            source = Path(sys.executable).resolve().parent
            done = install(source)
            print(f"{APP_NAME} {__version__} is installed for {os.environ.get('USERNAME', 'you')} "
                  f"in {done.folder}: Start menu > {APP_NAME}; .lapdesk files open in it.")
        else:
            removed = uninstall()
            print(f"{APP_NAME} is no longer registered ({len(removed)} entries removed).")
    except OSError as error:
        print(f"lapdesk: {option[2:]} failed: {error} (is LAPDesk still open?)", file=sys.stderr)
        return 1
    return 0
