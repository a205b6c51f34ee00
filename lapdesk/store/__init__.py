"""The one-file store: a SQLite database holding contributions, originals, mappings and work.

Open a store with :func:`lapdesk.store.connection.open_store`; the table families each have a
module (``framework``, ``registry``, ``contributions``, ``excerpts`` ...) of plain functions that
take the :class:`~lapdesk.store.connection.Store` as their first argument.
"""
