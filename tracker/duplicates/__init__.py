"""Duplicate people: finding suspected pairs (suspects.py), the review queue with merge and
"not the same person" (routes.py, the `duplicates` blueprint), merging and undoing
(services.py), the review pages' reading (queries.py) and `flask duplicates` (cli.py)."""
