"""The dashboard: phase totals against targets, for every role."""
