"""Qt item models: adapters over the core's plain data, never widget-per-row."""
