"""Event forms: format checks only; whether an event fits its phase is the service's call."""
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
from ..models import ATTENDANCE_ROLES, SCOPES, STATUSES


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    kind_id = SelectField("Kind", validators=[DataRequired(message="Choose the kind of event.")])
    scope = SelectField("Scope", choices=[("", "—")] + [(s, s.title()) for s in SCOPES],
                        validators=[Optional()])
    status = SelectField("Status", choices=[(s, s.title()) for s in STATUSES], default="held")
    start_date = DateField("Start date", validators=[InputRequired(message="Enter the first day.")])
    end_date = DateField("End date", validators=[Optional()])
    country_code = SelectField("Host country", validators=[DataRequired(message="Choose the country.")])
    city = StringField("City", validators=[Optional(), Length(max=100)])
    phase = SelectField("Phase", validators=[Optional()])
    topic_ids = CheckboxesField("Topics")
    code = StringField("Event code", validators=[Optional(), Length(max=50)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=5000)], render_kw={"rows": 3})
    version = HiddenField()
    submit = SubmitField("Save event")

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_id.choices = choices.event_kinds(blank="—")
        self.country_code.choices = choices.countries(blank="—", only=country_limit)
        self.phase.choices = choices.phases(blank="From the start date")
        self.topic_ids.choices = choices.topics()

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError("The end date is before the start date.")


class AddAttendeeForm(FlaskForm):
    """Add a person on record to the event."""

    person_id = HiddenField(validators=[DataRequired()])
    role = SelectField("Role", choices=[(r, r.title()) for r in ATTENDANCE_ROLES])
    days_attended = IntegerField("Days attended", validators=[Optional(), NumberRange(min=1)])
    submit = SubmitField("Add")


class NewAttendeeForm(FlaskForm):
    """Create a person and add them to the event in one step."""

    full_name = StringField("Full name (Latin or Cyrillic)", validators=[DataRequired(), Length(max=200)])
    sex = SelectField("Sex", choices=[("", "Unknown"), ("F", "Female"), ("M", "Male")],
                      validators=[Optional()])
    country_code = SelectField("Country", validators=[DataRequired(message="Choose the country.")])
    agency_id = SelectField("Agency", validators=[Optional()])
    new_agency = StringField("…or a new agency", validators=[Optional(), Length(max=200)])
    position = StringField("Position", validators=[Optional(), Length(max=200)])
    email = StringField("Email", validators=[Optional(), Length(max=254)])
    role = SelectField("Role", choices=[(r, r.title()) for r in ATTENDANCE_ROLES])
    days_attended = IntegerField("Days attended", validators=[Optional(), NumberRange(min=1)])
    is_confirmed_new = HiddenField()
    submit = SubmitField("Create and add")

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_code.choices = choices.countries(blank="—", only=country_limit)
        self.agency_id.choices = choices.agencies(country_limit, blank="—")

    def validate_email(self, field) -> None:
        from ..register.parse import EMAIL

        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError("This is not an email address.")


class AttendanceForm(FlaskForm):
    """Change an attendee's role and days."""

    role = SelectField("Role", choices=[(r, r.title()) for r in ATTENDANCE_ROLES])
    days_attended = IntegerField("Days", validators=[Optional(), NumberRange(min=1)])
    submit = SubmitField("Save")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete")


class AttachmentForm(FlaskForm):
    kind = SelectField("Kind", choices=[("sign_in_sheet", "Signed sign-in sheet"),
                                        ("agenda", "Agenda"), ("other", "Other")])
    file = FileField("File (PDF, JPG or PNG)", validators=[FileRequired("Choose a file.")])
    submit = SubmitField("Attach")


class TestimonyForm(FlaskForm):
    quote = TextAreaField("What they said", validators=[DataRequired(), Length(max=2000)],
                          render_kw={"rows": 3})
    attribution = StringField("Who said it, in words that do not identify them",
                              validators=[DataRequired(), Length(max=200)],
                              render_kw={"placeholder": "Officer from a Kyrgyz border crossing point"})
    language = SelectField("Language", choices=[("en", "English"), ("ru", "Russian")])
    has_consent = BooleanField("The person agreed to be quoted")
    is_in_phase_report = BooleanField("Quote it in the phase report")
    submit = SubmitField("Save testimony")

    def validate_is_in_phase_report(self, field) -> None:
        if field.data and not self.has_consent.data:
            raise ValidationError("Only a testimony given with consent can be quoted in the phase report.")
