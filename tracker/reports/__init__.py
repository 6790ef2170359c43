"""Reports: the phase report now; event attendance reports join the same blueprint later.

Each report keeps its routes in its own module; routes.py imports them onto `bp`.
"""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
