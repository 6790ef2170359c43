"""The interface in English and Russian: which language a request gets, and the language
switch. Chosen by the user's profile setting, else the session's switch, else the browser's
Accept-Language."""
from flask import Blueprint, Flask, has_request_context, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .codes import AttendanceRole, EventStatus, MarkStatus, Role, Scope, SessionPart, Sex
from .extensions import babel

LANGUAGES = {"en": "English", "ru": "Русский"}
bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    if not has_request_context():
        return "en"  # the command line (flask import-register, exports) stays English
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    if session.get("locale") in LANGUAGES:
        return session["locale"]
    return request.accept_languages.best_match(list(LANGUAGES), "en")


def language() -> str:
    return str(get_locale().language) if get_locale() else "en"


def local_name(obj) -> str:
    """A reference row's name in the page's language (countries, topics, kinds, types)."""
    if obj is None:
        return ""
    return (obj.name_ru if language() == "ru" and getattr(obj, "name_ru", None) else obj.name_en)


@bp.route("/language/<code>", methods=["POST"])
def switch(code: str):
    if code in LANGUAGES:
        session["locale"] = code
        if current_user.is_authenticated:
            current_user.locale = code
    from .auth.routes import safe_next

    return redirect(safe_next(request.form.get("next")) or url_for("dashboard.home"))


def register(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)
    app.add_template_global(language)
    app.add_template_global(local_name)
    app.add_template_global(LANGUAGES, "LANGUAGES")
    app.add_template_global(label)


# Labels of the fixed values stored in English codes, for every page, export and report.
ATTENDANCE_ROLE_LABELS = {AttendanceRole.PARTICIPANT: _l("Participant"),
                          AttendanceRole.TRAINER: _l("Trainer"),
                          AttendanceRole.ORGANISER: _l("Organiser"),
                          AttendanceRole.OBSERVER: _l("Observer")}
STATUS_LABELS = {EventStatus.HELD: _l("held"), EventStatus.PLANNED: _l("planned"),
                 EventStatus.CANCELLED: _l("cancelled")}
SCOPE_LABELS = {Scope.REGIONAL: _l("regional"), Scope.NATIONAL: _l("national")}
USER_ROLE_LABELS = {Role.STAFF: _l("staff"), Role.COORDINATOR: _l("coordinator"),
                    Role.MANAGER: _l("manager"), Role.ADMIN: _l("admin")}
SEX_LABELS = {Sex.FEMALE: _l("Female"), Sex.MALE: _l("Male"), None: _l("Unknown")}
MARK_LABELS = {MarkStatus.PRESENT: _l("Present"), MarkStatus.LATE: _l("Late"),
               MarkStatus.EXCUSED: _l("Excused"), MarkStatus.ABSENT: _l("Absent")}
SESSION_PART_LABELS = {SessionPart.DAY: _l("Whole day"), SessionPart.MORNING: _l("Morning"),
                       SessionPart.AFTERNOON: _l("Afternoon"), SessionPart.EVENING: _l("Evening")}
# Why two records are suspected to be one official (name_match.PairReason values).
PAIR_REASON_LABELS = {
    "same email": _l("same email"), "different emails": _l("different emails"),
    "initials": _l("initials"), "patronymic in one record": _l("patronymic in one record"),
    "typo": _l("typo"), "other form of the surname": _l("other form of the surname"),
    "other form of the patronymic": _l("other form of the patronymic"),
    "other transliteration": _l("other transliteration"), "same name": _l("same name"),
}


def role_names() -> dict[str, str]:
    """Each attendance role as rosters show it ("trainer" / "тренер"), in the page's language:
    asked once for a list of many rows, not once per row."""
    return {role: label("role", role).lower() for role in AttendanceRole}


def label(kind: str, value) -> str:
    """label("role", "trainer") -> "Trainer" / "Тренер"."""
    table = {"role": ATTENDANCE_ROLE_LABELS, "status": STATUS_LABELS, "scope": SCOPE_LABELS,
             "user_role": USER_ROLE_LABELS, "sex": SEX_LABELS, "pair_reason": PAIR_REASON_LABELS,
             "mark": MARK_LABELS, "session_part": SESSION_PART_LABELS}[kind]
    return str(table.get(value, value if value is not None else table.get(None, "")))
