"""Admin writes: users, phases and reference lists; each one audited with before and after."""
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from .. import audit
from ..api.tokens import revoke_all
from ..auth.passwords import generate_password, password_problem
from ..extensions import db
from ..models import Country, CountryTarget, Event, Phase, Programme, Role, User
from ..services import Refusal, first_wins, snapshot

USER_FACTS = ("email", "name", "role", "country_code", "is_active")
PHASE_FACTS = ("number", "name", "start_date", "end_date", "total_cost", "eu_contribution",
               "currency", "implementing_organisation", "funding_instrument",
               "target_events_held", "target_officials_trained", "target_women_trained",
               "completion_share")


def changes(before: dict, after: dict) -> tuple[dict, dict]:
    """Only what differs, so the audit log shows the change rather than the whole record."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


# --- Users ----------------------------------------------------------------------------------

def _check_country(country_code: str | None, role: str) -> None:
    if country_code and db.session.get(Country, country_code) is None:
        raise Refusal("country_code", _("Choose a country from the list."))
    if country_code and role == Role.ADMIN:  # SPEC "Roles": admins are never country-limited
        raise Refusal("country_code", _("An admin sees every country: choose “All countries”, "
                                        "or another role for a user limited to one country."))


def create_user(email: str, name: str, role: str, country_code: str | None, password: str) -> User:
    email = email.strip().lower()
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise Refusal("email", _("A user with this email already exists."))
    _check_country(country_code, role)
    if problem := password_problem(password):
        raise Refusal("password", problem)
    with first_wins("email", _("A user with this email already exists.")):
        user = User(email=email, name=name, role=role, country_code=country_code or None)
        user.set_password(password)
        db.session.add(user)
    audit.record("user_created", user, summary=email, after=snapshot(user, USER_FACTS))
    return user


def reset_password(user: User, by=None) -> str:
    """A new random password for the user, returned to be shown once; every session the user
    had is ended. Audited (never the password)."""
    password = generate_password()
    user.set_password(password)
    user.password_changed_at = None  # set for them, not chosen by them
    user.end_sessions()
    revoke_all(user, "password reset")
    audit.record("password_reset", user, summary=user.email, user=by)
    return password


def update_user(admin: User, user: User, name: str, role: str, country_code: str | None,
                new_password: str | None = None) -> None:
    """Change a user's name, role or country, and optionally set a new password."""
    country_code = country_code or None
    if user.id == admin.id and role != user.role:
        raise Refusal("role", _("You cannot change your own role; ask another admin."))
    _check_country(country_code, role)
    before = snapshot(user, USER_FACTS)
    user.name, user.role, user.country_code = name, role, country_code
    if new_password:
        if user.id == admin.id:
            raise Refusal("new_password", _("Change your own password on your account page."))
        if problem := password_problem(new_password):
            raise Refusal("new_password", problem)
        user.set_password(new_password)
        user.password_changed_at = None  # set by an admin, not chosen by the user
        user.end_sessions()
        revoke_all(user, "password reset by an admin")
        audit.record("password_reset", user, summary=user.email)
    old, new = changes(before, snapshot(user, USER_FACTS))
    if new:
        action = "role_changed" if "role" in new else "user_changed"
        audit.record(action, user, summary=user.email, before=old, after=new)


def set_active(admin: User, user: User, active: bool) -> None:
    """Deactivate (ending every session at once) or reactivate an account."""
    if user.id == admin.id and not active:
        raise Refusal(None, _("You cannot deactivate your own account."))
    if user.is_active == active:
        return
    user.is_active = active
    if not active:
        user.end_sessions()
        revoke_all(user, "account deactivated")
    audit.record("user_reactivated" if active else "user_deactivated", user, summary=user.email)


# --- Phases ---------------------------------------------------------------------------------

def save_phase(phase: Phase | None, values: dict) -> Phase:
    """Add a phase (phase=None) to the programme, or change one; phases may not overlap."""
    programme = (phase.programme if phase
                 else db.session.scalar(select(Programme).order_by(Programme.id)))
    others = select(Phase).where(Phase.programme_id == programme.id)
    if phase is not None:
        others = others.where(Phase.id != phase.id)
    if db.session.scalar(others.where(Phase.number == values["number"])):
        raise Refusal("number", _("%(programme)s already has a phase %(number)s.",
                                   programme=programme.name, number=values["number"]))
    overlapping = db.session.scalar(others.where(
        Phase.start_date <= values["end_date"], Phase.end_date >= values["start_date"]))
    if overlapping:
        raise Refusal("start_date", _(
            "These dates overlap phase %(number)s (%(start)s – %(end)s); an event's date must "
            "name one phase.", number=overlapping.number,
            start=overlapping.start_date.strftime("%d.%m.%Y"),
            end=overlapping.end_date.strftime("%d.%m.%Y")))
    total, eu = values.get("total_cost"), values.get("eu_contribution")
    if total is not None and eu is not None and eu > total:
        raise Refusal("eu_contribution", _("The EU contribution is larger than the total cost."))

    before = snapshot(phase, PHASE_FACTS) if phase else None
    if phase is None:
        phase = Phase(programme=programme)
        db.session.add(phase)
    for name, value in values.items():
        setattr(phase, name, value)
    db.session.flush()
    after = snapshot(phase, PHASE_FACTS)
    if before is None:
        audit.record("phase_created", phase, summary=phase.name, after=after)
    else:
        old, new = changes(before, after)
        if new:
            audit.record("phase_changed", phase, summary=phase.name, before=old, after=new)
    return phase


COUNTRY_TARGET_FACTS = ("target_events_held", "target_officials_trained", "target_women_trained",
                        "baseline_officials_trained", "baseline_women_trained")


def save_country_target(phase: Phase, country_code: str, values: dict) -> CountryTarget | None:
    """Set a country's targets and baseline for the phase; all of them blank removes them.

    Returns the saved targets, or None when they were removed (or there were none)."""
    country = db.session.get(Country, country_code or "")
    if country is None or not country.is_beneficiary:
        raise Refusal("country_code", _("Choose a beneficiary country from the list."))
    target = db.session.scalar(select(CountryTarget).where(
        CountryTarget.phase_id == phase.id, CountryTarget.country_code == country.code))
    summary = f"{phase.name}, {country.code}"
    if all(values.get(name) is None for name in COUNTRY_TARGET_FACTS):
        if target is not None:
            audit.record("country_target_removed", target, summary=summary,
                         before=snapshot(target, COUNTRY_TARGET_FACTS))
            db.session.delete(target)
            db.session.flush()
        return None
    before = snapshot(target, COUNTRY_TARGET_FACTS) if target else None
    if target is None:
        target = CountryTarget(phase=phase, country_code=country.code)
        db.session.add(target)
    for name in COUNTRY_TARGET_FACTS:
        setattr(target, name, values.get(name))
    db.session.flush()
    after = snapshot(target, COUNTRY_TARGET_FACTS)
    if before is None:
        audit.record("country_target_set", target, summary=summary, after=after)
    else:
        old, new = changes(before, after)
        if new:
            audit.record("country_target_set", target, summary=summary, before=old, after=new)
    return target


def events_outside(phase: Phase) -> int:
    """Events of the phase that start outside its dates (they stay in it, but may be wrong)."""
    return db.session.scalar(select(func.count(Event.id)).where(
        Event.phase_id == phase.id,
        or_(Event.start_date < phase.start_date, Event.start_date > phase.end_date)))
