"""The team's own registry: adding a contributor the seed file lacks, editing one, merging two.

A national NGO, a new organisation or a State under another name must be creditable the day
its letter arrives, from the desk (View > Registry, the header's "Add 'X' to the registry…")
and from ``lapdesk contributors --add``.  Each edit is one recorded, undoable change; names in
any language are aliases, which is how detection and the desk's completion find them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lapdesk.core.errors import UsageError
from lapdesk.core.text import fold
from lapdesk.store import registry
from lapdesk.store.changes import Change, record
from lapdesk.store.database import Store

# The status a contributor of each kind takes when none is given.
DEFAULT_STATUS = {"state": "observer"}
EDITABLE = ("name", "kind", "status", "iso3", "regional_group", "name_fr", "notes", "expected")


def _key_for(store: Store, name: str) -> str:
    """A key no other contributor has, made from the name ("Mines Action Canada" ->
    ``mines_action_canada``; a second one ``mines_action_canada_2``)."""
    base = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_") or "contributor"
    taken = {row["key"] for row in store.query(
        "SELECT key FROM contributors WHERE key = ? OR key LIKE ?", (base, base + "_%"))}
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}_{number}"
    return key


def _clean(names: Sequence[str]) -> list[str]:
    """The names given, stripped, each once (accents and case aside), in their order."""
    seen: set[str] = set()
    kept = []
    for name in (n.strip() for n in names):
        if name and fold(name) not in seen:
            seen.add(fold(name))
            kept.append(name)
    return kept


def _check_free(store: Store, names: Sequence[str], *, but: int | None = None) -> None:
    """:raises UsageError: a name already belongs to another contributor (saying which)."""
    for name in names:
        found = registry.find(store, name)
        if found is not None and found["id"] != but:
            raise UsageError(f"“{name}” is already in the registry, as {found['name']}.")


def register_contributor(store: Store, *, name: str, kind: str, status: str | None = None,
                         group: str | None = None, aliases: Sequence[str] = (),
                         name_fr: str = "", iso3: str | None = None) -> Change:
    """Add a contributor, with its names in other languages as aliases (``name_fr`` is also
    what a working paper in French writes).  The change's ``result`` is the new id.

    :raises UsageError: the kind is not one of :data:`registry.KINDS`, the name is empty, or
        a name is already another contributor's.
    """
    name = name.strip()
    if not name:
        raise UsageError("A contributor needs a name.")
    if kind not in registry.KINDS:
        raise UsageError(f"{kind!r} is not a kind of contributor; use one of "
                         f"{', '.join(registry.KINDS)}.")
    status = status or DEFAULT_STATUS.get(kind, "other")
    if status not in registry.STATUSES:
        raise UsageError(f"{status!r} is not a status; use one of {', '.join(registry.STATUSES)}.")
    names = _clean([*aliases, name_fr])
    names = [n for n in names if fold(n) != fold(name)]
    _check_free(store, [name, *names])
    with record(store, f"Add {name} to the registry", name=name) as rec:
        contributor_id = rec.insert("contributors", {
            "key": _key_for(store, name), "name": name, "kind": kind, "status": status,
            "iso3": (iso3 or "").strip().upper() or None, "regional_group": group or None,
            "name_fr": name_fr.strip()})
        for alias in names:
            rec.insert("contributor_aliases", {"contributor_id": contributor_id, "alias": alias})
        rec.change.result = contributor_id
    return rec.change


def edit_contributor(store: Store, contributor_id: int, *, aliases: Sequence[str] | None = None,
                     **fields) -> Change:
    """Change a contributor's fields (:data:`EDITABLE`) and, given ``aliases``, make them
    exactly its other names — in one change.

    :raises UsageError: an unknown field, a bad kind or status, or a name another's.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UsageError(f"A contributor has no field {sorted(unknown)[0]!r}.")
    if "kind" in fields and fields["kind"] not in registry.KINDS:
        raise UsageError(f"{fields['kind']!r} is not a kind of contributor.")
    if "status" in fields and fields["status"] not in registry.STATUSES:
        raise UsageError(f"{fields['status']!r} is not a status.")
    if "name" in fields and not str(fields["name"]).strip():
        raise UsageError("A contributor needs a name.")
    row = registry.contributor(store, contributor_id)
    name = str(fields.get("name", row["name"])).strip()
    wanted = None if aliases is None else [a for a in _clean(aliases) if fold(a) != fold(name)]
    _check_free(store, [name, *(wanted or [])], but=contributor_id)
    with record(store, f"Edit {row['name']} in the registry", id=contributor_id) as rec:
        if fields:
            rec.update("contributors", {"id": contributor_id}, {**fields, "name": name}
                       if "name" in fields else fields)
        if wanted is not None:
            have = {r["alias"] for r in store.query(
                "SELECT alias FROM contributor_aliases WHERE contributor_id = ?",
                (contributor_id,))}
            for alias in have - set(wanted):
                rec.delete("contributor_aliases", {"contributor_id": contributor_id,
                                                   "alias": alias})
            for alias in wanted:
                if alias not in have:
                    rec.insert("contributor_aliases",
                               {"contributor_id": contributor_id, "alias": alias})
    return rec.change


def merge_contributors(store: Store, duplicate_id: int, into_id: int) -> Change:
    """Make ``duplicate_id`` one with ``into_id``: its contributions are credited to
    ``into_id``, its names become aliases of it, and the duplicate leaves the registry.

    :raises UsageError: merging a contributor into itself.
    """
    if duplicate_id == into_id:
        raise UsageError("A contributor cannot be merged into itself.")
    duplicate = registry.contributor(store, duplicate_id)
    kept = registry.contributor(store, into_id)
    with record(store, f"Merge {duplicate['name']} into {kept['name']}",
                duplicate=duplicate_id, into=into_id) as rec:
        links = store.query("SELECT * FROM contribution_contributors WHERE contributor_id = ?",
                            (duplicate_id,))
        for link in links:
            old_key = {"contribution_id": link["contribution_id"], "contributor_id": duplicate_id}
            new_key = {"contribution_id": link["contribution_id"], "contributor_id": into_id}
            existing = store.query_one(
                "SELECT chosen FROM contribution_contributors"
                " WHERE contribution_id = ? AND contributor_id = ?",
                (link["contribution_id"], into_id))
            rec.delete("contribution_contributors", old_key)
            if existing is None:
                rec.insert("contribution_contributors", {**link, **new_key})
            elif link["chosen"] and not existing["chosen"]:
                rec.update("contribution_contributors", new_key,
                           {"chosen": 1, "confirmed": link["confirmed"],
                            "position": link["position"]})
        have = {fold(r["alias"]) for r in store.query(
            "SELECT alias FROM contributor_aliases WHERE contributor_id = ?", (into_id,))}
        have.add(fold(kept["name"]))
        old_names = [r["alias"] for r in store.query(
            "SELECT alias FROM contributor_aliases WHERE contributor_id = ?", (duplicate_id,))]
        for alias in old_names:
            rec.delete("contributor_aliases", {"contributor_id": duplicate_id, "alias": alias})
        for alias in _clean([duplicate["name"], *old_names]):
            if fold(alias) not in have:
                have.add(fold(alias))
                rec.insert("contributor_aliases", {"contributor_id": into_id, "alias": alias})
        rec.delete("contributors", {"id": duplicate_id})
    return rec.change
