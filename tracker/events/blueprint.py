"""The one `events` blueprint: every /events/... URL. The view modules of this package add
their rules to it; the package's __init__ imports them all."""
from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/events")
