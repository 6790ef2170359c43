"""Person and agency forms."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import choices
from ..models import Sex
from ..validators import CleanText, OptionalChoice

SEX_CHOICES = [("", _l("Unknown")), (Sex.FEMALE, _l("Female")), (Sex.MALE, _l("Male"))]


class PersonForm(FlaskForm):
    full_name = StringField(_l("Full name (as written, Latin or Cyrillic)"),
                            validators=[DataRequired(), Length(max=200), CleanText(name=True)])
    sex = SelectField(_l("Sex"), choices=SEX_CHOICES, validators=[OptionalChoice()])
    country_code = SelectField(_l("Country"), validators=[DataRequired(message=_l("Choose the country."))])
    agency_id = SelectField(_l("Agency"), validators=[OptionalChoice()])
    new_agency = StringField(_l("…or a new agency"), validators=[Optional(), Length(max=200), CleanText()])
    new_agency_type_id = SelectField(_l("The new agency's type"), validators=[OptionalChoice()])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200), CleanText()])
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254), CleanText()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_code.choices = choices.countries(blank="—", only=country_limit)
        self.agency_id.choices = choices.agencies(country_limit, blank="—")
        self.new_agency_type_id.choices = choices.agency_types(blank="—")

    def validate_email(self, field) -> None:
        from ..register.rows import EMAIL

        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError(_("This is not an email address."))


class AgencyForm(FlaskForm):
    name = StringField(_l("Agency name"), validators=[DataRequired(), Length(max=200), CleanText()])
    agency_type_id = SelectField(_l("Agency type"), validators=[OptionalChoice()])
    country_code = SelectField(_l("Country"), validators=[DataRequired(message=_l("Choose the country."))])
    submit = SubmitField(_l("Add agency"))

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_type_id.choices = choices.agency_types(blank="—")
        self.country_code.choices = choices.countries(blank="—", only=country_limit)


class RenameAgencyForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), CleanText()])
    agency_type_id = SelectField(_l("Agency type"), validators=[OptionalChoice()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_type_id.choices = choices.agency_types(blank="—")
