"""The `reports` blueprint: /reports/... (a phase's report). The view modules of this
package add their rules to it; the package's __init__ imports them."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
