"""Forms of the account page; the password rules themselves live in auth/passwords.py."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from ..auth.passwords import MAX_LENGTH
from ..i18n import LANGUAGES
from ..validators import CleanText


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(), Length(max=MAX_LENGTH)])
    new_password = PasswordField(_l("New password"),
                                 validators=[DataRequired(), Length(max=MAX_LENGTH)])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new_password", _l("The two new passwords differ."))])
    submit = SubmitField(_l("Change password"))


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100), CleanText()])
    submit = SubmitField(_l("Create token"))


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=[])  # "" = the browser's
    submit = SubmitField(_l("Save language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language is named in itself, so anyone finds theirs whatever the page's language.
        self.language.choices = [("", _("The browser's language")), *LANGUAGES.items()]
