"""Admin forms; they check format, the services check meaning (uniqueness, overlaps, self-harm)."""
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    StopValidation,
    ValidationError,
)

from ..auth.passwords import MAX_LENGTH
from ..i18n import label
from ..models import Role
from ..security import MAX_ID
from ..validators import CleanText
from . import logos

MAX_MONEY = Decimal("999999999999.99")  # Numeric(14, 2)


def finite(form, field):
    # Decimal("NaN"), "sNaN" and "Infinity" parse, but are no amount of money.
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_("Enter an amount, e.g. 4954784.93."))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class UserForm(FlaskForm):
    name = StringField(_l("Name"), filters=[_strip],
                       validators=[DataRequired(), Length(max=200), CleanText()])
    role = SelectField(_l("Role"), choices=[])
    country_code = SelectField(_l("Countries"), choices=[])  # filled by the view: "" = all
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role, label("user_role", role).capitalize()) for role in Role]


class NewUserForm(UserForm):
    email = EmailField(_l("Email"), filters=[_strip],
                       validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Create user"))


class EditUserForm(UserForm):
    new_password = PasswordField(_l("New password"),
                                 validators=[Optional(), Length(max=MAX_LENGTH)])


class PhaseForm(FlaskForm):
    number = IntegerField(_l("Number"), validators=[InputRequired(), NumberRange(min=1, max=999)])
    name = StringField(_l("Phase name"), filters=[_strip],
                       validators=[DataRequired(), Length(max=100), CleanText()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[InputRequired()])
    total_cost = DecimalField(_l("Total cost"), places=2,
                              validators=[Optional(), finite, NumberRange(min=0, max=MAX_MONEY)])
    eu_contribution = DecimalField(
        _l("EU contribution"), places=2,
        validators=[Optional(), finite, NumberRange(min=0, max=MAX_MONEY)])
    currency = StringField(
        _l("Currency"), default="EUR", filters=[_strip, lambda v: v and v.upper()],
        validators=[DataRequired(), Regexp(r"^[A-Z]{3}$", message=_l("Three letters, e.g. EUR."))])
    implementing_organisation = StringField(_l("Implementing organisation"), filters=[_strip],
                                            validators=[Optional(), Length(max=200), CleanText()])
    funding_instrument = StringField(_l("Funding instrument"), filters=[_strip],
                                     validators=[Optional(), Length(max=200), CleanText()])
    target_events_held = IntegerField(_l("Target: events held"),
                                      validators=[Optional(), NumberRange(min=0, max=100_000)])
    target_officials_trained = IntegerField(
        _l("Target: officials trained"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    target_women_trained = IntegerField(_l("Target: women trained"),
                                        validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    completion_percent = IntegerField(_l("Completion share (%)"), default=80,
                                      validators=[InputRequired(), NumberRange(min=1, max=100)])
    submit = SubmitField(_l("Save phase"))

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_("The end date is before the start date."))


def _count_field(label, maximum: int = 1_000_000) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(min=0, max=maximum)])


class CountryTargetForm(FlaskForm):
    """One country's targets and baseline for a phase; all blank removes them."""

    country_code = SelectField(_l("Country"), choices=[])  # filled by the view
    target_events_held = _count_field(_l("Target: events held"), 100_000)
    target_officials_trained = _count_field(_l("Target: officials trained"))
    target_women_trained = _count_field(_l("Target: women trained"))
    baseline_officials_trained = _count_field(_l("Baseline: officials trained"))
    baseline_women_trained = _count_field(_l("Baseline: women trained"))
    submit = SubmitField(_l("Save the country's targets"))

    def validate_target_women_trained(self, field):
        officials = self.target_officials_trained.data
        if field.data is not None and officials is not None and field.data > officials:
            raise ValidationError(_("More women than officials: the women are among the "
                                    "officials trained."))

    def validate_baseline_women_trained(self, field):
        officials = self.baseline_officials_trained.data
        if field.data is not None and officials is not None and field.data > officials:
            raise ValidationError(_("More women than officials: the women are among the "
                                    "officials trained."))


CODE_RULES = {
    # The country code is the primary key: ISO 3166-1 alpha-2; other lists use readable slugs.
    "Country": (lambda v: v and v.upper(), r"^[A-Z]{2}$", _l("Two letters (ISO 3166-1), e.g. KG.")),
    None: (lambda v: v and v.lower(), r"^[a-z][a-z0-9_ ]*$",
           _l("Lower-case letters, digits, spaces or _.")),
}


def reference_form(model, adding: bool) -> type[FlaskForm]:
    """The add or rename form of a reference list, its lengths taken from the model's columns."""
    columns = model.__table__.c

    class ReferenceForm(FlaskForm):
        pass

    if adding and "code" in columns:
        case, pattern, message = CODE_RULES.get(model.__name__, CODE_RULES[None])
        ReferenceForm.code = StringField(_l("Code"), filters=[_strip, case], validators=[
            DataRequired(), Length(max=columns.code.type.length), Regexp(pattern, message=message)])
    ReferenceForm.name_en = StringField(_l("Name (English)"), filters=[_strip], validators=[
        DataRequired(), Length(max=columns.name_en.type.length), CleanText()])
    ReferenceForm.name_ru = StringField(_l("Name (Russian)"), filters=[_strip], validators=[
        DataRequired(), Length(max=columns.name_ru.type.length), CleanText()])
    if adding and "is_beneficiary" in columns:
        ReferenceForm.is_beneficiary = BooleanField(
            _l("Beneficiary country (its officials are trained)"))
    ReferenceForm.submit = SubmitField(_l("Add") if adding else _l("Save"))
    return ReferenceForm


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a search: GET, changes nothing

    user = SelectField(_l("User"), choices=[], validate_choice=False)
    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    object_type = SelectField(_l("Object"), choices=[], validate_choice=False)
    object_id = IntegerField(_l("Object number"),
                             validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field):
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError(_("This date is before the “From” date."))


class LogoForm(FlaskForm):
    kind = SelectField(_l("Which logo"), choices=list(logos.KIND_LABELS.items()))
    file = FileField(_l("Image (PNG or SVG, at most 1 MB)"),
                     validators=[FileRequired(message=_l("Choose a file."))])
    submit = SubmitField(_l("Upload"))
