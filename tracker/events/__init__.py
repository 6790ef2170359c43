"""Events: the list, the form and the event page (routes.py), its roster and attendance-list
upload (roster.py), learning outcomes and testimonies (outcomes.py), attached files
(attachments.py), Deleted events and their restoring (deleted.py), the printed reports (printouts.py) and the roster's exports (exports.py).

All of them are views of the one `events` blueprint (blueprint.py); importing the package
puts their rules on it, so the factory only registers `bp`.
"""
from . import attachments, deleted, exports, outcomes, printouts, roster, routes
from .blueprint import bp

__all__ = ["attachments", "bp", "deleted", "exports", "outcomes", "printouts", "roster", "routes"]
