"""Upload and confirmation forms for register files."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional, Regexp

TOKEN = r"^[A-Za-z0-9_-]{16,64}$"


class UploadForm(FlaskForm):
    file = FileField(_l("Register file (CSV or XLSX)"), validators=[
        FileRequired(_l("Choose a CSV or XLSX file.")),
        FileAllowed(["csv", "xlsx", "txt"], _l("Upload a .csv or .xlsx file.")),
    ])
    submit = SubmitField(_l("Preview"))


class AttendanceListForm(FlaskForm):
    """An event's attendance list: a file, or rows pasted from a spreadsheet."""

    file = FileField(_l("Attendance list (CSV or XLSX)"), validators=[
        Optional(), FileAllowed(["csv", "xlsx", "txt"], _l("Upload a .csv or .xlsx file."))])
    pasted = TextAreaField(_l("…or paste rows copied from a spreadsheet, header row first"),
                           render_kw={"rows": 6})
    submit = SubmitField(_l("Preview"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.file.data and not (self.pasted.data or "").strip():
            self.file.errors.append(_("Choose a file or paste the rows."))
            return False
        return True


class ConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Regexp(TOKEN)])
    filename = HiddenField()
    submit = SubmitField(_l("Import"))
