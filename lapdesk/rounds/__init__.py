"""Drafting rounds: a draft read into nodes, amendments to them, and the next revision."""
