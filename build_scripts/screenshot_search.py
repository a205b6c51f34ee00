"""The search panel's screenshots, for ``screenshots.py`` (``make screenshots``).

The desk at a 1366x768 laptop's size and at 1920x1080, a query that shows what the field
reads — a prefix across the three languages (``coopera*`` finds *cooperation*, *coopération*,
*cooperación*), ``OR``, and a quoted phrase — with its results listed in reading order.
"""

from __future__ import annotations

from pathlib import Path

QUERY = 'coopera* OR "victim assistance"'
SIZES = ((1366, 768), (1920, 1080))


def shoot_search(window, out: Path, settle) -> list[Path]:
    """Save ``search-WxH.png`` for each size; returns the files written."""
    from PySide6.QtCore import QEventLoop, QTimer

    panel = window.search
    written = []
    for width, height in SIZES:
        window.showNormal()
        window.resize(width, height)
        window.move(0, 0)
        settle(600)
        panel.field.setText(QUERY)
        counted = QEventLoop()
        panel.counted.connect(counted.quit)
        QTimer.singleShot(20000, counted.quit)
        panel.search_now()
        counted.exec()
        panel.counted.disconnect(counted.quit)
        window.search_dock.show()
        window.search_dock.raise_()
        panel.view.selectRow(0)
        settle()
        picture = window.grab()  # the window itself: the size asked for, whatever the screen's
        path = out / f"search-{width}x{height}.png"
        picture.save(str(path))
        print(f"wrote {path.name} ({picture.width()}x{picture.height()})")
        written.append(path)
    return written
