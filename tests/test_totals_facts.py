"""The kept figures stay equal to a recount after any sequence of writes, by every path.

A coordinator's day, at random: attendees added, edited, marked per session and removed,
people merged and the merge undone, registers imported, events cancelled, moved, retopiced
and deleted, people corrected and erased. After each write the kept counters equal a recount
of the raw tables, and the public totals equal the plain SQL of tests/support/totals_reference.py.
"""
import os
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, select

from tests.conftest import PER_TEST_TABLES
from tests.support.totals_reference import reference_totals
from tracker.duplicates import services as merges
from tracker.events.deletion import delete_event, restore_event
from tracker.extensions import db as _db
from tracker.models import Attendance, Event, Person, PersonMerge, Phase, Topic
from tracker.people.erasure import erase
from tracker.register import apply_plan, prepare
from tracker.services import Refusal
from tracker.totals import facts, period_totals, phase_totals
from tracker.workshop import marks

# Days of random writes per run (each of up to 12 writes, every figure checked after each);
# TOTALS_EXAMPLES=100 for a deeper search.
EXAMPLES = int(os.environ.get("TOTALS_EXAMPLES", 12))
TODAY = date(2026, 12, 1)
TOPICS = ("Document Security", "Anti-corruption", "Training of Trainers")
DATES = (date(2016, 3, 14), date(2016, 11, 2), date(2017, 2, 6), date(2022, 6, 1))
NAMES = ("Aigul Bekova", "Nurlan Asanov", "Dana Ospanova", "Aigul Bekova Jr", "Timur Aliev")
ROLES = ("participant", "participant", "trainer", "observer")
SMALL = st.integers(min_value=0, max_value=40)
SCORE = st.one_of(st.none(), st.integers(min_value=0, max_value=100))


def _pick(model, ids, n):
    """The n-th of these records still on file, or None."""
    rows = [row for row in (_db.session.get(model, i) for i in sorted(ids)) if row is not None]
    return rows[n % len(rows)] if rows else None


