"""Officials and their agencies: search, history, editing."""
