"""The `people` blueprint: /people and /agencies. The view modules of this package add their
rules to it; the package's __init__ imports them all."""
from flask import Blueprint

bp = Blueprint("people", __name__)
