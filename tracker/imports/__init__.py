"""Uploading registers and attendance lists in the browser: upload, preview, confirm."""
