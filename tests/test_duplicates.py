"""Suspected duplicates, merging two records of one official, and undoing the merge."""
import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tracker.duplicates import suspected_duplicates
from tracker.identity import name_key, name_score
from tracker.merges import merge, undo
from tracker.models import Attendance, AuditEntry, DistinctPair, Person, PersonMerge
from tracker.services import Refusal
from tracker.totals import phase_totals


def listed(country_code=None) -> set[frozenset[str]]:
    return {frozenset((a.full_name, b.full_name))
            for a, b, _ in suspected_duplicates(country_code)}


@pytest.mark.parametrize("written, also_written", [
    ("Aigul Bekova", "Aigul Bekovaa"),                                   # a typo
    ("Nurlanbek Toktogulov", "Nurlanbek Toktogulv"),                     # a dropped letter
    ("Rayimberdi Duishenbiev Asanovich", "Duishenbiev Rayimberdi"),     # a patronymic in one
    ("Дуйшенбиев Райымберди", "Duishenbiev Rayimberdi"),               # another script
    ("Rayimberdi Duishenbiev", "Raiymberdi Duishenbiev"),               # another transliteration
    ("Хуршид Джураев", "Xurshid Juraev"),                               # Uzbek Latin
    ("Bekova Aigul", "Aigul Bekova"),                                   # swapped names
    ("Asel Ibraimova", "Ibraimova Asell"),                               # swapped, and a typo
])
def test_near_spellings_of_one_name_are_listed(db, make_person, written, also_written):
    make_person(written, "KG", "F")
    make_person(also_written, "KG", "F")
    assert listed() == {frozenset((written, also_written))}


@pytest.mark.parametrize("one, other", [
    ("Aibek Asanov", "Aibek Usenov"),
    ("Ivan Petrov Sergeevich", "Ivan Petrov Nikolaevich"),  # two fathers, two sons
    ("Aigul", "Aigul Bekova"),
    ("Kanat Shodmonov", "Kanat Shodmonovich Yakhyaev"),   # a patronymic is not a surname
    ("Erlan Tulegenov", "Askhat Erlan Tulegenov"),        # a second given name, not a patronymic
    ("Akhmad Amiri", "Akhmad Rakhim Amir"),               # a slip and a token more
])
def test_different_names_are_not_listed(db, make_person, one, other):
    make_person(one, "KG", "M")
    make_person(other, "KG", "M")
    assert listed() == set()


def test_two_common_names_a_letter_apart_are_two_names_not_a_slip(db, make_person):
    for first in ("Aibek", "Bakyt", "Talant"):
        make_person(f"{first} Kadyrov", "KG", "M")
        make_person(f"{first} Sadyrov", "KG", "M")
    make_person("Nurlan Kadyrov", "KG", "M")
    make_person("Nurlan Kadyrv", "KG", "M")
    for first in ("Saule", "Aigul", "Asel"):  # a woman recorded under the masculine form
        make_person(f"{first} Sagyndykova", "KG", "F")
        make_person(f"{first} Sagyndykov", "KG", "M" if first != "Saule" else "F")
    assert listed() == {frozenset(("Nurlan Kadyrov", "Nurlan Kadyrv")),
                        frozenset(("Saule Sagyndykova", "Saule Sagyndykov")),
                        frozenset(("Aigul Sagyndykova", "Aigul Sagyndykov")),
                        frozenset(("Asel Sagyndykova", "Asel Sagyndykov"))}
    scores = {a.full_name: score for a, _, score in suspected_duplicates()}
    assert scores["Aigul Sagyndykova"] < scores["Saule Sagyndykova"]  # his and hers


