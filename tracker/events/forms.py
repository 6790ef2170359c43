"""Event forms: format checks only; whether an event fits its phase is the service's call."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .. import choices
from ..i18n import ATTENDANCE_ROLE_LABELS
from ..models import AttendanceRole, EventStatus, Scope
from ..people.forms import PersonForm
from ..validators import CleanText, OptionalChoice

# Capitalised for select boxes; the lower-case labels of tracker.i18n are for running text.
SCOPE_CHOICES = {Scope.REGIONAL: _l("Regional"), Scope.NATIONAL: _l("National")}
STATUS_CHOICES = {EventStatus.HELD: _l("Held"), EventStatus.PLANNED: _l("Planned"),
                  EventStatus.CANCELLED: _l("Cancelled")}
ROLE_CHOICES = [(r, ATTENDANCE_ROLE_LABELS[r]) for r in AttendanceRole]
# WTForms' own Russian for this message says "greater than"; ours says "at least".
AT_LEAST = _l("Number must be at least %(min)s.")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300), CleanText()])
    kind_id = SelectField(_l("Kind"), validators=[DataRequired(message=_l("Choose the kind of event."))])
    scope = SelectField(_l("Scope"), choices=[("", "—")] + list(SCOPE_CHOICES.items()),
                        validators=[OptionalChoice()])
    status = SelectField(_l("Status"), choices=list(STATUS_CHOICES.items()), default=EventStatus.HELD)
    start_date = DateField(_l("Start date"), validators=[InputRequired(message=_l("Enter the first day."))])
    end_date = DateField(_l("End date"), validators=[Optional()])
    country_code = SelectField(_l("Host country"), validators=[DataRequired(message=_l("Choose the country."))])
    city = StringField(_l("City"), validators=[Optional(), Length(max=100), CleanText()])
    phase = SelectField(_l("Phase"), validators=[OptionalChoice()])
    topic_ids = CheckboxesField(_l("Topics"))
    code = StringField(_l("Event code"), validators=[Optional(), Length(max=50), CleanText()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000), CleanText()],
                          render_kw={"rows": 3})
    version = HiddenField()
    # Offered when a shorter event would leave attendees with more days than it lasts.
    cut_days = BooleanField(_l("Cut their days attended to the event's new length"))
    submit = SubmitField(_l("Save event"))

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_id.choices = choices.event_kinds(blank="—")
        self.country_code.choices = choices.countries(blank="—", only=country_limit)
        self.phase.choices = choices.phases(blank=_("From the start date"))
        self.topic_ids.choices = choices.topics()

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_("The end date is before the start date."))


class AddAttendeeForm(FlaskForm):
    """Add a person on record to the event."""

    person_id = HiddenField(validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    days_attended = IntegerField(_l("Days attended"), validators=[Optional(), NumberRange(min=1, message=AT_LEAST)])
    submit = SubmitField(_l("Add"))


class NewAttendeeForm(PersonForm):
    """Create a person and add them to the event in one step: the person's fields, then the
    attendance's."""

    full_name = StringField(_l("Full name (Latin or Cyrillic)"),
                            validators=[DataRequired(), Length(max=200), CleanText(name=True)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    days_attended = IntegerField(_l("Days attended"), validators=[Optional(), NumberRange(min=1, message=AT_LEAST)])
    is_confirmed_new = HiddenField()
    submit = SubmitField(_l("Create and add"))


class AttendanceForm(FlaskForm):
    """Change an attendee's role and days."""

    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    days_attended = IntegerField(_l("Days"), validators=[Optional(), NumberRange(min=1, message=AT_LEAST)])
    submit = SubmitField(_l("Save"))


class DeleteForm(FlaskForm):
    submit = SubmitField(_l("Delete"))


class AttachmentForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[("sign_in_sheet", _l("Signed sign-in sheet")),
                                            ("agenda", _l("Agenda")), ("other", _l("Other"))])
    file = FileField(_l("File (PDF, JPG or PNG)"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Attach"))


class TestimonyForm(FlaskForm):
    quote = TextAreaField(_l("What they said"), validators=[DataRequired(), Length(max=2000), CleanText()],
                          render_kw={"rows": 3})
    attribution = StringField(_l("Who said it, in words that do not identify them"),
                              validators=[DataRequired(), Length(max=200), CleanText()],
                              render_kw={"placeholder": _l("Officer from a Kyrgyz border crossing point")})
    language = SelectField(_l("Language"), choices=[("en", _l("English")), ("ru", _l("Russian"))])
    has_consent = BooleanField(_l("The person agreed to be quoted"))
    is_in_phase_report = BooleanField(_l("Quote it in the phase report"))
    submit = SubmitField(_l("Save testimony"))

    def validate_is_in_phase_report(self, field) -> None:
        if field.data and not self.has_consent.data:
            raise ValidationError(_("Only a testimony given with consent can be quoted in the phase report."))
