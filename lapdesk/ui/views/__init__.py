"""The desk's panes and strips, each a view over the session's store."""