class CoordinatorsDay(RuleBasedStateMachine):
    make_event = make_person = None  # set by the test

    def __init__(self):
        super().__init__()
        self.events = [self.make_event(title=f"Event {n}", start_date=day,
                                       end_date=day.replace(day=day.day + n % 3),
                                       topics=[TOPICS[n % 3]]).id
                       for n, day in enumerate(DATES)]
        self.people = {self.make_person(name, ("KG", "KZ")[n % 2], ("F", "M", None)[n % 3]).id
                       for n, name in enumerate(NAMES)}
        self.merges: list[int] = []

    def _commit(self):
        _db.session.commit()

    @rule(e=SMALL, p=SMALL, role=st.sampled_from(ROLES), days=st.integers(0, 3), pre=SCORE,
          post=SCORE, rating=st.one_of(st.none(), st.integers(1, 5)))
    def add_attendee(self, e, p, role, days, pre, post, rating):
        event, person = _pick(Event, self.events, e), _pick(Person, self.people, p)
        if event is None or person is None or _db.session.scalar(select(Attendance.id).where(
                Attendance.event_id == event.id, Attendance.person_id == person.id)):
            return
        _db.session.add(Attendance(event=event, person=person, role=role, agency=person.agency,
                                   days_attended=min(days, event.duration_days) or None,
                                   pre_score=pre, post_score=post, rating=rating))
        self._commit()

    @rule(a=SMALL, role=st.sampled_from(ROLES), days=st.integers(0, 3), pre=SCORE, post=SCORE)
    def edit_attendee(self, a, role, days, pre, post):
        attendance = _pick(Attendance, _db.session.scalars(select(Attendance.id)).all(), a)
        if attendance is not None:
            attendance.role = role
            attendance.days_attended = min(days, attendance.event.duration_days) or None
            attendance.pre_score, attendance.post_score = pre, post
            self._commit()

    @precondition(lambda self: _db.session.scalar(select(Attendance.id).limit(1)) is not None)
    @rule(a=SMALL, statuses=st.lists(st.sampled_from(("present", "late", "excused", "absent", None)),
                                     min_size=1, max_size=3))
    def mark_sessions(self, a, statuses):
        """At the workshop: marks decide the attendee's days (0 when present on none)."""
        attendance = _pick(Attendance, _db.session.scalars(select(Attendance.id)).all(), a)
        event = attendance.event
        cells = {(attendance.id, f"{(event.start_date + timedelta(days=n)).isoformat()}-day"): status
                 for n, status in enumerate(statuses[:event.duration_days])}
        try:
            marks.save_marks(event, cells)
        except Refusal:  # a session of dates the event has since moved from
            _db.session.rollback()
            return
        self._commit()

    @rule(a=SMALL)
    def remove_attendee(self, a):
        attendance = _pick(Attendance, _db.session.scalars(select(Attendance.id)).all(), a)
        if attendance is not None:
            _db.session.delete(attendance)
            self._commit()

    @rule(a=SMALL, b=SMALL)
    def merge(self, a, b):
        survivor, absorbed = _pick(Person, self.people, a), _pick(Person, self.people, b)
        if survivor is None or absorbed is None or survivor.id == absorbed.id \
                or survivor.country_code != absorbed.country_code \
                or survivor.erased_at or absorbed.erased_at:
            return
        self.merges.append(merges.merge(survivor, absorbed, None).id)
        self._commit()

    @rule()
    def undo_last_merge(self):
        while self.merges:
            record = _db.session.get(PersonMerge, self.merges.pop())
            try:
                merges.undo(record)
            except merges.Refusal:
                _db.session.rollback()
                continue
            self._commit()
            return

    @rule(e=SMALL, p=SMALL, new_person=st.booleans(), new_event=st.booleans())
    def import_register(self, e, p, new_person, new_event):
        event, person = _pick(Event, self.events, e), _pick(Person, self.people, p)
        if event is None or person is None or person.erased_at:
            return
        title, start = (f"Imported {e}", date(2017, 5, 1 + e % 20)) if new_event else (
            event.title, event.start_date)
        name = f"Newcomer {p}" if new_person else person.full_name
        csv = ("event_title,start_date,full_name,country,sex,topics,agency,agency_type\n"
               f"{title},{start.isoformat()},{name},{person.country_code},,Anti-corruption,"
               "Customs,customs\n")
        plan = prepare(csv.encode())
        if plan.errors:
            _db.session.rollback()
            return
        apply_plan(plan, source="state machine")
        self.events.extend(_db.session.scalars(select(Event.id).where(Event.title == title)))
        self.people.update(_db.session.scalars(select(Person.id).where(Person.full_name == name)))

    @rule(e=SMALL, status=st.sampled_from(("held", "planned", "cancelled")))
    def change_status(self, e, status):
        if (event := _pick(Event, self.events, e)) is not None:
            event.status = status
            self._commit()

    @rule(e=SMALL, topics=st.sets(st.sampled_from(TOPICS)))
    def change_topics(self, e, topics):
        if (event := _pick(Event, self.events, e)) is not None:
            event.topics = list(_db.session.scalars(select(Topic).where(Topic.name_en.in_(topics))))
            self._commit()

    @rule(e=SMALL, d=SMALL)
    def move_event(self, e, d):
        event = _pick(Event, self.events, e)
        if event is not None and not _db.session.scalar(select(Attendance.id).where(
                Attendance.event_id == event.id, Attendance.days_attended > 1)):
            event.start_date, event.end_date = DATES[d % 4], None
            event.phase = Phase.covering(DATES[d % 4])
            self._commit()

    @rule(e=SMALL)
    def delete_or_restore_event(self, e):
        event = _pick(Event, self.events, e)
        if event is None:
            return
        if event.deleted_at is None:  # soft delete: it counts nowhere until restored
            delete_event(event, None)
        else:
            restore_event(event)
        self._commit()

    @rule(p=SMALL, sex=st.sampled_from(("F", "M", None)), country=st.sampled_from(("KG", "KZ")))
    def correct_person(self, p, sex, country):
        if (person := _pick(Person, self.people, p)) is not None:
            person.sex, person.country_code = sex, country
            self._commit()

    @rule(p=SMALL)
    def erase_person(self, p):
        person = _pick(Person, self.people, p)
        if person is not None and person.erased_at is None:
            erase(person)
            self._commit()

    @rule(share=st.sampled_from(("0.50", "0.80", "1.00")))
    def change_completion_share(self, share):
        phase = _db.session.scalar(select(Phase).where(Phase.number == 9))
        phase.completion_share = Decimal(share)
        self._commit()

    @invariant()
    def kept_figures_equal_a_recount(self):
        _db.session.commit()
        assert facts.differences(_db.session.connection()) == []
        assert phase_totals(9, today=TODAY) == reference_totals(_db.session, phase=9, today=TODAY)
        assert phase_totals(None, "KZ", today=TODAY) == reference_totals(
            _db.session, country="KZ", today=TODAY)
        assert phase_totals(None, today=TODAY) == reference_totals(_db.session, today=TODAY)
        # A year's, a half's sums are added up from its quarters' (facts.ADDITIVE)
        for period in ((date(2016, 1, 1), date(2016, 12, 31)), (date(2016, 1, 1), date(2016, 6, 30)),
                       (date(2016, 7, 1), date(2016, 12, 31)), (date(2016, 1, 1), date(2016, 3, 31))):
            assert period_totals(*period, today=TODAY) == reference_totals(
                _db.session, period=period, today=TODAY)
            assert period_totals(*period, "KZ", today=TODAY) == reference_totals(
                _db.session, country="KZ", period=period, today=TODAY)
        _db.session.rollback()


