"""Small self-contained widgets the desk embeds (pictures drawn with QPainter)."""
