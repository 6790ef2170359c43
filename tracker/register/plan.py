"""Rows -> what an import would change: events, people, agencies and attendances, every
bad row named. Looks things up in bulk (a fixed number of queries per thousand rows)."""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select, tuple_
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Attendance, Event, Phase
from .parse import ParseResult, RegisterRow, RowError
from .people import AgencyPlan, PeoplePlanner, PersonPlan, chunks
from .reference import Reference

# Event facts a row may carry: (row attribute, event attribute, how to show it).
FACTS = ("event_title", "start_date", "end_date", "event_kind", "event_scope", "event_status",
         "event_country", "event_city", "topics", "phase")


@dataclass(eq=False)
class EventPlan:
    first_row: int
    facts: dict[str, object] = field(default_factory=dict)  # resolved values, by column
    fact_rows: dict[str, int] = field(default_factory=dict)
    code: str | None = None
    existing: Event | None = None
    phase: Phase | None = None
    new_id: int | None = None

    @property
    def id(self) -> int | None:
        return self.existing.id if self.existing else self.new_id

    @property
    def title(self) -> str:
        return self.existing.title if self.existing else self.facts["event_title"]

    @property
    def start_date(self) -> date:
        return self.existing.start_date if self.existing else self.facts["start_date"]

    @property
    def duration_days(self) -> int:
        if self.existing:
            return self.existing.duration_days
        end = self.facts.get("end_date")
        return (end - self.start_date).days + 1 if end else 1


@dataclass(eq=False)
class AttendancePlan:
    row: int
    event: EventPlan
    person: PersonPlan
    role: str
    days_attended: int | None
    agency: AgencyPlan | None
    pre_score: int | None = None
    post_score: int | None = None
    rating: int | None = None
    is_on_record: bool = False
    name_in_file: str = ""  # as the row writes it; person.full_name is the record's when matched


@dataclass
class Plan:
    events: list[EventPlan]
    people: list[PersonPlan]
    agencies: list[AgencyPlan]
    retyped_agencies: list[AgencyPlan]
    attendances: list[AttendancePlan]
    errors: list[RowError]
    parsed: ParseResult | None = None  # the header, its columns and the notes, for the preview

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes_anything(self) -> bool:
        counts = self.counts
        return bool(counts["events_new"] or counts["people_new"] or counts["people_updated"]
                    or counts["agencies_new"] or counts["attendances_new"] or self.retyped_agencies)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "events_new": sum(1 for e in self.events if e.existing is None),
            "events_matched": sum(1 for e in self.events if e.existing is not None),
            "people_new": sum(1 for p in self.people if p.existing is None),
            "people_matched": sum(1 for p in self.people if p.existing is not None),
            "people_updated": sum(1 for p in self.people if p.existing is not None and p.changes),
            "agencies_new": len(self.agencies),
            "attendances_new": sum(1 for a in self.attendances if not a.is_on_record),
            "attendances_on_record": sum(1 for a in self.attendances if a.is_on_record),
        }


def make_plan(rows: list[RegisterRow], *, event: Event | None = None,
              country_limit: str | None = None) -> Plan:
    """Plan an import. With `event`, every row is an attendee of that (existing) event."""
    ref = Reference()
    errors: list[RowError] = []
    if event is not None:
        single = EventPlan(first_row=2, existing=event, phase=event.phase)
        row_events = {row.row: single for row in rows if _of_event(row, event, errors)}
        events = [single]
    else:
        events, row_events = _plan_events(rows, ref, errors, country_limit)
    planner = PeoplePlanner(rows, ref, errors, country_limit)
    attendances = _plan_attendances(rows, row_events, planner, errors)
    errors.sort()
    return Plan(events, planner.people, planner.new_agencies, planner.retyped_agencies,
                attendances, errors)


def _of_event(row: RegisterRow, event: Event, errors: list[RowError]) -> bool:
    """Whether a row of an event's attendance list that names an event (a roster exported
    and uploaded again) names this one."""
    for column, named, own in (("event_code", row.event_code, event.code),
                               ("event_title", row.event_title and row.event_title.casefold(),
                                event.title.casefold()),
                               ("start_date", row.start_date, event.start_date)):
        if named and named != own:
            errors.append(RowError(row.row, column, _(
                "this row is of another event than “%(title)s” (%(date)s); upload it on that event's "
                "page, or at Import", title=event.title, date=event.start_date.strftime("%d.%m.%Y"))))
            return False
    return True


def _plan_events(rows, ref: Reference, errors: list[RowError], country_limit: str | None):
    plans: dict[tuple, EventPlan] = {}
    row_events: dict[int, EventPlan] = {}
    for row in rows:
        key = ("code", row.event_code) if row.event_code else (
            "title", row.event_title.casefold(), row.start_date)
        plan = plans.setdefault(key, EventPlan(first_row=row.row, code=row.event_code))
        if _take_facts(plan, row, ref, errors):
            row_events[row.row] = plan
    _match_existing(list(plans.values()))
    for plan in plans.values():
        _settle(plan, ref, errors, country_limit)
    return list(plans.values()), row_events


def _resolve(column: str, value, ref: Reference, row: RegisterRow, errors) -> tuple[bool, object]:
    lookups = {"event_kind": ref.kinds, "event_country": ref.countries}
    if column in lookups:
        found = lookups[column].get(value)
        if found is None:
            errors.append(RowError(row.row, column, lookups[column].unknown(value)))
            return False, None
        return True, found
    if column == "topics":
        ids = []
        for name in value:
            topic_id = ref.topics.get(name)
            if topic_id is None:
                errors.append(RowError(row.row, "topics", ref.topics.unknown(name)))
                return False, None
            ids.append(topic_id)
        return True, frozenset(ids)
    if column == "phase" and value not in ref.phases:
        known = ", ".join(map(str, ref.phases))
        errors.append(RowError(row.row, "phase", _("unknown phase %(phase)s; phases on record: %(known)s",
                                                    phase=value, known=known)))
        return False, None
    return True, value


