"""File and Help menus: settings, recent stores, save a copy, switching stores, about."""

from __future__ import annotations

from pathlib import Path

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow

from lapdesk import __version__
from lapdesk.store import backup, excerpts, integrity
from lapdesk.store import settings as store_settings
from lapdesk.store.connection import open_store
from lapdesk.ui.dialogs.settings_dialog import user_initials
from lapdesk.ui.file_menu import RecentStores
from lapdesk.ui.prefs import app_settings


def menu_texts(window, title: str) -> list[str]:
    menu = window.menus[title]
    return [a.text() for a in menu.actions()]


def test_file_and_help_menus_hold_every_action(qtbot, store, private_settings):
    window = open_desk(qtbot, store)
    texts = menu_texts(window, "file")
    for wanted in ("&New store…", "&Open store…", "Open &recent", "&Import…",
                   "Save a &copy as…", "Se&ttings…", "&Quit"):
        assert wanted in texts
    shortcuts = {a.text(): a.shortcut().toString() for a in window.menus["file"].actions()}
    assert shortcuts["&Quit"] == "Ctrl+Q" and shortcuts["&Import…"] == "Ctrl+I"
    assert shortcuts["&Open store…"] == "Ctrl+O" and shortcuts["&New store…"] == "Ctrl+N"
    # Backups come before Settings and Quit, which end the menu.
    assert texts[-4:] == ["", "Se&ttings…", "", "&Quit"] and texts[-5] == "&Backups…"
    box = window.file_menu.about()
    assert __version__ in box.text()


def test_settings_dialog_saves_to_the_store_and_the_user(qtbot, store, monkeypatch, tmp_path,
                                                        private_settings):
    monkeypatch.delenv("LAPDESK_AUTHOR", raising=False)
    window = open_desk(qtbot, store)
    dialog = window.file_menu.edit_settings()
    dialog.fields["symbol"].setText("CCM/CONF/2020/PM.1/WP.2")
    dialog.fields["place"].setText("Lausanne")
    dialog.introduction.setPlainText("The Presidency thanks **all** delegations.")
    dialog.fields["meeting_fr"].setText("Deuxième réunion préparatoire")
    dialog.fields["paper_date"].setText("2020-06-20")
    dialog.introduction_fr.setPlainText("La Présidence remercie les délégations.")
    dialog.initials.setText("AB")
    dialog.backup_folder.setText(str(tmp_path / "backups"))
    dialog.accept()
    settle(window)
    assert store_settings.get(store, "symbol") == "CCM/CONF/2020/PM.1/WP.2"
    assert backup.backup_folder(store.conn, store.path) == tmp_path / "backups"
    assert store_settings.get(store, "introduction") == "The Presidency thanks **all** delegations."
    assert store_settings.get(store, "meeting_fr") == "Deuxième réunion préparatoire"
    assert store_settings.get(store, "paper_date") == "2020-06-20"
    assert store_settings.get(store, "introduction_fr") == "La Présidence remercie les délégations."
    assert user_initials(app_settings()) == "AB"
    window.service.undo_stack.undo()  # one undoable change
    settle(window)
    assert store_settings.get(store, "place") != "Lausanne"
    # The positions this user records carry their initials.
    contribution = add_text_contribution(store, ["Ghana supports the plan."])
    excerpt = excerpts.map_span(store, contribution, ["universalisation"], start=0,
                                end=5).result
    window.service.apply(excerpts.annotate, excerpt, stance="supports")
    settle(window)
    assert excerpts.excerpt(store, excerpt).annotations[0].author == "AB"


def test_recent_stores_newest_first_without_duplicates(tmp_path):
    recent = RecentStores(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    for name in ("a", "b", "a", "c"):
        recent.add(tmp_path / f"{name}.lapdesk")
    assert [Path(p).name for p in recent.paths()] == ["c.lapdesk", "a.lapdesk", "b.lapdesk"]


def test_save_a_copy_makes_a_store_that_opens(qtbot, store, tmp_path, private_settings):
    store_settings.update(store, {"place": "Lausanne"})
    window = open_desk(qtbot, store)
    menu = window.file_menu
    dest = tmp_path / "copy.lapdesk"
    with qtbot.waitSignal(menu.copy_saved, timeout=10000):
        menu.save_copy(dest)
        settle(window)
    with open_store(dest, create=False) as copy:
        assert store_settings.get(copy, "place") == "Lausanne"
        assert integrity.check(copy)["ok"]


def test_opening_another_store_switches_windows_and_remembers_it(
        qtbot, store, tmp_path, private_settings):
    window = open_desk(qtbot, store)
    menu = window.file_menu
    other = tmp_path / "other.lapdesk"
    with qtbot.waitSignal(menu.store_switched, timeout=20000) as switched:
        menu.switch_to(other)  # a new store is created
        settle(window)
    new_window = switched.args[0]
    qtbot.addWidget(new_window)
    settle(new_window)
    assert isinstance(new_window, QMainWindow) and new_window.isVisible()
    assert not window.isVisible()
    assert new_window.service.path == other
    assert new_window.windowTitle().endswith("(other.lapdesk)") or "other" in \
        new_window.windowTitle()
    recent = RecentStores(app_settings()).paths()
    assert recent[0] == str(other.resolve()) and str(store.path.resolve()) in recent
    # And back: the first store was released when its window closed, so it opens again.
    with qtbot.waitSignal(new_window.file_menu.store_switched, timeout=20000) as switched:
        new_window.file_menu.switch_to(store.path)
    back = switched.args[0]
    qtbot.addWidget(back)
    assert back.service.path == store.path and not new_window.isVisible()
    # The store switched away from is released: another writer may now open it.
    back.close()
    QApplication.processEvents()
    with open_store(other, lock=True, create=False):
        pass


def test_the_window_layout_is_remembered(qtbot, store, private_settings):
    window = open_desk(qtbot, store)
    window.registry_action.trigger()
    settle(window)
    window.panes.setSizes([300, 800, 300])
    sizes = window.panes.sizes()
    window.close()
    again = open_desk(qtbot, store)
    assert again.registry_dock.isVisible()
    assert again.panes.sizes() == sizes
