"""The desk's dialogs: import progress and summary, settings, export."""
