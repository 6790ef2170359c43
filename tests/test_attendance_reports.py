"""Paper for an event: the attendance report, the sign-in sheet and certificates of attendance."""
from datetime import date

import pytest
from sqlalchemy import select

from tests.support.queries import count_queries
from tracker.models import Attendance, AuditEntry, Person
from tracker.reports.attendance import russian_days

PAGES = ["attendance-report", "sign-in-sheet", "certificates"]


@pytest.fixture
def workshop(make_event, make_person, make_agency, attend):
    """A regional workshop: two Kyrgyz agencies, one Kazakh, a Latvian trainer, an organiser."""
    event = make_event(title="Document security workshop", code="DS-16",
                       topics=["Document Security", "Identification and Profiling"])
    border = make_agency("State Border Service", "KG", "border_guard")
    customs_kg = make_agency("State Customs Service", "KG", "customs")
    customs_kz = make_agency("State Revenue Committee", "KZ", "customs")
    people = {
        "aigul": make_person("Aigul Bekova", "KG", "F", agency=border, position="Inspector"),
        "azamat": make_person("Азамат Беков", "KG", "M", agency=border, position="Старший инспектор"),
        "nurlan": make_person("Nurlan Asanov", "KG", "M", agency=customs_kg, position="Officer"),
        "dana": make_person("Дана Нурланова", "KZ", "F", agency=customs_kz, position="Analyst"),
        "juris": make_person("Juris Ozols", "LV", "M", agency=make_agency("State Border Guard", "LV")),
        "ilze": make_person("Ilze Berzina", "LV", "F", agency=make_agency("State Border Guard", "LV")),
    }
    attend(event, people["aigul"])
    attend(event, people["azamat"], days_attended=2)
    attend(event, people["nurlan"])
    attend(event, people["dana"])
    attend(event, people["juris"], role="trainer")
    attend(event, people["ilze"], role="organiser")
    event.people = people
    return event


def print_urls(event) -> list[str]:
    aigul = event.people["aigul"]
    return [f"/events/{event.id}/{page}" for page in PAGES] + [f"/events/{event.id}/certificates/{aigul.id}"]


def section(page: str, start: str, end: str | None = None) -> str:
    begin = page.index(start)
    return page[begin:page.index(end, begin) if end else None]


