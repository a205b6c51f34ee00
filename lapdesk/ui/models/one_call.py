"""Every role of a cell in one call into Python.

A view asks its model for seven or so roles of each cell it paints (text, font, colours,
alignment...).  Qt's ``multiData`` would call a Python ``data()`` once per role, each call
taking the interpreter's lock afresh; while the store service's lanes are busy (an import),
each of those takes up to a switch interval, and painting a table could hold the window a tenth
of a second.  Answering them all in one Python call takes the lock once per cell.
"""

from __future__ import annotations


class OneCallPerCell:
    """Mixed into a Qt item model whose ``data(index, role)`` is written in Python."""

    def multiData(self, index, role_data_span) -> None:  # noqa: N802 - Qt's name
        for role_data in role_data_span:
            role_data.setData(self.data(index, role_data.role()))
