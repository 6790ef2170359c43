"""Person and agency forms."""
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import choices


class PersonForm(FlaskForm):
    full_name = StringField("Full name (as written, Latin or Cyrillic)", validators=[DataRequired(), Length(max=200)])
    sex = SelectField("Sex", choices=[("", "Unknown"), ("F", "Female"), ("M", "Male")], validators=[Optional()])
    country_code = SelectField("Country", validators=[DataRequired(message="Choose the country.")])
    agency_id = SelectField("Agency", validators=[Optional()])
    new_agency = StringField("…or a new agency", validators=[Optional(), Length(max=200)])
    position = StringField("Position", validators=[Optional(), Length(max=200)])
    email = StringField("Email", validators=[Optional(), Length(max=254)])
    submit = SubmitField("Save")

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_code.choices = choices.countries(blank="—", only=country_limit)
        self.agency_id.choices = choices.agencies(country_limit, blank="—")

    def validate_email(self, field) -> None:
        from ..register.parse import EMAIL

        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError("This is not an email address.")


class AgencyForm(FlaskForm):
    name = StringField("Agency name", validators=[DataRequired(), Length(max=200)])
    agency_type_id = SelectField("Agency type", validators=[Optional()])
    country_code = SelectField("Country", validators=[DataRequired(message="Choose the country.")])
    submit = SubmitField("Add agency")

    def __init__(self, *args, country_limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_type_id.choices = choices.agency_types(blank="—")
        self.country_code.choices = choices.countries(blank="—", only=country_limit)


class RenameAgencyForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    agency_type_id = SelectField("Agency type", validators=[Optional()])
    submit = SubmitField("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_type_id.choices = choices.agency_types(blank="—")