def test_the_attendance_report_shows_the_event_and_participants_by_country_and_agency(
        db, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/attendance-report").get_data(as_text=True)
    facts = section(page, 'class="event-facts"', "</dl>")
    for text in ("BOMCA", "BOMCA 9", "Workshop, regional", "code DS-16", "14.03.2016 – 16.03.2016 (3 days)",
                 "Bishkek, Kyrgyzstan", "Document Security; Identification and Profiling"):
        assert text in facts, text
    participants = section(page, 'id="participants"', 'id="others"')
    kyrgyzstan = section(participants, 'id="country-KG"', "</section>")
    assert "Kyrgyzstan — 3 participants" in kyrgyzstan
    # Agencies in alphabetical order, each heading its own people.
    border, customs = kyrgyzstan.index("State Border Service"), kyrgyzstan.index("State Customs Service")
    assert border < kyrgyzstan.index("Aigul Bekova") < kyrgyzstan.index("Азамат Беков") < customs
    assert customs < kyrgyzstan.index("Nurlan Asanov")
    assert "State Border Service <span class=\"agency-type\">(Border guard)</span> — 2" in kyrgyzstan
    assert "<td>Старший инспектор</td>" in kyrgyzstan
    assert '<td class="col-days">2</td>' in kyrgyzstan and '<td class="col-days">3</td>' in kyrgyzstan
    kazakhstan = section(participants, 'id="country-KZ"', "</section>")
    assert "Дана Нурланова" in kazakhstan and "State Revenue Committee" in kazakhstan
    assert participants.index('id="country-KZ"') < participants.index('id="country-KG"')  # by name
    assert "Juris Ozols" not in participants and "Ilze Berzina" not in participants


def test_trainers_and_organisers_are_listed_apart_and_not_counted(db, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/attendance-report").get_data(as_text=True)
    others = section(page, 'id="others"', "</section>")
    assert "Juris Ozols" in others and '<td class="col-role">trainer</td>' in others
    assert "Ilze Berzina" in others and '<td class="col-role">organiser</td>' in others
    assert "Aigul Bekova" not in others
    totals = section(page, 'id="totals-main"', "</table>")
    assert "Participants</th><td class=\"text-end\">4<" in totals
    assert "Women</th><td class=\"text-end\">2 (50%)<" in totals
    assert "Trainers, organisers, observers</th><td class=\"text-end\">2<" in totals
    by_country = section(page, 'id="totals-by-country"', "</table>")
    assert "<td>Kyrgyzstan</td><td class=\"text-end\">3</td>" in by_country
    assert "<td>Kazakhstan</td><td class=\"text-end\">1</td>" in by_country
    assert "Latvia" not in by_country
    by_type = section(page, 'id="totals-by-agency-type"', "</table>")
    assert "<td>Customs</td><td class=\"text-end\">2</td>" in by_type
    assert "<td>Border guard</td><td class=\"text-end\">2</td>" in by_type


def test_the_report_links_its_print_stylesheets_and_a_print_button(db, app, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/attendance-report").get_data(as_text=True)
    assert 'href="/static/css/print-report.css" media="print"' in page
    assert 'href="/static/css/print.css" media="print"' in page
    assert "data-print" in page and 'src="/static/js/print-button.js"' in page
    assert "onclick" not in page and "style=" not in page
    css = coordinator_client.get("/static/css/print-report.css").get_data(as_text=True)
    assert "counter(page)" in css and "counter(pages)" in css
    # A delegation is kept together, not given a page of its own (tests/e2e/test_print_layout.py).
    assert ".country-group, .others-group, .report-totals { break-inside: avoid; }" in css
    assert ".country-group + .country-group" not in css


def test_the_report_costs_the_same_queries_for_any_roster(app, db, coordinator_client, make_event, make_agency):
    small, large = make_event(title="Small"), make_event(title="Large")
    agencies = [make_agency(f"Agency {n}", code) for n, code in enumerate(["KG", "KZ", "TJ", "UZ", "TM"])]
    for event, size in ((small, 5), (large, 300)):
        people = [Person(full_name=f"Person {event.title} {n}", country_code=agencies[n % 5].country_code,
                         sex="F", agency=agencies[n % 5]) for n in range(size)]
        db.session.add_all(people)
        db.session.add_all(Attendance(event=event, person=p, agency=p.agency,
                                      role="trainer" if n % 50 == 0 else "participant")
                           for n, p in enumerate(people))
    db.session.commit()
    assert count_queries(app, coordinator_client, f"/events/{small.id}/attendance-report") == \
        count_queries(app, coordinator_client, f"/events/{large.id}/attendance-report")


def test_the_sign_in_sheet_is_bilingual_with_a_column_per_day_and_blank_rows(db, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/sign-in-sheet").get_data(as_text=True)
    for heading in ("Sign-in sheet / Лист регистрации участников", "Name / Ф.И.О.", "Agency / Ведомство",
                    "Position / Должность", "Signature / Подпись", "Country / Страна", "Sex / Пол"):
        assert heading in page, heading
    head = section(page, "<thead>", "</thead>")
    assert [head.index(d) for d in ("14.03.2016", "15.03.2016", "16.03.2016")] == \
        sorted(head.index(d) for d in ("14.03.2016", "15.03.2016", "16.03.2016"))
    assert head.count('class="col-day"') == 3
    body = section(page, "<tbody>", "</tbody>")
    for person in workshop.people.values():
        assert person.full_name in body
    assert "Juris Ozols <span class=\"sign-in-role\">(trainer)</span>" in body
    # Delegations sign together, in the report's order; trainers and organisers last.
    order = ["Дана Нурланова", "Aigul Bekova", "Азамат Беков", "Nurlan Asanov", "Ilze Berzina", "Juris Ozols"]
    assert sorted(order, key=body.index) == order
    assert body.count('class="sign-in-row blank-row"') == 10
    assert body.count("<tr") == 16 and '<td class="col-no">16</td>' in body
    assert "Bishkek, Kyrgyzstan / Кыргызстан" in page


def test_the_sign_in_sheet_prints_landscape(db, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/sign-in-sheet").get_data(as_text=True)
    assert 'href="/static/css/print-sign-in.css" media="print"' in page
    assert "size: A4 landscape" in coordinator_client.get("/static/css/print-sign-in.css").get_data(as_text=True)
    report = coordinator_client.get(f"/events/{workshop.id}/attendance-report").get_data(as_text=True)
    assert "print-sign-in.css" not in report


def test_a_long_event_gets_one_sheet_per_five_days(db, coordinator_client, make_event, make_person, attend):
    event = make_event(title="Study visit", start_date=date(2016, 5, 2), end_date=date(2016, 5, 9))
    attend(event, make_person("Aigul Bekova"))
    page = coordinator_client.get(f"/events/{event.id}/sign-in-sheet").get_data(as_text=True)
    sheets = page.split('<section class="sign-in-run"')[1:]
    assert len(sheets) == 2
    assert "Sheet 1 of 2 / Лист 1 из 2" in sheets[0] and "Sheet 2 of 2 / Лист 2 из 2" in sheets[1]
    assert "02.05.2016" in sheets[0] and "06.05.2016" in sheets[0] and "07.05.2016" not in sheets[0]
    assert "07.05.2016" in sheets[1] and "09.05.2016" in sheets[1]
    assert all("Aigul Bekova" in sheet for sheet in sheets)


def test_certificates_one_per_participant_and_none_for_trainers(db, coordinator_client, workshop):
    page = coordinator_client.get(f"/events/{workshop.id}/certificates").get_data(as_text=True)
    certificates = page.split('<article class="certificate"')[1:]
    assert len(certificates) == 4
    names = [c[c.index('class="certificate-name">') + 25:].split("<")[0] for c in certificates]
    assert names == ["Aigul Bekova", "Nurlan Asanov", "Азамат Беков", "Дана Нурланова"]
    assert "Juris Ozols" not in page and "Ilze Berzina" not in page
    first = certificates[0]
    for text in ("Certificate of attendance", "Сертификат об участии", "Document security workshop",
                 "14.03.2016 – 16.03.2016", "Bishkek, Kyrgyzstan", "3 days / 3 дня",
                 "BOMCA 9 (2015–2018)", "приняла участие", "State Border Service"):
        assert text in first, text
    assert "BOMCA, BOMCA 9" not in first  # the programme's name once
    # The topics in both languages, the Russian under the English.
    assert "Document Security; Identification and Profiling<br><span lang=\"ru\">Безопасность " \
        "документов; " in first
    assert "2 days / 2 дня (of 3 / из 3)" in certificates[2] and "принял участие" in certificates[2]
    assert 'href="/static/css/print-certificate.css" media="print"' in page


def test_one_certificate_and_404_for_anyone_not_a_participant(db, coordinator_client, workshop, make_person):
    people = workshop.people
    page = coordinator_client.get(f"/events/{workshop.id}/certificates/{people['dana'].id}").get_data(as_text=True)
    assert page.count('<article class="certificate"') == 1 and "Дана Нурланова" in page
    assert "Kazakhstan / Казахстан" in page
    stranger = make_person("Not There", "KG", "M")
    for person_id in (people["juris"].id, people["ilze"].id, stranger.id, 999999):
        response = coordinator_client.get(f"/events/{workshop.id}/certificates/{person_id}")
        assert response.status_code == 404, person_id
        assert "Not There" not in response.get_data(as_text=True)


def test_an_event_without_a_roster_still_prints(db, coordinator_client, make_event):
    event = make_event(title="Empty seminar", end_date=None)
    report = coordinator_client.get(f"/events/{event.id}/attendance-report").get_data(as_text=True)
    assert "No participants on the roster." in report and "(1 day)" in report
    sheet = coordinator_client.get(f"/events/{event.id}/sign-in-sheet").get_data(as_text=True)
    assert sheet.count('class="sign-in-row blank-row"') == 10 and "14.03.2016" in sheet
    certificates = coordinator_client.get(f"/events/{event.id}/certificates").get_data(as_text=True)
    assert "nobody to certify" in certificates


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_staff_and_managers_may_not_print_and_nothing_is_audited(db, signed_in, workshop, role):
    client = signed_in(role)
    for url in print_urls(workshop):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Aigul Bekova" not in response.get_data(as_text=True)
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions == ["access_refused"] * len(print_urls(workshop))  # no export


def test_every_print_view_is_audited(db, signed_in, workshop):
    client = signed_in("admin")
    for url in print_urls(workshop):
        assert client.get(url).status_code == 200
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.object_type, e.object_id, e.user_id) for e in entries] == \
        [("export", "event", workshop.id, client.user.id)] * 4
    assert [e.summary for e in entries] == [
        f"Attendance report of event {workshop.id}: 6 people",
        f"Sign-in sheet of event {workshop.id}: 6 names",
        f"Certificates of event {workshop.id}: 4",
        f"Certificate of event {workshop.id} for person {workshop.people['aigul'].id}: 1",
    ]


def test_a_coordinator_limited_to_another_country_gets_404(db, signed_in, workshop):
    client = signed_in("coordinator", country_code="TJ")  # no Tajik official took part
    for url in print_urls(workshop):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Aigul Bekova" not in response.get_data(as_text=True)
    assert db.session.scalars(select(AuditEntry)).all() == []
    assert signed_in("coordinator", country_code="KG").get(f"/events/{workshop.id}/attendance-report").status_code == 200


def test_abroad_a_limited_coordinator_prints_their_own_officials_only(db, signed_in, workshop):
    """SPEC "Roles": at an event hosted elsewhere, of the roster their own country's officials
    only (the Kazakh official at this Kyrgyz workshop)."""
    client = signed_in("coordinator", country_code="KZ")
    for url in print_urls(workshop)[:-1]:
        page = client.get(url).get_data(as_text=True)
        assert "Дана Нурланова" in page, url
        assert "Aigul Bekova" not in page and "Juris Ozols" not in page, url
    assert client.get(print_urls(workshop)[-1]).status_code == 404  # Aigul's certificate


def test_the_event_page_offers_printing_only_to_those_who_may_print(db, signed_in, workshop):
    links = ("attendance-report", "sign-in-sheet", "certificates", "export.csv", "export.xlsx")
    page = signed_in("coordinator").get(f"/events/{workshop.id}").get_data(as_text=True)
    assert all(f"/events/{workshop.id}/{link}" in page for link in links)
    for role in ("staff", "manager"):
        page = signed_in(role).get(f"/events/{workshop.id}").get_data(as_text=True)
        assert not any(f"/events/{workshop.id}/{link}" in page for link in links), role


@pytest.mark.parametrize("n, words", [(1, "1 день"), (2, "2 дня"), (4, "4 дня"), (5, "5 дней"), (11, "11 дней"),
                                      (12, "12 дней"), (21, "21 день"), (22, "22 дня"), (111, "111 дней")])
def test_russian_day_counts(n, words):
    assert russian_days(n) == words
