"""A service's refusal of a request: what is wrong, and which form field to show it next to."""


class Refused(Exception):
    """Raised by a service when a request makes no sense; nothing of it may be committed."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def show_on(form, refusal: Refused) -> None:
    """Put the refusal next to its field, or above the form when it names none."""
    field = form._fields.get(refusal.field) if refusal.field else None
    if field is None:
        form.form_errors.append(refusal.message)
    else:
        field.errors = [*field.errors, refusal.message]