def test_kept_figures_equal_a_recount_after_any_sequence_of_writes(
        app, db, make_event, make_person):
    class Machine(CoordinatorsDay):
        def teardown(self):
            _db.session.rollback()
            phase = _db.session.scalar(select(Phase).where(Phase.number == 9))
            phase.completion_share = Decimal("0.80")
            for table in PER_TEST_TABLES:
                if table.name not in ("user", "login_attempt"):
                    _db.session.execute(delete(table))
            _db.session.commit()

    Machine.make_event, Machine.make_person = staticmethod(make_event), staticmethod(make_person)
    run_state_machine_as_test(Machine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))


@pytest.mark.parametrize("flag", ["--check", "--rebuild"])
def test_the_check_finds_a_write_that_went_around_the_counters_and_rebuild_mends_it(
        app, db, make_event, make_person, attend, flag):
    attend(make_event(), make_person())
    runner = app.test_cli_runner()
    assert runner.invoke(args=["totals", "--check"]).exit_code == 0
    db.session.execute(delete(Attendance))  # a Core delete: the counters are not told
    db.session.commit()
    result = runner.invoke(args=["totals", "--check"])
    assert result.exit_code == 1
    assert "all KG F agency_type 1: 1, 0" in result.output
    if flag == "--rebuild":
        assert runner.invoke(args=["totals", "--rebuild"]).exit_code == 0
        assert runner.invoke(args=["totals", "--check"]).exit_code == 0
        assert phase_totals(9)["officials_trained"] == 0


def test_an_event_counts_for_a_country_once_a_participant_from_it_is_added(
        db, make_event, make_person, attend):
    """A new participation moves the event's counters only when it brings a country the event
    did not count for yet (its host's, or an earlier participant's): the write path that skips
    recounting the event must still see that one."""
    event = make_event(country_code="KZ")
    attend(event, make_person("Dana Ospanova", "KZ", "F"))  # the host's country: counted already
    assert phase_totals(9, "KZ")["events_held"] == 1
    assert phase_totals(9, "KG")["events_held"] == 0
    attend(event, make_person("Aigul Bekova", "KG", "F"))
    assert phase_totals(9, "KG")["events_held"] == 1
    assert phase_totals(9, "KG")["officials_trained"] == 1
    second = attend(event, make_person("Nurlan Asanov", "KG", "M"))  # KG counted already
    assert phase_totals(9, "KG")["events_held"] == 1
    assert phase_totals(9, "KG")["officials_trained"] == 2
    db.session.delete(second)
    db.session.commit()
    assert phase_totals(9, "KG")["officials_trained"] == 1
    # Two participants from a new country in one write: the event counts for it once.
    for name in ("Timur Aliev", "Dilshod Karimov"):
        person = make_person(name, "TJ", "M")
        db.session.add(Attendance(event=event, person=person, role="participant", agency=person.agency))
    db.session.commit()
    assert phase_totals(9, "TJ")["events_held"] == 1
    assert phase_totals(9, "TJ")["officials_trained"] == 2
    assert facts.differences(db.session.connection()) == []


def test_whether_a_country_attends_is_read_with_the_people_or_alone(db, make_event, make_person, attend):
    """The country lookup rides on the people's read; people with no held participation give
    that read no row, and the lookup is answered all the same."""
    event = make_event(country_code="KZ")
    dana, aigul = make_person("Dana Ospanova", "KZ", "F"), make_person("Aigul Bekova", "KG", "F")
    attend(event, dana)
    attend(event, aigul)
    newcomer = make_person("Nurlan Asanov", "KG", "M")  # no participation at all
    connection = db.session.connection()
    asks = [(event.id, "KG", (aigul.id,)), (event.id, "KZ", (aigul.id,)), (event.id, "TJ", (dana.id,))]
    for people in ([dana.id], [newcomer.id]):
        rows, present = facts.people_rows_and_presence(connection, people, asks)
        assert {row[0] for row in rows} == ({dana.id} if people == [dana.id] else set())
        assert present == [False, True, False]
