"""Upload and confirmation forms for register files."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional, Regexp

TOKEN = r"^[A-Za-z0-9_-]{16,64}$"


# What a register may be saved as; the reader decides from the file's bytes, not its name.
EXTENSIONS = ["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"]


class UploadForm(FlaskForm):
    file = FileField(_l("Register file (XLSX, XLS, ODS or CSV)"), validators=[
        FileRequired(_l("Choose an XLSX, XLS, ODS or CSV file.")),
        FileAllowed(EXTENSIONS, _l("Upload an .xlsx, .xls, .ods or .csv file.")),
    ])
    submit = SubmitField(_l("Preview"))


class AttendanceListForm(FlaskForm):
    """An event's attendance list: a file, or rows pasted from a spreadsheet."""

    file = FileField(_l("Attendance list (XLSX, XLS, ODS or CSV)"), validators=[
        Optional(), FileAllowed(EXTENSIONS, _l("Upload an .xlsx, .xls, .ods or .csv file."))])
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
    is_pasted = HiddenField()  # "yes": the upload is rows pasted from a spreadsheet
    slash_dates = HiddenField()  # the preview's answer: "day" or "month" first
    submit = SubmitField(_l("Import"))


class ColumnsForm(FlaskForm):
    """The preview's answers about a stored upload: each column-N select (what column N is
    read as) and slash_dates are read from the request by register.preview."""

    token = HiddenField(validators=[DataRequired(), Regexp(TOKEN)])
    filename = HiddenField()
    is_pasted = HiddenField()
