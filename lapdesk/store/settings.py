"""The consultation's settings, kept in the store so that every team member sees the same.

Conference and meeting names, the consultation's title, the deadline, the default document
symbol, the team's initials: seeded from the framework file's ``[consultation]`` table.
"""

from __future__ import annotations

from lapdesk.store.changes import Change, record
from lapdesk.store.database import Store


def get(store: Store, key: str, default: str = "") -> str:
    row = store.query_one("SELECT value FROM settings WHERE key = ?", (key,))
    return row["value"] if row else default


def all_settings(store: Store) -> dict[str, str]:
    return {row["key"]: row["value"] for row in store.query("SELECT * FROM settings ORDER BY key")}


def update(store: Store, values: dict[str, str]) -> Change:
    """Change several settings as one undoable action."""
    with record(store, "Change consultation settings", keys=sorted(values)) as rec:
        for key, value in values.items():
            if store.query_one("SELECT 1 AS x FROM settings WHERE key = ?", (key,)):
                rec.update("settings", {"key": key}, {"value": str(value)})
            else:
                rec.insert("settings", {"key": key, "value": str(value)})
    return rec.change


# --- the working paper's settings, in English and French ---------------------------------

# Texts of the masthead and introduction that a French paper needs in French: ``key`` holds
# the English, ``key_fr`` the French.
BILINGUAL = ("conference", "meeting", "place", "title", "submitted_by", "agenda_title",
             "introduction")
# The paper's dates and agenda item: ``paper_date`` (the document's date; empty: the day of
# export), ``meeting_date`` and ``meeting_end_date`` (a meeting of several days),
# ``agenda_item`` (its number; empty: no agenda line).
PAPER_DATES = ("paper_date", "meeting_date", "meeting_end_date", "agenda_item")
# Place names French writes its own way, for a store that has no ``place_fr``.
FRENCH_PLACES = {"Geneva": "Genève", "Vienna": "Vienne", "Beirut": "Beyrouth",
                 "The Hague": "La Haye", "London": "Londres", "Brussels": "Bruxelles",
                 "Vientiane": "Vientiane", "Lausanne": "Lausanne", "New York": "New York"}


def localized(values: dict[str, str], key: str, lang: str,
              defaults: dict[str, str] | None = None) -> tuple[str, bool]:
    """The setting ``key`` in ``lang`` and whether it really is in that language.

    In French: ``key_fr``; else the framework file's French (``defaults``) when the English
    value is still the one that file seeded; else a known French place name; else the
    English value, reported as not French (the export warns).
    """
    english = values.get(key, "")
    if lang == "en":
        return english, True
    own = values.get(f"{key}_{lang}", "").strip()
    if own:
        return own, True
    defaults = defaults or {}
    if defaults.get(f"{key}_{lang}") and english == defaults.get(key, english):
        return defaults[f"{key}_{lang}"], True
    if key == "place" and english in FRENCH_PLACES:
        return FRENCH_PLACES[english], True
    return english, not english
