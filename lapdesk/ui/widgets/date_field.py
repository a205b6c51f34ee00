"""A date field people can type into as they write dates: "3 June 2020", "3 juin 2020",
"5 de junio de 2020", "2020-06-03" or "3/6/2020", with a calendar a click away.

A spin-box date editor makes one type day, month and year into separate sections and fights
every keystroke; here the text is read when the user is done (:mod:`lapdesk.core.dates`), and
what it was read as is shown at once ("3 June 2020"), so a day-first reading of "3/6" is never
a surprise.  Text that is no date is marked and left for the user to correct, never saved.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidgetAction

from lapdesk.core.dates import parse_date

SHOWN = "d MMMM yyyy"


class DateField(QLineEdit):
    """A line edit holding one date; :attr:`date_chosen` fires for a day picked in the calendar
    (``editingFinished`` covers typing)."""

    date_chosen = Signal(QDate)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("e.g. 3 June 2020")
        self.setToolTip("Type a date as you would write it (3 June 2020, 3 juin 2020, "
                        "2020-06-03, 3/6/2020), or pick one in the calendar")
        self._calendar = QCalendarWidget(self)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self._calendar)
        menu.addAction(holder)
        self._menu = menu
        self.calendar_action = QAction("Choose in a calendar", self)
        self.calendar_action.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_FileDialogDetailedView))
        self.calendar_action.triggered.connect(self._show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        # Room for the longest date written out, and the calendar button.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 September 2020") + 44)
        self._calendar.clicked.connect(self._picked)
        self.editingFinished.connect(self._tidy)
        self.textEdited.connect(lambda _text: self._mark(valid=True))

    # --- the QDateEdit-like interface the header uses ---------------------------------------

    def date(self) -> QDate:
        """The date typed, or an invalid QDate when the text is no date."""
        value = parse_date(self.text())
        return QDate(value.year, value.month, value.day) if value else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - Qt's name
        self.setText(QLocale(QLocale.Language.English).toString(value, SHOWN)
                     if value.isValid() else "")
        self._mark(valid=True)

    def value(self) -> date | None:
        return parse_date(self.text())

    # --- inside -----------------------------------------------------------------------------

    def _tidy(self) -> None:
        """Show what was typed as the date it was read as, or mark it as no date."""
        if not self.text().strip():
            self._mark(valid=True)
            return
        parsed = self.date()
        if parsed.isValid():
            self.setDate(parsed)
        else:
            self._mark(valid=False)

    def _mark(self, *, valid: bool) -> None:
        self.setProperty("invalid", not valid)
        self.setStyleSheet("" if valid else "QLineEdit { border: 1px solid #D55E00; }")
        self.setAccessibleDescription("" if valid else "not a date")

    def _show_calendar(self) -> None:
        current = self.date()
        if current.isValid():
            self._calendar.setSelectedDate(current)
        self._menu.popup(self.mapToGlobal(self.rect().bottomRight()))

    def _picked(self, day: QDate) -> None:
        self._menu.hide()
        self.setDate(day)
        self.date_chosen.emit(day)
