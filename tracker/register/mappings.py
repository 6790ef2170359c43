"""Column mappings remembered between imports: the user's reading of a header's unknown
columns, kept under the header's key and applied to the next file with the same header (on
the web and on the command line). Services flush; the request or command commits."""
import hashlib

from sqlalchemy import select

from ..extensions import db
from ..models import ColumnMapping
from .header import EVENT_COLUMNS, IGNORE, NAME_PARTS, PERSON_COLUMNS

FIELDS = tuple(sorted(EVENT_COLUMNS + PERSON_COLUMNS + NAME_PARTS))


def header_key(header: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(header).encode()).hexdigest()


def remembered(header: tuple[str, ...]) -> dict[str, str] | None:
    found = db.session.scalar(select(ColumnMapping).where(ColumnMapping.header_key == header_key(header)))
    return dict(found.columns) if found else None


def remember(header: tuple[str, ...], columns: dict[str, str], user=None) -> None:
    """Keep `columns` (normalized header cell -> field, IGNORE for a column not read)."""
    columns = {name: field for name, field in columns.items() if field in FIELDS or field == IGNORE}
    if not columns:
        return
    key = header_key(header)
    found = db.session.scalar(select(ColumnMapping).where(ColumnMapping.header_key == key))
    if found is None:
        db.session.add(ColumnMapping(header_key=key, columns=columns,
                                     updated_by_id=user.id if user is not None else None))
    else:
        found.columns = {**found.columns, **columns}
        found.updated_by_id = user.id if user is not None else None
    db.session.flush()
