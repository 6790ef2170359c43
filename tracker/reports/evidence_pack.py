"""The evidence pack a verification mission asks for: one ZIP with the period's figures, the
cross-table by country and sex and the list of events with their counts and evidence status
(one XLSX), and the signed sign-in sheets named by event code.

Coordinators and admins only (the sheets carry names); a user limited to a country gets the
events their country took part in and the sheets of the events it hosted (a sheet of an event
held elsewhere lists other countries' officials). Audited. The ZIP is written while it is
sent: the scans are read from disk in chunks, never all held in memory.
"""
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, current_app, request
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..auth.permissions import PRINT_AND_EXPORT, country_limit, role_required
from ..exports import Sheet, record_export, workbook
from ..extensions import db
from ..models import Attachment, Attendance, AttendanceRole, Event, Person, Sex
from ..totals import UnknownPhase, find_phase, latest_phase_with_events
from ..totals.crosstab import officials_crosstab
from ..totals.evidence import SIGNED_SHEET, evidence, held_events
from . import figures
from .blueprint import bp
from .crosstab import crosstab_sheet
from .period import Asked, asked_period
from .scope import requested_country, requested_phase, totals_for

CHUNK = 64 * 1024
WIDTHS = (16, 50, 12, 12, 20, 16, 14, 12, 20, 40)


@dataclass
class PackedEvent:
    event: Event
    participants: int
    women: int
    sheets: list[tuple[str, Path]]  # (name in the ZIP, file on disk)
    sheets_elsewhere: int  # signed sheets attached that this user may not take


