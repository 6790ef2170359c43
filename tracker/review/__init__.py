"""The duplicate review queue: suspected pairs side by side, merge, "not the same person",
and the list of recent merges with their undo buttons."""
