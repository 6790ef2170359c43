"""Merging two records of one official, and undoing the merge: people, attendances, the
audit log and the phase totals."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.duplicates.services import merge, undo
from tracker.models import Attendance, AuditEntry, DistinctPair, Person, PersonMerge
from tracker.services import Refusal
from tracker.totals import phase_totals


def officials_trained() -> int:
    return phase_totals(9)["officials_trained"]


def people_and_attendances(db) -> tuple:
    people = sorted(db.session.execute(select(
        Person.id, Person.full_name, Person.sex, Person.agency_id, Person.position,
        Person.email)))
    attendances = sorted(db.session.execute(select(
        Attendance.id, Attendance.event_id, Attendance.person_id, Attendance.role,
        Attendance.agency_id, Attendance.pre_score, Attendance.rating)))
    return people, attendances


@pytest.fixture
def two_records(make_event, make_person, make_agency, attend):
    """One official recorded twice: at two events each, one of them the same event."""
    workshop = make_event(title="Document security workshop")
    seminar = make_event(title="IBM seminar", start_date=date(2016, 5, 10), end_date=date(2016, 5, 11))
    visit = make_event(title="Study visit to Riga", start_date=date(2016, 9, 5), end_date=date(2016, 9, 9))
    survivor = make_person("Rayimberdi Duishenbiev Asanovich", "KG", None, position="Inspector")
    absorbed = make_person("Дуйшенбиев Райымберди", "KG", "M",
                           agency=make_agency("Customs Service", "KG", "customs"),
                           email="r.duishenbiev@customs.kg")
    attend(workshop, survivor)
    attend(seminar, survivor)
    attend(workshop, absorbed, pre_score=40, rating=5)
    attend(visit, absorbed)
    return survivor, absorbed, (workshop, seminar, visit)


def test_a_merge_moves_attendances_folds_one_event_and_lowers_officials_trained(
        db, two_records, make_user):
    survivor, absorbed, (workshop, seminar, visit) = two_records
    coordinator = make_user("coordinator")
    assert officials_trained() == 2
    absorbed_id = absorbed.id
    record = merge(survivor, absorbed, {"full_name": "absorbed", "sex": "absorbed",
                                        "email": "absorbed"}, coordinator)
    db.session.commit()

    assert db.session.get(Person, absorbed_id) is None
    person = db.session.get(Person, survivor.id)
    assert (person.full_name, person.sex, person.position, person.email) == (
        "Дуйшенбиев Райымберди", "M", "Inspector", "r.duishenbiev@customs.kg")
    assert person.agency.name == "State Border Service"  # the survivor's, by default
    rows = {a.event.title: a for a in person.attendances}
    assert sorted(rows) == ["Document security workshop", "IBM seminar", "Study visit to Riga"]
    assert (rows["Document security workshop"].pre_score, rows["Document security workshop"].rating) == (40, 5)
    assert officials_trained() == 1
    totals = phase_totals(9)
    assert (totals["participations"], totals["person_days"]) == (3, 3 + 2 + 5)

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "merge"))
    assert entry.user_id == coordinator.id and entry.object_id == survivor.id
    assert entry.before["absorbed"]["full_name"] == "Дуйшенбиев Райымберди"
    assert entry.before == record.snapshot and len(entry.before["attendances"]) == 2


def test_undo_restores_people_attendances_and_figures(db, two_records, make_user):
    survivor, absorbed, _ = two_records
    before, totals_before = people_and_attendances(db), phase_totals(9)
    record = merge(survivor, absorbed, {"full_name": "absorbed", "email": "absorbed"})
    db.session.commit()
    assert people_and_attendances(db) != before

    undo(db.session.get(PersonMerge, record.id), make_user("admin"))
    db.session.commit()
    assert people_and_attendances(db) == before
    assert phase_totals(9) == totals_before
    assert db.session.get(PersonMerge, record.id).undone_at is not None
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "merge_undone")) == 1


def test_undo_keeps_what_was_changed_since_and_refuses_twice(db, two_records):
    survivor, absorbed, _ = two_records
    record = merge(survivor, absorbed, {"full_name": "absorbed"})
    db.session.commit()
    survivor.full_name = "Duishenbiev Rayimberdi Asanovich"  # corrected after the merge
    db.session.commit()
    undo(record)
    db.session.commit()
    assert db.session.get(Person, survivor.id).full_name == "Duishenbiev Rayimberdi Asanovich"
    with pytest.raises(Refusal, match="already undone"):
        undo(record)


def test_undo_is_refused_while_a_later_merge_holds_the_survivor(db, two_records, make_person):
    survivor, absorbed, _ = two_records
    third = make_person("Duishenbiev Rayimberdy", "KG", "M")
    first = merge(survivor, absorbed, None)
    db.session.commit()
    second = merge(third, survivor, None)
    db.session.commit()
    with pytest.raises(Refusal, match="undo that merge first"):
        undo(first)
    undo(second)
    db.session.commit()
    undo(first)
    db.session.commit()
    assert db.session.scalar(select(func.count(Person.id))) == 3
    assert officials_trained() == 2


def test_undo_is_refused_when_the_absorbed_id_was_given_to_someone_else(db, two_records):
    # SQLite hands the highest id out again once its row is deleted.
    survivor, absorbed, _ = two_records
    absorbed_id = absorbed.id
    record = merge(survivor, absorbed, None)
    db.session.commit()
    db.session.add(Person(id=absorbed_id, full_name="Asel Ibraimova", country_code="KG"))
    db.session.commit()
    with pytest.raises(Refusal, match=f"#{absorbed_id} has been given to another person"):
        undo(record)


def test_merge_carries_distinct_marks_to_the_survivor(db, two_records, make_person):
    survivor, absorbed, _ = two_records
    other = make_person("Rayimberdi Duishonbiev", "KG", "M")
    db.session.add(DistinctPair(person_a_id=absorbed.id, person_b_id=other.id))
    db.session.commit()
    record = merge(survivor, absorbed, None)
    db.session.commit()
    assert db.session.get(DistinctPair, (survivor.id, other.id)) is not None
    undo(record)
    db.session.commit()
    assert db.session.get(DistinctPair, (survivor.id, other.id)) is None
    assert db.session.get(DistinctPair, (absorbed.id, other.id)) is not None


@pytest.mark.parametrize("case, message", [
    ("same", "two different people"),
    ("country", "different countries"),
    ("choice", "one of the two records"),
])
def test_bad_merges_are_refused_and_write_nothing(db, two_records, make_person, case, message):
    survivor, absorbed, _ = two_records
    before = people_and_attendances(db)
    choices = None
    if case == "same":
        absorbed = survivor
    elif case == "country":
        absorbed = make_person("Duishenbiev Rayimberdi", "KZ", "M")
        before = people_and_attendances(db)
    else:
        choices = {"sex": "neither"}
    with pytest.raises(Refusal, match=message):
        merge(survivor, absorbed, choices)
    db.session.rollback()
    assert people_and_attendances(db) == before
    assert db.session.scalar(select(func.count(PersonMerge.id))) == 0