class _Pipe(io.RawIOBase):
    """A write-only, unseekable file whose bytes are taken away as they come (zipfile then
    writes each member's sizes after its data)."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        return len(data)

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def stream_zip(members: Iterable[tuple[str, Callable[[], Iterable[bytes]]]]) -> Iterator[bytes]:
    """A ZIP file, chunk by chunk, of (name, function giving the content's chunks)."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            with archive.open(name, "w") as member:
                for chunk in content():
                    member.write(chunk)
                    if len(pipe.buffer) >= CHUNK:
                        yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def read_file(path: Path) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                yield chunk
    return chunks


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "event"


def packed_events(asked: Asked, country: str | None) -> list[PackedEvent]:
    """The held events the figures count, with their participants (of `country` when given),
    women, and the signed sheets this user may take (three queries)."""
    phase_id = None
    if asked.phase is not None:
        from ..totals import find_phase
        phase_id = find_phase(asked.phase).id
    start, end = (asked.period.start, asked.period.end) if asked.period else (None, None)
    clauses = held_events(phase_id, start, end, country)
    events = db.session.scalars(select(Event).where(*clauses).options(joinedload(Event.kind))
                                .order_by(Event.start_date, Event.id)).all()
    participants = select(Attendance.event_id, func.count(),
                          func.count().filter(Person.sex == Sex.FEMALE)).join(Person).where(
        Attendance.role == AttendanceRole.PARTICIPANT, Attendance.event_id.in_([e.id for e in events]))
    if country:
        participants = participants.where(Person.country_code == country)
    counts = {row[0]: row[1:] for row in db.session.execute(
        participants.group_by(Attendance.event_id))}
    sheets: dict[int, list[Attachment]] = {}
    for attachment in db.session.scalars(select(Attachment).where(
            Attachment.kind == SIGNED_SHEET, Attachment.event_id.in_([e.id for e in events]))
            .order_by(Attachment.id)):
        sheets.setdefault(attachment.event_id, []).append(attachment)

    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "attachments"
    own = country_limit()  # another country's signed sheets hold names the user may not read
    packed = []
    for event in events:
        attached = sheets.get(event.id, [])
        mine = [a for a in attached if not own or event.country_code == own]
        code = safe_name(event.code or f"event-{event.id}")
        files = []
        for n, attachment in enumerate(mine, start=1):
            path = folder / attachment.stored_name
            if path.is_file():
                suffix = Path(attachment.stored_name).suffix
                files.append((f"signed-sheets/{code}{'' if n == 1 else f'-{n}'}{suffix}", path))
        participants_n, women = counts.get(event.id, (0, 0))
        packed.append(PackedEvent(event, participants_n, women, files, len(attached) - len(mine)))
    return packed


def events_sheet(packed: list[PackedEvent]) -> Sheet:
    rows = []
    for item in packed:
        event = item.event
        if item.sheets:
            status = _("signed sheet attached")
        elif item.sheets_elsewhere:
            status = _("signed sheet kept by the host country")
        else:
            status = _("no signed sheet")
        rows.append([event.code or f"event-{event.id}", event.title, event.start_date,
                     event.end_date, event.kind.name_en if event.kind else None,
                     event.country_code, item.participants, item.women, status,
                     ", ".join(name for name, _path in item.sheets)])
    header = [_("Code"), _("Title"), _("Start date"), _("End date"), _("Kind"), _("Host country"),
              _("Participants"), _("Women"), _("Evidence"), _("Files in this pack")]
    return Sheet(_("Events"), header, rows, WIDTHS)


def pack_workbook(asked: Asked, country: str | None, packed: list[PackedEvent]) -> bytes:
    totals = totals_for(asked, country)
    phase = None
    if asked.phase is not None:
        from ..totals import find_phase
        phase = find_phase(asked.phase)
    period = asked.period
    proof = evidence(asked.phase, period and period.start, period and period.end, country)
    what = period.label if period else (phase.name if phase else _("All phases"))
    summary = [[_("Period"), what, None], [_("Countries"), country or _("all"), None]]
    summary += [[f.label, f.value, f.target] for f in figures.head_counts(totals, phase, country)]
    summary += [[f.label, f.value, None] for f in figures.outcomes(totals)]
    summary.append([_("Events held with a signed sign-in sheet"), proof["with_signed_sheet"],
                    proof["events_held"]])
    sheets = [Sheet(_("Figures"), [_("Figure"), _("Value"), _("Target")], summary, (44, 24, 12))]
    sheets += [Sheet(b.sheet_name, [_("Code"), b.heading, b.counted], [list(r) for r in b.rows],
                     (28, 40, 16)) for b in figures.breakdowns(totals)]
    table = officials_crosstab("country", "sex", phase_number=asked.phase,
                               start=period and period.start, end=period and period.end,
                               country=country)
    sheets.append(crosstab_sheet(table, _("Country and sex")))
    sheets.append(events_sheet(packed))
    buffer = io.BytesIO()
    workbook(sheets).save(buffer)
    return buffer.getvalue()


@bp.route("/evidence-pack")
@role_required(*PRINT_AND_EXPORT)
def evidence_pack():
    latest = latest_phase_with_events()
    asked = asked_period(request.args, latest.number if latest else None, requested_phase)
    if asked.errors:
        field, message = next(iter(asked.errors.items()))
        abort(400, description=f"{field}: {message}")
    country = requested_country(request.args.get("country"))
    if asked.phase is not None:
        try:
            find_phase(asked.phase)
        except UnknownPhase as error:
            abort(404, description=str(error))
    packed = packed_events(asked, country)
    data = pack_workbook(asked, country, packed)
    files = [item for event in packed for item in event.sheets]
    what = asked.period.slug if asked.period else (f"phase-{asked.phase}" if asked.phase else "all")
    name = f"evidence-{what}{'-' + country if country else ''}"
    record_export(None, f"Evidence pack {what}{' ' + country if country else ''}: "
                        f"{len(packed)} events, {len(files)} signed sheets")
    members = [(f"{name}/figures-and-events.xlsx", lambda: [data])]
    members += [(f"{name}/{zip_name}", read_file(path)) for zip_name, path in files]
    return Response(stream_zip(members), mimetype="application/zip", direct_passthrough=True,
                    headers={"Content-Disposition": f'attachment; filename="{name}.zip"'})
