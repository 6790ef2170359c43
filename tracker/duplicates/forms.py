"""The merge form: which record survives, and which record's value of each field is kept."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SubmitField

from ..i18n import label
from ..models import Person
from .services import MERGE_FIELDS

SIDES = ("a", "b")
FIELD_LABELS = {"full_name": _l("Full name"), "sex": _l("Sex"), "agency": _l("Agency"),
                "position": _l("Position"), "email": _l("Email")}


def shown(person: Person, field: str) -> str:
    """A field's value as the merge page shows it."""
    if field == "sex":
        return label("sex", person.sex)
    if field == "agency":
        return person.agency.name if person.agency else "—"
    return getattr(person, field) or "—"


class MergeForm(FlaskForm):
    survivor = RadioField(_l("Record to keep"), choices=[("a", "a"), ("b", "b")],
                          validate_choice=True)
    full_name = RadioField(FIELD_LABELS["full_name"], choices=SIDES)
    sex = RadioField(FIELD_LABELS["sex"], choices=SIDES)
    agency = RadioField(FIELD_LABELS["agency"], choices=SIDES)
    position = RadioField(FIELD_LABELS["position"], choices=SIDES)
    email = RadioField(FIELD_LABELS["email"], choices=SIDES)
    submit = SubmitField(_l("Merge"))

    def __init__(self, a: Person, b: Person, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survivor.choices = [("a", f"#{a.id} {a.full_name}"), ("b", f"#{b.id} {b.full_name}")]
        for field in MERGE_FIELDS:
            self[field].choices = [("a", shown(a, field)), ("b", shown(b, field))]

    def field_choices(self) -> dict[str, str]:
        """The service's form of the choices: per field, "survivor" or "absorbed"."""
        return {field: "survivor" if self[field].data == self.survivor.data else "absorbed"
                for field in MERGE_FIELDS}


class PairForm(FlaskForm):
    """"Not the same person": the pair, and the queue page to go back to."""

    a = HiddenField()
    b = HiddenField()
    page = HiddenField()
    submit = SubmitField(_l("Not the same person"))


class UndoForm(FlaskForm):
    next = HiddenField()
    submit = SubmitField(_l("Undo merge"))
