"""The desk's one way to the store: a writer thread, reader threads, and what they report back.

The GUI thread never touches SQLite.  :class:`~lapdesk.ui.service.store_service.StoreService`
owns the open store: every change goes through its one writer thread (quick edits included),
every read through its reader threads, and results come back to the GUI thread by signal.
"""
