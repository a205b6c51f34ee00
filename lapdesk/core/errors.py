"""Errors a user can cause and understand.

Every error that reaches the CLI or the GUI as a *message* derives from :class:`LapdeskError`;
its ``str()`` is one plain sentence meant for a diplomat, not a developer.  Anything else that
escapes is a bug and is reported as such.
"""


class LapdeskError(Exception):
    """A failure the user can act on; ``str(error)`` is the sentence to show them."""

    exit_code = 1


class UsageError(LapdeskError):
    """The command line (or a dialog) asked for something that does not make sense."""

    exit_code = 2


class StoreError(LapdeskError):
    """The store cannot be opened or used as asked."""


class NotAStoreError(StoreError):
    """The file exists but is not a LAPDesk store."""


class NewerSchemaError(StoreError):
    """The store was written by a newer LAPDesk; opening it could damage it."""


class StoreLockedError(StoreError):
    """Another LAPDesk holds the store for writing."""


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""


class NotFoundError(LapdeskError):
    """A contribution, excerpt, node or contributor named by the user does not exist."""
