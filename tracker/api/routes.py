"""GET /api/v1/totals: SPEC's totals object, for a session or a personal API token."""
import json

from flask import Blueprint, abort, current_app, jsonify, request
from flask_login import current_user

from ..auth.permissions import VIEW_TOTALS, role_required
from ..extensions import login_manager
from ..reports.scope import requested_country, requested_period, requested_phase, totals_or_404
from ..totals import UnknownPhase, period_totals
from ..totals.crosstab import BadDimension, officials_crosstab
from .tokens import user_from_token

# Only GET routes: nothing here changes state, so CSRF protection has nothing to guard and
# the blueprint needs no exemption.
bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.record_once
def _accept_tokens(_state) -> None:
    login_manager.request_loader(user_from_token)


@bp.before_request
def require_caller():
    # The site-wide sign-in hook leaves /api/ to us: a script wants 401, not a login page.
    if not current_user.is_authenticated:
        response = jsonify(
            error="Unauthorized",
            message="Sign in, or send a personal API token as 'Authorization: Bearer <token>'.",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="tracker"'
        return response, 401
    return None


@bp.get("/totals")
@role_required(*VIEW_TOTALS)
def totals():
    """SPEC's totals object of ?phase=N (all phases without), or of ?from=…&to=… (rule 13)."""
    period = requested_period(request.args)
    phase = requested_phase(request.args.get("phase"))
    country = requested_country(request.args.get("country"))
    figures = (period_totals(period.start, period.end, country) if period
               else totals_or_404(phase, country))
    # json.dumps keeps SPEC's key order (Flask's jsonify would sort the keys).
    return current_app.response_class(json.dumps(figures) + "\n", mimetype="application/json")


@bp.get("/crosstab")
@role_required(*VIEW_TOTALS)
def crosstab():
    """Officials trained by two dimensions: ?rows=country&cols=sex, with phase=N or from/to."""
    period = requested_period(request.args)
    phase = requested_phase(request.args.get("phase"))
    country = requested_country(request.args.get("country"))
    try:
        table = officials_crosstab(
            request.args.get("rows", "country"), request.args.get("cols", "sex"),
            phase_number=phase, start=period and period.start, end=period and period.end,
            country=country)
    except BadDimension as error:
        abort(400, description=str(error))
    except UnknownPhase as error:
        abort(404, description=str(error))
    return current_app.response_class(json.dumps(table) + "\n", mimetype="application/json")
