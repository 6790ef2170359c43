"""The admin area: users, phases and targets, reference lists, and the audit log."""
