"""Logging events in the browser: the list, the form, the event page with its roster."""
