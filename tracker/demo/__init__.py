"""`flask demo`: a realistic synthetic programme for an empty database."""
