"""Officials and their agencies: search, history and editing (routes.py), the people list's
exports (exports.py), and personal data on request (privacy.py).

All of them are views of the one `people` blueprint (blueprint.py); importing the package
puts their rules on it, so the factory only registers `bp`.
"""
from . import exports, privacy, routes
from .blueprint import bp

__all__ = ["bp", "exports", "privacy", "routes"]
