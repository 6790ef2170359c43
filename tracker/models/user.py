"""People who sign in to the tracker, and their roles."""
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..auth.permissions import ADMINISTER, EDIT_EVENTS, PRINT_AND_EXPORT, SEE_NAMES
from ..codes import Role, check_in
from ..extensions import db
from ._base import utcnow
from .reference import Country


def password_method() -> str:
    """How passwords are hashed: the config's PASSWORD_HASH_METHOD (OWASP's scrypt)."""
    return current_app.config["PASSWORD_HASH_METHOD"]


def _new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(12))
    # A user limited to one country sees and changes only that country's events and people.
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie: replacing it ends every session of the user on the server.
    session_token: Mapped[str] = mapped_column(String(64), default=_new_session_token)
    locale: Mapped[str | None] = mapped_column(String(5))  # "en", "ru"; None: the browser's
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]

    country: Mapped[Country | None] = relationship()

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=password_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def password_needs_rehash(self) -> bool:
        return not self.password_hash.startswith(password_method() + "$")

    def end_sessions(self) -> None:
        """Invalidate every login cookie issued so far."""
        self.session_token = _new_session_token()

    # What the user may do, read from auth/permissions.py's table (for templates and views).
    @property
    def may_see_names(self) -> bool:
        return self.role in SEE_NAMES

    @property
    def may_edit(self) -> bool:
        return self.role in EDIT_EVENTS

    @property
    def may_print(self) -> bool:
        return self.role in PRINT_AND_EXPORT

    @property
    def is_admin(self) -> bool:
        return self.role in ADMINISTER
