"""The marks grid on the event page: one select per attendee and session.

Each select is named after what it showed, "mark-<attendance>-<day>-<part>-<shown>", so a
save writes only the cells this user changed: two people marking different sessions at
once do not undo each other's marks.
"""
from dataclasses import dataclass
from functools import cached_property

from flask_babel import gettext

from ..i18n import label
from ..models import Attendance, EventSession, MarkStatus
from . import marks
from .forms import CsrfForm, SessionForm
from .labels import session_label

NO_MARK = "none"


@dataclass
class Column:
    session: EventSession
    key: str  # marks.session_key(session)
    label: str  # session_label(session), in the page's language


@dataclass
class Grid:
    """What the grid shows. Everything said the same way in every cell (a session's name, the
    marks' names, the select's label) is worked out once here, not once per cell: 500
    attendees and five sessions are 2,500 cells."""

    sessions: list[EventSession]
    marks: dict[marks.Cell, str]
    rows: list[Attendance]

    def __post_init__(self) -> None:
        self.columns = [Column(s, marks.session_key(s), session_label(s)) for s in self.sessions]
        self.options = [(status, label("mark", status)) for status in MarkStatus]
        self.cell_label = gettext("%(name)s, %(session)s")  # a select's label: "Aigul Bekova, 14.03"

    def field(self, attendance: Attendance, column: Column) -> str:
        shown = self.marks.get((attendance.id, column.key)) or NO_MARK
        return f"mark-{attendance.id}-{column.key}-{shown}"

    def mark(self, attendance: Attendance, column: Column) -> str | None:
        return self.marks.get((attendance.id, column.key))

    @cached_property
    def marked(self) -> set[int]:
        """The attendances with any mark (asked for every row)."""
        return {aid for aid, _key in self.marks}


def grid(event, roster: list[Attendance]) -> Grid:
    return Grid(marks.sessions_of(event), marks.marks_of(event), roster)


def context(event, roster: list[Attendance]) -> dict:
    """What the event page's marks section needs."""
    return {"grid": grid(event, roster), "session_label": session_label,
            "event_days": marks.event_days(event), "csrf_form": CsrfForm(formdata=None),
            "session_form": SessionForm(formdata=None)}


def cells_from_form(form) -> dict[marks.Cell, str | None] | None:
    """The cells the user changed; None when the form is not one the grid could send."""
    cells: dict[marks.Cell, str | None] = {}
    for name, value in form.items():
        if not (name or "").startswith("mark-"):  # a multipart field may come without a name
            continue
        parts = name.split("-")
        if len(parts) != 7 or not (parts[1].isascii() and parts[1].isdigit()):
            return None
        aid, key, shown = int(parts[1]), "-".join(parts[2:6]), parts[6]
        new = None if value in ("", NO_MARK) else value
        if new is not None and new not in list(MarkStatus):
            return None
        if new != (None if shown == NO_MARK else shown):
            cells[(aid, key)] = new
    return cells
