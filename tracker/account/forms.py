"""Forms of the account page; the password rules themselves live in auth/passwords.py."""
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from ..auth.passwords import MAX_LENGTH


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password",
                                     validators=[DataRequired(), Length(max=MAX_LENGTH)])
    new_password = PasswordField("New password",
                                 validators=[DataRequired(), Length(max=MAX_LENGTH)])
    confirm = PasswordField("New password again", validators=[
        DataRequired(), EqualTo("new_password", "The two new passwords differ.")])
    submit = SubmitField("Change password")


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=100)])
    submit = SubmitField("Create token")
