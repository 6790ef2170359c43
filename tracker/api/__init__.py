"""The JSON API (/api/v1): read-only figures for a signed-in session or a personal token."""
