"""The phase report quotes what participants said: only testimonies given with consent and
chosen for the report, from the phase's held events, within the reader's country."""
import re
from datetime import date

import pytest

from tracker.models import Testimony


def quotes(page: str) -> list[str]:
    """The quotes printed in the report's "What participants said" section, in order."""
    section = re.search(r"<section[^>]*data-testimonies>(.*?)</section>", page, re.S).group(1)
    return re.findall(r'<p class="mb-0" lang="\w\w">[“«](.*?)[”»]</p>', section, re.S)


@pytest.fixture
def testify(db):
    def make(event, quote, consent=True, chosen=True, language="en",
             attribution="Officer from a Kyrgyz border crossing point"):
        testimony = Testimony(event=event, quote=quote, attribution=attribution, language=language,
                              has_consent=consent, is_in_phase_report=chosen)
        db.session.add(testimony)
        db.session.commit()
        return testimony

    return make


def test_the_report_prints_the_chosen_consented_testimonies_and_no_other(
        db, make_event, testify, manager_client):
    workshop = make_event(title="Document security workshop")
    seminar = make_event(title="Семинар по профилированию", kind="seminar", country_code="KZ",
                         start_date=date(2017, 1, 10), end_date=date(2017, 1, 10))
    testify(workshop, "The workshop was very useful.")
    testify(seminar, "Я буду использовать новый опыт в своей работе.", language="ru",
            attribution="Сотрудник таможни Казахстана")
    testify(workshop, "Not chosen for the report.", chosen=False)
    testify(workshop, "Chosen but never consented.", consent=False, chosen=True)
    testify(make_event(title="Planned course", status="planned"), "From an event not yet held.")
    testify(make_event(title="Phase 10 course", start_date=date(2022, 3, 1), end_date=None),
            "From the next phase.")

    page = manager_client.get("/reports/phase/9").get_data(as_text=True)
    assert quotes(page) == ["The workshop was very useful.",
                            "Я буду использовать новый опыт в своей работе."]
    assert "What participants said" in page
    for absent in ("Not chosen for the report.", "Chosen but never consented.",
                   "From an event not yet held.", "From the next phase."):
        assert absent not in page
    # Each quote in its language, with who said it, where and when.
    assert '<p class="mb-0" lang="en">“The workshop was very useful.”</p>' in page
    assert '<p class="mb-0" lang="ru">«Я буду использовать новый опыт в своей работе.»</p>' in page
    assert re.search(r"Officer from a Kyrgyz border crossing point, <cite>Document security workshop</cite>,"
                     r"\s+14\.03\.2016 – 16\.03\.2016</figcaption>", page)
    assert re.search(r"Сотрудник таможни Казахстана, <cite>Семинар по профилированию</cite>,"
                     r"\s+10\.01\.2017</figcaption>", page)
    # The next phase's report has its own.
    assert quotes(manager_client.get("/reports/phase/10").get_data(as_text=True)) == ["From the next phase."]


def test_a_country_limited_reader_gets_the_testimonies_of_events_in_their_country(
        db, make_event, testify, manager_client, signed_in):
    testify(make_event(title="Bishkek workshop"), "Said in Bishkek.")
    testify(make_event(title="Almaty seminar", country_code="KZ"), "Said in Almaty.")
    kyrgyz = signed_in("coordinator", country_code="KG").get("/reports/phase/9").get_data(as_text=True)
    assert quotes(kyrgyz) == ["Said in Bishkek."]
    chosen = manager_client.get("/reports/phase/9?country=KZ").get_data(as_text=True)
    assert quotes(chosen) == ["Said in Almaty."]


def test_without_chosen_testimonies_the_section_says_how_to_choose_them_and_does_not_print(
        db, make_event, testify, manager_client):
    testify(make_event(), "Only on the event page.", chosen=False)
    page = manager_client.get("/reports/phase/9").get_data(as_text=True)
    assert quotes(page) == []
    assert "No testimonies are chosen for this report." in page
    assert re.search(r'<section class="mb-4 d-print-none"[^>]*data-testimonies>', page)
