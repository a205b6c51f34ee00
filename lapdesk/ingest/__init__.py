"""Ingest: every received file, in whatever format, becomes a logged contribution with its text."""
