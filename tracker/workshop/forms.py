"""The workshop's forms: staff's, and the public check-in and surname check (the marks
grid's cells are read by grid.py)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from ..codes import Sex
from ..i18n import SESSION_PART_LABELS
from ..validators import CleanText


class CsrfForm(FlaskForm):
    """A form of buttons: only its CSRF token is checked."""


class SessionForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Choose a day."))])
    part = SelectField(_l("Part of the day"), choices=[(str(k), v) for k, v in SESSION_PART_LABELS.items()],
                       validators=[InputRequired()])


class RevokeForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[
        DataRequired(message=_l("Say why the certificate is revoked.")), Length(max=300), CleanText()])


class OpenCheckInForm(FlaskForm):
    session = SelectField(_l("Session"), validators=[InputRequired()])  # choices: the event's sessions


class CheckInForm(FlaskForm):
    """What a participant types on their phone (public: no account)."""

    full_name = StringField(_l("Your full name"), validators=[
        DataRequired(message=_l("Enter your name as in your passport, in Latin or Cyrillic letters.")),
        Length(max=200), CleanText(name=True)])
    country_code = SelectField(_l("Country"), validators=[InputRequired(message=_l("Choose your country."))])
    agency_id = SelectField(_l("Agency"), validate_choice=False)  # grouped by country: see the service
    sex = RadioField(_l("Sex (optional)"), choices=[(Sex.FEMALE, _l("Female")), (Sex.MALE, _l("Male")),
                                                    ("", _l("Prefer not to say"))], default="",
                     validate_choice=True)


class SurnameForm(FlaskForm):
    """The verify page's check of the holder's surname (public: no account)."""

    surname = StringField(_l("The holder's surname"), validators=[
        DataRequired(message=_l("Type the surname as it is printed on the certificate.")),
        Length(max=100), CleanText()])
