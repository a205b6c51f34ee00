"""Team work's screenshots, for ``screenshots.py`` (``make screenshots``), at the screen's size.

The demo store becomes a team's; a colleague (BC) maps two passages and edits a position that
the desk's user (FB) edited too; BC's pack is received.  Then: the Team menu open over the
window, the status line at the right of the status bar ("Team: changes from BC received just
now · 1 conflict to settle"); Team > Conflicts with both versions of the position; and
View > History with BC's changes, named with BC's replica.
"""

from __future__ import annotations

from pathlib import Path


def shoot_team(window, work: Path, out: Path, size: str, *, settle, shoot, with_dialog) -> None:
    """Save ``team-menu-SIZE.png``, ``team-conflicts-SIZE.png`` and ``team-history-SIZE.png``."""
    _receive_a_colleague_s_pack(window, work, settle)
    menu = window.team.menu
    window.menuBar().setActiveAction(menu.menuAction())
    settle(600)
    shoot(f"team-menu-{size}.png", window)  # the screen's pixels: the open menu included
    menu.hide()
    settle(300)
    for name, dialog, width in (("conflicts", window.team.conflicts, 1100),
                                ("history", window.history, 1000)):
        dialog.open()
        dialog.resize(width, 520)
        settle(1200)
        with_dialog(window, dialog).save(str(out / f"team-{name}-{size}.png"))
        print(f"wrote docs/screenshots/team-{name}-{size}.png")
        dialog.close()


def _receive_a_colleague_s_pack(window, work: Path, settle) -> None:
    from lapdesk.store import excerpts
    from lapdesk.store.connection import open_store
    from lapdesk.team import send

    window.team.start_team()
    settle(600)
    copy = work / "LAP-2020 - Bruno Costa.lapdesk"
    window.team.make_copy(copy, "Bruno Costa")
    settle(1500)
    found = []
    window.service.read(lambda store: store.query_one(
        "SELECT a.id, e.contribution_id FROM annotations a JOIN excerpts e"
        " ON e.id = a.excerpt_id ORDER BY e.contribution_id, e.start LIMIT 1"), then=found.append)
    settle(600)
    annotation, contribution = found[0]["id"], found[0]["contribution_id"]
    window.service.apply(excerpts.update_annotation, annotation,
                         summary="Supports measurable actions, with a baseline by 2021")
    settle(600)
    with open_store(copy, author="BC") as colleague:
        excerpts.update_annotation(colleague, annotation,
                                   summary="Supports measurable actions; asks for fewer indicators")
        for start in (0, 60):
            excerpts.map_span(colleague, contribution, ["universalisation"], start=start,
                              end=start + 40, stance="supports")
        pack = send.send(colleague, work / "packs", initials="BC").path
    window.team.receive_paths([str(pack)])
    settle(2000)