def _take_facts(plan: EventPlan, row: RegisterRow, ref: Reference, errors) -> bool:
    ok = True
    for column in FACTS:
        value = getattr(row, column)
        if value in (None, ()):
            continue
        resolved_ok, value = _resolve(column, value, ref, row, errors)
        if not resolved_ok:
            ok = False
            continue
        if column in plan.facts and plan.facts[column] != value and column != "event_title":
            first = plan.fact_rows[column]
            errors.append(RowError(row.row, column, _("differs from row %(row)s for the same event", row=first)))
            ok = False
        elif column == "event_title" and column in plan.facts and \
                plan.facts[column].casefold() != value.casefold():
            errors.append(RowError(row.row, column, _("differs from row %(row)s for event code %(code)s",
                                                      row=plan.fact_rows[column], code=plan.code)))
            ok = False
        elif column not in plan.facts:
            plan.facts[column], plan.fact_rows[column] = value, row.row
    return ok


def _match_existing(plans: list[EventPlan]) -> None:
    codes = [p.code for p in plans if p.code]
    dates = sorted({p.facts["start_date"] for p in plans if not p.code and "start_date" in p.facts})
    by_code, by_title = {}, {}
    for part in chunks(codes):
        by_code.update((e.code, e) for e in db.session.scalars(
            select(Event).where(Event.code.in_(part)).options(selectinload(Event.topics))))
    for part in chunks(dates):
        for e in db.session.scalars(select(Event).where(Event.start_date.in_(part))
                                    .options(selectinload(Event.topics))):
            by_title.setdefault((e.title.casefold(), e.start_date), e)
    for plan in plans:
        if plan.code:
            plan.existing = by_code.get(plan.code)
        elif "event_title" in plan.facts and "start_date" in plan.facts:
            plan.existing = by_title.get((plan.facts["event_title"].casefold(), plan.facts["start_date"]))


def _settle(plan: EventPlan, ref: Reference, errors, country_limit: str | None) -> None:
    """Check an event's facts against the record, or complete a new event's facts."""
    facts, rows = plan.facts, plan.fact_rows
    event = plan.existing
    if event is not None and event.deleted_at is not None:
        # Its code (or title and date) is still taken; restoring it is the way to add to it.
        errors.append(RowError(plan.first_row, "event_code" if plan.code else "event_title",
                               _("this is event #%(id)s “%(title)s”, which is in Deleted events; "
                                 "restore it first", id=event.id, title=event.title)))
    if event is not None:
        on_record = {
            "event_title": event.title, "start_date": event.start_date, "end_date": event.end_date,
            "event_kind": event.kind_id, "event_scope": event.scope, "event_status": event.status,
            "event_country": event.country_code, "event_city": event.city,
            "topics": frozenset(t.id for t in event.topics), "phase": event.phase.number,
        }
        for column, value in facts.items():
            same = (value.casefold() == (on_record[column] or "").casefold()
                    if isinstance(value, str) else value == on_record[column])
            if not same:
                errors.append(RowError(rows[column], column,
                                       _("differs from the event on record (#%(id)s “%(title)s”)",
                                         id=event.id, title=event.title)))
        plan.phase = event.phase
    else:
        if "phase" in facts:
            plan.phase = ref.phases[facts["phase"]]
        elif "start_date" in facts:
            plan.phase = ref.phase_covering(facts["start_date"])
            if plan.phase is None:
                errors.append(RowError(rows["start_date"], "start_date",
                                       _("no phase covers %(date)s; name the phase in the phase column",
                                         date=facts["start_date"].strftime("%d.%m.%Y"))))
    host = facts.get("event_country") or (event.country_code if event else None)
    if country_limit and host != country_limit:
        errors.append(RowError(plan.first_row, "event_country",
                               _("your account may only record events held in %(country)s",
                                 country=country_limit)))


def _plan_attendances(rows, row_events, planner: PeoplePlanner, errors) -> list[AttendancePlan]:
    plans: list[AttendancePlan] = []
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        event = row_events.get(row.row)
        person = planner.person_for(row)
        if event is None or person is None:
            continue
        key = (id(event), id(person))
        if key in seen:
            errors.append(RowError(row.row, "full_name",
                                   _("%(name)s is already listed on row %(row)s for this event",
                                     name=row.full_name, row=seen[key])))
            continue
        seen[key] = row.row
        if row.days_attended and row.days_attended > event.duration_days:
            errors.append(RowError(row.row, "days_attended",
                                   _("%(days)s is more than the event's %(duration)s days",
                                     days=row.days_attended, duration=event.duration_days)))
            continue
        agency = planner.agencies.get((person.country_code, row.agency.casefold())) if row.agency else None
        plans.append(AttendancePlan(row.row, event, person, row.role, row.days_attended,
                                    agency or person.agency, row.pre_score, row.post_score, row.rating,
                                    name_in_file=row.full_name))
    _mark_on_record(plans)
    return plans


def _mark_on_record(plans: list[AttendancePlan]) -> None:
    pairs = sorted({(a.event.id, a.person.id) for a in plans if a.event.existing and a.person.existing})
    on_record: set[tuple[int, int]] = set()
    for part in chunks(pairs, 500):
        on_record.update(db.session.execute(
            select(Attendance.event_id, Attendance.person_id)
            .where(tuple_(Attendance.event_id, Attendance.person_id).in_(part))).all())
    for plan in plans:
        if plan.event.existing and plan.person.existing:
            plan.is_on_record = (plan.event.id, plan.person.id) in on_record
