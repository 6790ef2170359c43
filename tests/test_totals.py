"""SPEC's counting rules, each on a small hand-built programme."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tracker.models import Phase
from tracker.totals import UnknownPhase, latest_phase_with_events, phase_rows, phase_totals


@pytest.fixture
def phase10(db):
    return db.session.scalar(select(Phase).where(Phase.number == 10))


@pytest.fixture
def completion_share(db, phase9):
    """Set phase 9's completion share for one test; the seeded value comes back afterwards."""
    before = phase9.completion_share

    def set_share(value: str):
        phase9.completion_share = Decimal(value)
        db.session.commit()

    yield set_share
    db.session.rollback()
    phase9.completion_share = before
    db.session.commit()


def test_an_empty_phase_counts_nothing_and_has_no_satisfaction(db):
    totals = phase_totals(9)
    assert totals["phase"] == 9
    for key in ("events_held", "participations", "officials_trained", "women_trained",
                "sex_unknown", "person_days", "officials_completed", "officials_assessed",
                "officials_improved", "ratings"):
        assert totals[key] == 0, key
    assert totals["satisfaction"] is None
    assert totals["by_country"] == totals["by_topic"] == {}
    assert totals["cumulative"][0] == {"month": "2015-06", "events_held": 0, "officials_trained": 0}


def test_the_object_has_spec_keys_in_spec_order(db):
    assert list(phase_totals(9)) == [
        "phase", "events_held", "participations", "officials_trained", "women_trained",
        "sex_unknown", "person_days", "by_country", "by_agency_type", "by_topic",
        "by_event_kind", "cumulative", "officials_completed", "officials_assessed",
        "officials_improved", "satisfaction", "ratings"]


def test_an_unknown_phase_is_refused(db):
    with pytest.raises(UnknownPhase):
        phase_totals(99)


def test_trainers_organisers_and_observers_are_not_officials_trained(
        db, make_event, make_person, attend):
    workshop = make_event()
    seminar = make_event(title="Profiling seminar", start_date=date(2016, 5, 2),
                         end_date=date(2016, 5, 2))
    attend(workshop, make_person("Aigul Bekova"))
    attend(workshop, make_person("Trainer Only", country_code="LV", sex="M"), role="trainer")
    attend(workshop, make_person("Organiser Only"), role="organiser")
    attend(workshop, make_person("Observer Only"), role="observer")
    both = make_person("Nurlan Asanov", sex="M")
    attend(workshop, both, role="trainer")
    attend(seminar, both)

    totals = phase_totals(9)
    assert totals["officials_trained"] == 2  # Aigul and Nurlan, who participated at the seminar
    assert totals["participations"] == 2
    assert totals["person_days"] == 3 + 1
    assert totals["by_country"] == {"KG": 2}


def test_planned_and_cancelled_events_count_nowhere(db, make_event, make_person, attend):
    aigul = make_person()
    attend(make_event(status="held"), aigul, rating=4)
    for status in ("planned", "cancelled"):
        event = make_event(title=f"{status} workshop", status=status, topics=["Anti-corruption"])
        attend(event, aigul, rating=1)
        attend(event, make_person(f"Only at {status}"), pre_score=10, post_score=90)

    totals = phase_totals(9)
    assert totals["events_held"] == 1
    assert totals["participations"] == 1
    assert totals["officials_trained"] == 1
    assert totals["by_topic"] == {}
    assert totals["by_event_kind"] == {"workshop": 1}
    assert totals["officials_assessed"] == 0
    assert (totals["satisfaction"], totals["ratings"]) == (4.0, 1)


def test_the_same_person_at_two_events_is_one_official_with_two_participations(
        db, make_event, make_person, attend):
    aigul = make_person()
    attend(make_event(), aigul)
    attend(make_event(title="Second", start_date=date(2016, 4, 4), end_date=date(2016, 4, 5)), aigul)

    totals = phase_totals(9)
    assert (totals["events_held"], totals["participations"], totals["officials_trained"]) == (2, 2, 1)
    assert totals["person_days"] == 3 + 2
    assert totals["women_trained"] == 1


def test_women_and_unknown_sex_are_counted_once_each(db, make_event, make_person, attend):
    event, other = make_event(), make_event(title="Other")
    for name, sex in (("Aigul Bekova", "F"), ("Dana Sultanova", "F"), ("Nurlan Asanov", "M"),
                      ("A. Unknown", None)):
        person = make_person(name, sex=sex)
        attend(event, person)
        attend(other, person)
    totals = phase_totals(9)
    assert (totals["officials_trained"], totals["women_trained"], totals["sex_unknown"]) == (4, 2, 1)


