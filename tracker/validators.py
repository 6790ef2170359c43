"""Validators shared by the forms of several features."""
from wtforms.validators import StopValidation


class OptionalChoice:
    """Optional() for select fields: a field left out of the request is the blank choice;
    a value that is sent must be one of the choices. (Optional() would also pass " " on
    unchecked, and on an edit form keep the record's own value, e.g. a Phase object.)"""

    field_flags = {"optional": True}

    def __call__(self, form, field) -> None:
        if not field.raw_data:
            field.data = ""
            field.errors[:] = []
            raise StopValidation()
