"""Domain vocabulary shared by every layer: errors, progress and cancellation, paths."""