def test_person_days_default_to_the_event_length(db, make_event, make_person, attend):
    three_days = make_event()
    one_day = make_event(title="No end date", end_date=None)
    attend(three_days, make_person("Whole Event"))
    attend(three_days, make_person("Two Days"), days_attended=2)
    attend(one_day, make_person("One Day"))
    assert one_day.duration_days == 1
    assert phase_totals(9)["person_days"] == 3 + 2 + 1


def test_all_phases_count_each_person_once(db, make_event, make_person, attend, phase10):
    aigul, nurlan = make_person(), make_person("Nurlan Asanov", sex="M")
    attend(make_event(), aigul)
    later = make_event(title="Phase 10 course", start_date=date(2022, 3, 1), end_date=date(2022, 3, 1))
    assert later.phase_id == phase10.id
    attend(later, aigul)
    attend(later, nurlan)

    assert phase_totals(9)["officials_trained"] == 1
    assert phase_totals(10)["officials_trained"] == 2
    everything = phase_totals(None)
    assert everything["phase"] is None
    assert everything["officials_trained"] == 2  # not 1 + 2
    assert everything["women_trained"] == 1
    assert everything["by_topic"] == {} and everything["by_country"] == {"KG": 2}
    assert (everything["events_held"], everything["participations"]) == (2, 3)
    assert everything["cumulative"][0]["month"] == "2015-06"
    assert everything["cumulative"][-1]["officials_trained"] == 2

    rows = {row["phase"]: row for row in phase_rows()}
    assert rows[9]["officials_trained"] + rows[10]["officials_trained"] == 3
    assert rows[10] | {"name": None} == {
        "phase": 10, "name": None, "events_held": 1, "participations": 2,
        "officials_trained": 2, "women_trained": 1, "person_days": 2}


def test_running_totals_are_monthly_and_count_a_person_from_the_first_month(
        db, make_event, make_person, attend):
    aigul, nurlan = make_person(), make_person("Nurlan Asanov", sex="M")
    attend(make_event(start_date=date(2016, 3, 14), end_date=date(2016, 3, 16)), aigul)
    attend(make_event(title="May", start_date=date(2016, 5, 31), end_date=date(2016, 6, 1)), aigul)
    attend(make_event(title="May 2", start_date=date(2016, 5, 2), end_date=None), nurlan)

    cumulative = phase_totals(9)["cumulative"]
    assert len(cumulative) == 37  # June 2015 to June 2018: the phase ended before today
    by_month = {row["month"]: (row["events_held"], row["officials_trained"]) for row in cumulative}
    assert by_month["2016-02"] == (0, 0)
    assert by_month["2016-03"] == (1, 1)
    assert by_month["2016-04"] == (1, 1)
    assert by_month["2016-05"] == (3, 2)  # Aigul again in May: still one
    assert by_month["2018-06"] == (3, 2)


def test_running_totals_stop_today_in_a_running_phase(db, make_event, make_person, attend):
    totals = phase_totals(10, today=date(2021, 6, 15))
    assert [row["month"] for row in totals["cumulative"]] == ["2021-04", "2021-05", "2021-06"]


def test_an_event_given_a_phase_before_its_start_counts_in_the_first_month(
        db, make_event, make_person, attend, phase9):
    early = make_event(title="Preparatory", start_date=date(2015, 5, 20), end_date=None, phase=phase9)
    attend(early, make_person())
    assert phase_totals(9)["cumulative"][0] == {"month": "2015-06", "events_held": 1, "officials_trained": 1}


def test_by_topic_counts_a_person_once_per_topic(db, make_event, make_person, attend):
    aigul, nurlan = make_person(), make_person("Nurlan Asanov", sex="M")
    first = make_event(topics=["Document Security", "Identification and Profiling"])
    second = make_event(title="Again", topics=["Document Security"])
    attend(first, aigul)
    attend(second, aigul)
    attend(second, nurlan)
    attend(second, make_person("Trainer", sex="M"), role="trainer")

    assert phase_totals(9)["by_topic"] == {"Document Security": 2, "Identification and Profiling": 1}


def test_by_agency_type_counts_a_person_who_moved_under_both_types(
        db, make_event, make_person, make_agency, attend):
    border = make_agency("Border Service", "KG", "border_guard")
    customs = make_agency("Customs Service", "KG", "customs")
    aigul = make_person(agency=customs)
    attend(make_event(), aigul, agency=border)
    attend(make_event(title="After the move"), aigul, agency=customs)
    attend(make_event(title="Third"), make_person("Nurlan Asanov", sex="M", agency=customs))

    totals = phase_totals(9)
    assert totals["by_agency_type"] == {"customs": 2, "border_guard": 1}
    assert sum(totals["by_agency_type"].values()) > totals["officials_trained"] == 2