def test_scores_are_between_zero_and_one_best_first(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Bekova Aigul", "KG")
    make_person("Nurlanbek Toktogulov", "KG", "M")
    make_person("Nurlanbek Toktogulv", "KG", "M")
    scores = [score for _, _, score in suspected_duplicates()]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and 0 < scores[1] < 1


def test_namesakes_of_two_countries_are_not_listed(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Aigul Bekova", "KZ")
    make_person("Айгуль Бекова", "UZ")
    assert listed() == set()


def test_a_country_lists_only_its_own_pairs(db, make_person):
    make_person("Aigul Bekova", "KG"), make_person("Aigul Bekovaa", "KG")
    make_person("Dana Amanova", "KZ"), make_person("Dana Amanovaa", "KZ")
    assert listed("KZ") == {frozenset(("Dana Amanova", "Dana Amanovaa"))}


def test_conflicting_emails_are_two_people_and_equal_emails_one(db, make_person):
    make_person("Aigul Bekova", "KG", email="aigul@customs.kg")
    make_person("Aigul Bekovaa", "KG", email="a.bekova@mail.kg")
    make_person("Dana Amanova", "KG", email="DANA@border.kg")
    make_person("Dana Seitkali", "KG", email="dana@border.kg")  # married since
    pairs = suspected_duplicates()
    assert [(a.full_name, b.full_name, s) for a, b, s in pairs] == [
        ("Dana Amanova", "Dana Seitkali", 1.0)]


def test_a_pair_marked_distinct_is_never_listed_again(db, make_person):
    a, b = make_person("Aigul Bekova", "KG"), make_person("Aigul Bekovaa", "KG")
    db.session.add(DistinctPair(person_a_id=a.id, person_b_id=b.id))
    db.session.commit()
    assert listed() == set()


def test_the_list_follows_every_change_to_the_people(db, make_person):
    make_person("Aigul Bekova", "KG")
    typo = make_person("Aigul Bekovaa", "KG")
    assert listed() == {frozenset(("Aigul Bekova", "Aigul Bekovaa"))}
    typo.full_name = "Asel Toktogulova"
    db.session.commit()
    assert listed() == set()
    make_person("Asel Toktogulovva", "KG")
    assert listed() == {frozenset(("Asel Toktogulova", "Asel Toktogulovva"))}
    typo.erased_at = datetime(2020, 1, 1)
    db.session.commit()
    assert listed() == set()


def test_erased_people_are_skipped(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Aigul Bekovaa", "KG", erased_at=datetime(2020, 1, 1))
    assert listed() == set()


def test_a_sex_conflict_lowers_the_score_of_a_pair(db, make_person):
    make_person("Aibek Asanov", "KG", "M"), make_person("Aibek Asanovv", "KG", "M")
    make_person("Asel Bekov", "KG", "M"), make_person("Asel Bekova", "KG", "F")
    scores = {a.full_name: score for a, _, score in suspected_duplicates()}
    same_sex = name_score(name_key("Aibek Asanov"), name_key("Aibek Asanovv"))
    assert scores == {"Aibek Asanov": same_sex, "Asel Bekov": pytest.approx(0.9 * name_score(
        name_key("Asel Bekov"), name_key("Asel Bekova")), abs=0.001)}


def test_flask_duplicates_prints_json_and_text(app, db, make_person):
    a, b = make_person("Дуйшенбиев Райымберди", "KG", "M"), make_person("Rayimberdi Duishenbiev", "KG", "M")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["duplicates", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == [{
        "a": {"id": a.id, "full_name": "Дуйшенбиев Райымберди", "country": "KG"},
        "b": {"id": b.id, "full_name": "Rayimberdi Duishenbiev", "country": "KG"},
        "score": 0.99}]
    text = runner.invoke(args=["duplicates"]).output
    assert f"#{a.id} Дуйшенбиев Райымберди  ~  #{b.id} Rayimberdi Duishenbiev" in text
    assert "1 suspected duplicate pair." in text
    refused = runner.invoke(args=["duplicates", "--country", "XX"])
    assert refused.exit_code == 2 and "no country XX" in refused.output


# --- Merge and undo ---------------------------------------------------------------------

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
