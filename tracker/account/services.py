"""Changes a user makes to their own account: password, language and personal API tokens."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..api.tokens import revoke_all
from ..auth.passwords import password_problem
from ..extensions import db
from ..i18n import LANGUAGES
from ..models import ApiToken, User
from ..models._base import utcnow
from ..services import Refusal

MAX_ACTIVE_TOKENS = 10


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password and end every session of the user (the caller signs this one back in)."""
    if not user.check_password(current):
        raise Refusal("current_password", _("This is not your current password."))
    if problem := password_problem(new):
        raise Refusal("new_password", problem)
    if new == current:
        raise Refusal("new_password", _("Choose a password different from the current one."))
    user.set_password(new)
    user.password_changed_at = utcnow()
    user.end_sessions()
    revoke_all(user, "password changed")
    audit.record("password_changed", user)


def set_language(user: User, code: str | None) -> None:
    """The interface language the user prefers; None follows the browser's."""
    code = code or None
    if code is not None and code not in LANGUAGES:
        raise Refusal("language", _("Choose a language from the list."))
    if user.locale != code:
        audit.record("language_changed", user, summary=user.email,
                     before={"locale": user.locale}, after={"locale": code})
        user.locale = code


def active_tokens(user: User) -> list[ApiToken]:
    return db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def create_token(user: User, name: str) -> str:
    """Issue a personal API token; returns its text, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise Refusal("name", _("Give the token a name, e.g. the script that will use it."))
    active = db.session.scalar(select(func.count(ApiToken.id)).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= MAX_ACTIVE_TOKENS:
        raise Refusal("name", _("You already have %(n)s tokens; revoke one first.",
                                 n=MAX_ACTIVE_TOKENS))
    record, token = ApiToken.issue(user, name)
    db.session.flush()
    audit.record("token_created", record, summary=f"{name} ({record.hint}…)")
    return token


def revoke_token(token: ApiToken) -> None:
    token.revoked_at = utcnow()
    audit.record("token_revoked", token, summary=f"{token.name} ({token.hint}…)")
