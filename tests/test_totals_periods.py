"""Every figure for any date range (SPEC rule 13), held to plain SQL."""
from datetime import date

import pytest

from tests.support.totals_reference import reference_totals
from tracker.totals import BadPeriod, period_totals, phase_totals

TODAY = date(2026, 12, 1)


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """Events in phases 9 and 10 and between them; people at events of both phases."""
    customs = make_agency("Customs Service", "KZ", "customs")
    aigul = make_person("Aigul Bekova", "KG", "F")
    nurlan = make_person("Nurlan Asanov", "KG", "M")
    dana = make_person("Dana Ospanova", "KZ", "F", agency=customs)
    unknown = make_person("A. Unknown", "TJ", None, agency=make_agency("Border", "TJ"))
    march = make_event(title="March 2016", start_date=date(2016, 3, 14), end_date=date(2016, 3, 18),
                       topics=["Document Security"], kind="workshop")
    december = make_event(title="December 2016", start_date=date(2016, 12, 31), end_date=None,
                          topics=["Document Security", "Anti-corruption"], kind="seminar",
                          country_code="KZ")
    january = make_event(title="January 2017", start_date=date(2017, 1, 1),
                         end_date=date(2017, 1, 2), kind="seminar", country_code="KZ")
    cancelled = make_event(title="Cancelled", start_date=date(2016, 6, 1), end_date=None,
                           status="cancelled")
    phase10 = make_event(title="Phase 10", start_date=date(2022, 2, 1), end_date=date(2022, 2, 10),
                         topics=["Anti-corruption"], kind="training course", country_code="TJ")
    make_event(title="Held, nobody recorded", start_date=date(2022, 5, 5), end_date=None,
               kind="conference")

    attend(march, aigul, days_attended=4, pre_score=40, post_score=70, rating=5)
    attend(march, nurlan, days_attended=2, rating=3)
    attend(march, dana, role="trainer", rating=1)
    attend(december, aigul, rating=4)
    attend(december, dana, pre_score=50, post_score=50)
    attend(january, dana, days_attended=1)
    attend(january, unknown)
    attend(cancelled, nurlan)
    attend(phase10, aigul, days_attended=8, pre_score=10, post_score=90, rating=2)
    attend(phase10, unknown, days_attended=5)
    attend(phase10, nurlan, role="observer")


PERIODS = {
    "inside phase 9": (date(2016, 1, 1), date(2016, 12, 31)),
    "one day": (date(2016, 12, 31), date(2016, 12, 31)),
    "a month of phase 9": (date(2016, 3, 1), date(2016, 3, 31)),
    "across the year's turn": (date(2016, 12, 1), date(2017, 1, 31)),
    "across two phases": (date(2016, 1, 1), date(2022, 12, 31)),
    "empty, between the phases": (date(2019, 1, 1), date(2020, 12, 31)),
    "into the future": (date(2026, 1, 1), date(2027, 12, 31)),
}


@pytest.mark.parametrize("name", PERIODS)
@pytest.mark.parametrize("country", [None, "KG", "KZ"])
def test_period_figures_equal_plain_sql(db, programme, name, country):
    period = PERIODS[name]
    assert period_totals(*period, country_code=country, today=TODAY) == reference_totals(
        db.session, period=period, country=country, today=TODAY)


def test_the_phase_and_all_phases_still_equal_plain_sql(db, programme):
    for number in (9, 10):
        assert phase_totals(number, today=TODAY) == reference_totals(db.session, phase=number,
                                                                     today=TODAY)
    assert phase_totals(None, today=TODAY) == reference_totals(db.session, today=TODAY)


def test_a_period_across_two_phases_counts_each_official_once(db, programme):
    both = period_totals(date(2016, 1, 1), date(2022, 12, 31), today=TODAY)
    assert phase_totals(9)["officials_trained"] == 4
    assert phase_totals(10)["officials_trained"] == 2
    assert both["officials_trained"] == 4  # Aigul and A. Unknown were trained in both phases
    assert both["events_held"] == 5
    assert both["by_topic"] == {"Anti-corruption": 3, "Document Security": 3}


def test_the_object_names_its_dates_instead_of_a_phase(db, programme):
    totals = period_totals(date(2016, 12, 1), date(2017, 1, 31), today=TODAY)
    assert list(totals)[:3] == ["from", "to", "events_held"]
    assert (totals["from"], totals["to"]) == ("2016-12-01", "2017-01-31")
    assert "phase" not in totals
    assert list(totals)[2:] == list(phase_totals(9))[1:]


def test_running_totals_go_month_by_month_over_the_period(db, programme):
    totals = period_totals(date(2016, 12, 15), date(2017, 2, 10), today=TODAY)
    assert totals["cumulative"] == [
        {"month": "2016-12", "events_held": 1, "officials_trained": 2},
        {"month": "2017-01", "events_held": 2, "officials_trained": 3},
        {"month": "2017-02", "events_held": 2, "officials_trained": 3},
    ]
    assert [row["month"] for row in period_totals(
        date(2026, 10, 1), date(2027, 3, 31), today=TODAY)["cumulative"]] == ["2026-10", "2026-11",
                                                                              "2026-12"]


def test_completion_in_a_period_uses_each_event_s_phase_share(db, programme, phase9):
    phase9.completion_share = "0.5"
    db.session.commit()
    try:
        totals = period_totals(date(2016, 1, 1), date(2022, 12, 31), today=TODAY)
        assert totals == reference_totals(db.session, period=(date(2016, 1, 1), date(2022, 12, 31)),
                                          today=TODAY)
        assert totals["officials_completed"] == 3  # Aigul, Dana, A. Unknown; not Nurlan (2 of 5)
        # In 2022 phase 10's 0.8 holds: A. Unknown's 5 of 10 days fall short, Aigul's 8 do not.
        assert period_totals(date(2022, 1, 1), date(2022, 12, 31))["officials_completed"] == 1
    finally:
        phase9.completion_share = "0.80"
        db.session.commit()


def test_a_period_ending_before_it_starts_is_refused(db):
    with pytest.raises(BadPeriod):
        period_totals(date(2017, 1, 1), date(2016, 12, 31))
