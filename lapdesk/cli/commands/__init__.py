"""One module per CLI command; the list and its order live in :mod:`lapdesk.cli.main`."""
