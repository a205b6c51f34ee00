"""The headless face of LAPDesk: ``lapdesk COMMAND`` (see ``docs/cli.md``)."""

from lapdesk.cli.main import has_command, main

__all__ = ["has_command", "main"]