def test_by_event_kind_counts_held_events(db, make_event):
    make_event(kind="seminar")
    make_event(kind="seminar", title="Second seminar")
    make_event(kind="study visit")
    make_event(kind="study visit", status="cancelled")
    assert phase_totals(9)["by_event_kind"] == {"seminar": 2, "study visit": 1}


def test_completion_needs_the_share_of_the_event_days(db, make_event, make_person, attend):
    five = make_event(start_date=date(2016, 3, 14), end_date=date(2016, 3, 18))
    attend(five, make_person("Four Of Five"), days_attended=4)  # 0.8 exactly: completed
    attend(five, make_person("Three Of Five"), days_attended=3)
    attend(five, make_person("Whole"))  # no days given: the whole event
    totals = phase_totals(9)
    assert (totals["officials_trained"], totals["officials_completed"]) == (3, 2)


def test_completion_threshold_is_exact_at_its_edge(
        db, make_event, make_person, attend, completion_share):
    completion_share("0.70")  # 0.7 * 10 is 7.000000000000001 in floating point
    ten = make_event(start_date=date(2016, 3, 1), end_date=date(2016, 3, 10))
    attend(ten, make_person("Seven"), days_attended=7)
    attend(ten, make_person("Six"), days_attended=6)
    assert phase_totals(9)["officials_completed"] == 1
    assert phase_totals(None)["officials_completed"] == 1


def test_a_person_completing_one_of_two_events_is_completed_once(
        db, make_event, make_person, attend):
    aigul = make_person()
    attend(make_event(), aigul, days_attended=1)
    attend(make_event(title="Second"), aigul)
    assert phase_totals(9)["officials_completed"] == 1


def test_assessed_needs_both_scores_and_improved_a_higher_post_score(
        db, make_event, make_person, attend):
    event, other = make_event(), make_event(title="Other")
    attend(event, make_person("Improved"), pre_score=40, post_score=75)
    attend(event, make_person("Same Score"), pre_score=60, post_score=60)
    attend(event, make_person("Only Pre"), pre_score=50)
    twice = make_person("Twice")
    attend(event, twice, pre_score=70, post_score=50)
    attend(other, twice, pre_score=20, post_score=30)
    attend(event, make_person("Trainer Scored"), role="trainer", pre_score=1, post_score=99)

    totals = phase_totals(9)
    assert totals["officials_assessed"] == 3
    assert totals["officials_improved"] == 2


def test_satisfaction_is_the_mean_participant_rating(db, make_event, make_person, attend):
    event = make_event()
    attend(event, make_person("A"), rating=5)
    attend(event, make_person("B"), rating=4)
    attend(event, make_person("C"), rating=4)
    attend(event, make_person("No Rating"))
    attend(event, make_person("Trainer"), role="trainer", rating=1)
    totals = phase_totals(9)
    assert (totals["satisfaction"], totals["ratings"]) == (4.33, 3)


def test_country_filter_keeps_that_country_people_and_the_events_they_took_part_in(
        db, make_event, make_person, make_agency, attend):
    in_kz_with_kg = make_event(title="Almaty seminar", country_code="KZ")
    in_kz_only = make_event(title="Astana workshop", country_code="KZ")
    in_kg_no_kg = make_event(title="Osh workshop", country_code="KG")
    kz_agency = make_agency("Customs", "KZ", "customs")
    attend(in_kz_with_kg, make_person("Aigul Bekova", "KG"))
    attend(in_kz_with_kg, make_person("Dana Ospanova", "KZ", agency=kz_agency))
    attend(in_kz_only, make_person("Arman Ospanov", "KZ", sex="M", agency=kz_agency))
    attend(in_kg_no_kg, make_person("Timur Aliev", "TJ", sex="M",
                                   agency=make_agency("Customs", "TJ", "customs")))

    kg = phase_totals(9, country_code="kg")
    assert kg["events_held"] == 2  # hosted in KG, or with a KG participant
    assert (kg["officials_trained"], kg["participations"]) == (1, 1)
    assert kg["by_country"] == {"KG": 1}
    assert kg["by_agency_type"] == {"border_guard": 1}
    kz = phase_totals(9, country_code="KZ")
    assert (kz["events_held"], kz["officials_trained"]) == (2, 2)
    assert phase_totals(9)["by_country"] == {"KG": 1, "KZ": 2, "TJ": 1}
    assert [row["officials_trained"] for row in phase_rows("KG") if row["phase"] == 9] == [1]


def test_the_dashboard_default_is_the_latest_phase_with_held_events(db, make_event, phase9):
    assert latest_phase_with_events() is None
    make_event(title="Planned in phase 10", start_date=date(2022, 1, 10), end_date=None,
               status="planned")
    make_event()
    assert latest_phase_with_events() == phase9
