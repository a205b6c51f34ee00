"""Analysis: suggested mappings, stance hints, positions, coverage and resubmissions."""
