"""The desk's panes and strips, each a view over the store service's store."""
