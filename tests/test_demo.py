"""`flask demo`: a realistic programme for a first look, with work for the duplicates queue."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.demo.build import build_demo
from tracker.models import Attendance, Event, Person, Phase, event_topic

TARGETS = ("target_events_held", "target_officials_trained", "target_women_trained")


@pytest.fixture
def phases_restored(db):
    """The demo sets phase targets; phases outlive each test, so put them back."""
    phases = db.session.scalars(select(Phase)).all()
    saved = {p.id: {t: getattr(p, t) for t in TARGETS} for p in phases}
    yield
    for phase in db.session.scalars(select(Phase)):
        for name, value in saved.get(phase.id, {}).items():
            setattr(phase, name, value)
    db.session.commit()


def test_demo_fills_phases_9_and_10_at_their_published_scale(db, phases_restored):
    made = build_demo()
    assert made["events"] > 200 and made["second spellings"] > 20
    phase9 = db.session.scalar(select(Phase).where(Phase.number == 9))
    midway = date(2016, 12, 31)
    held_by_midway = select(Event.id).where(Event.phase_id == phase9.id, Event.status == "held",
                                            Event.start_date <= midway)
    assert db.session.scalar(select(func.count()).select_from(held_by_midway.subquery())) > 60
    people_by_midway = db.session.scalar(select(func.count(func.distinct(Attendance.person_id)))
                                         .where(Attendance.event_id.in_(held_by_midway),
                                                Attendance.role == "participant"))
    assert people_by_midway > 900
    statuses = dict(db.session.execute(select(Event.status, func.count()).group_by(Event.status)).all())
    assert statuses["planned"] > 0 and statuses["cancelled"] > 0
    topics_per_event = db.session.execute(
        select(event_topic.c.event_id, func.count()).group_by(event_topic.c.event_id)).all()
    assert max(n for _, n in topics_per_event) >= 3
    names = db.session.scalars(select(Person.full_name)).all()
    assert any(re.search("[а-яА-Я]", n) for n in names) and any(re.fullmatch("[A-Za-z' -]+", n) for n in names)
    # Second spellings are other records (SPEC never merges them on its own): no two people
    # of one country share a name key.
    shared = db.session.execute(select(Person.country_code, Person.name_key)
                                .group_by(Person.country_code, Person.name_key)
                                .having(func.count() > 1)).all()
    assert shared == []
