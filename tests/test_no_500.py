"""Property-based tests: random and malformed input to every form, upload, search and the API
(strings of any script, huge strings, NUL bytes, numbers past any integer, impossible dates,
lists where one value is expected, missing fields, random files) never gets a 500, and every
answer that is a page renders as one. About a minute on SQLite; a form added without an
entry in FIELDS fails the first test."""
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import world as w
from tests.support.access import EXPECTED, PUBLIC, url
from tests.support.register_files import register_rows, to_csv, to_xlsx
from tracker.register import storage

# Per endpoint, after the classic bad values; NO_500_EXAMPLES=200 for a deeper search.
EXAMPLES = int(os.environ.get("NO_500_EXAMPLES", 8))
SLOW_EXAMPLES = 6  # where each request hashes a password on purpose (~0.5 s), or has no fields
SLOW = {"auth.login", "account.change_password"}

NASTY_TEXT = st.sampled_from([
    "", " ", "\x00", "a\x00b", "0", "-1", "1.5", "1e309", "NaN", "-Infinity", "0x10",
    str(2**31), str(-2**63), "9" * 40, "2016-02-30", "0000-00-00", "9999-12-31", "31.12.2016",
    "2016-13-01", "1900-01-01", "<script>alert(1)</script>", "'; DROP TABLE person; --",
    "=HYPERLINK(\"http://x\")", "../../etc/passwd", "%00", "\u202e\u0646\ufeff", "👩‍✈️",
    "Бекова Айгуль", "KZ", "kz", "ZZ", "all", "None", "null", "true", "[]", "{}",
    "x" * 301, "Ж" * 5001, "y" * 70_000,
])
TEXT = st.one_of(NASTY_TEXT, st.text(max_size=40), st.integers(-2**70, 2**70).map(str))

PEOPLE_CSV = to_csv(register_rows({"full_name": "Dana Nurlanova", "country": "KZ", "sex": "F"},
                                  event_title="Fuzz workshop", event_country="KZ"))
PEOPLE_XLSX = to_xlsx(register_rows({"full_name": "Dana Nurlanova", "country": "KZ"}))
FILE_CONTENT = st.one_of(
    st.binary(max_size=2000),
    st.sampled_from([b"", PEOPLE_CSV, PEOPLE_XLSX, PEOPLE_XLSX[:300], b"%PDF-1.4\n",
                     b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"\xff\xd8\xff", b"PK\x03\x04junk",
                     b"full_name,country\n\x00,\xff\xfe\n", "имя;страна\nБек;KZ\n".encode("cp1251")]),
    st.lists(st.lists(TEXT, max_size=6), max_size=6).map(
        lambda rows: "\n".join(",".join(row) for row in rows).encode("utf-8", "replace")),
)
FILE_NAMES = st.sampled_from(["register.csv", "register.xlsx", "sheet.pdf", "scan.png", "a.txt",
                              "", "../../etc/passwd.csv", "имя файла.xlsx", "x" * 300 + ".csv",
                              "nul\x00.csv", "no-extension"])
FILES = st.builds(lambda data, name: (io.BytesIO(data), name), FILE_CONTENT, FILE_NAMES)

# Plausible values by field name (functions of the world's ids), so that examples get past
# format checks into the services, where deeper failures hide.
GOOD = {
    "title": st.sampled_from(["Fuzz workshop", "Семинар"]),
    "kind_id": st.sampled_from(["1", "2", "7"]),
    "scope": st.sampled_from(["", "regional", "national"]),
    "status": st.sampled_from(["held", "planned", "cancelled"]),
    "start_date": st.dates().map(str),
    "end_date": st.dates().map(str),
    "date_from": st.dates().map(str),
    "date_to": st.dates().map(str),
    "from": st.dates().map(str),
    "to": st.dates().map(str),
    "country_code": st.sampled_from(["", "KZ", "KG", "TJ", "AT"]),
    "country": st.sampled_from(["", "KZ", "KG"]),
    "phase": st.sampled_from(["", "9", "10", "all"]),
    "topic_ids": st.lists(st.sampled_from(["1", "2", "3"]), max_size=3),
    "version": st.sampled_from(["1", "2", ""]),
    "role": st.sampled_from(["participant", "trainer", "organiser", "observer", "staff",
                             "coordinator", "manager", "admin"]),
    "days_attended": st.integers(-3, 10).map(str),
    "sex": st.sampled_from(["", "F", "M", "unknown"]),
    "email": st.sampled_from(["a@b.kz", "someone@example.org", "ZARINA@customs.kz"]),
    "full_name": st.sampled_from(["Zarina Kazakhova", "Нурлан Абаев", "Dana  Nurlanova"]),
    "name": st.sampled_from(["Kazakh Customs Committee", "New Agency", "Fuzz Person"]),
    "name_en": st.sampled_from(["Anti-corruption", "New topic"]),
    "name_ru": st.sampled_from(["Антикоррупция", "Новая тема"]),
    "code": st.sampled_from(["en", "ru", "KZ", "new_code", "B9-KZ-001"]),
    "language": st.sampled_from(["", "en", "ru"]),
    "has_consent": st.sampled_from(["y", ""]),
    "is_in_phase_report": st.sampled_from(["y", ""]),
    "survivor": st.sampled_from(["a", "b"]),
    "pre_score": st.integers(-5, 150).map(str),
    "post_score": st.integers(-5, 150).map(str),
    "rating": st.integers(-1, 7).map(str),
    "number": st.integers(-1, 1000).map(str),
    "total_cost": st.decimals(allow_nan=True, allow_infinity=True).map(str),
    "eu_contribution": st.decimals(allow_nan=True, allow_infinity=True).map(str),
    "completion_percent": st.integers(-5, 105).map(str),
    "currency": st.sampled_from(["EUR", "eur", "E1R"]),
    "page": st.integers(-2, 2**40).map(str),
    "sort": st.sampled_from(["date", "title", "participants", "date_desc"]),
    "period": st.sampled_from(["", "all", "phase-9", "phase-x", "custom", "2017-01-01_2017-12-31",
                               "2017-12-31_2017-01-01", "_", "2017-02-30_2018-01-01"]),
    "official_country": st.sampled_from(["", "KZ", "kg", "ZZ"]),
    "agency_type": st.sampled_from(["", "customs", "none", "border_guard"]),
    "taking_part": st.sampled_from(["", "KZ", "KG"]),
    "evidence": st.sampled_from(["", "with", "without"]),
    "rows": st.sampled_from(["country", "sex", "topic", "agency_type", "event_kind", "month",
                             "quarter", "colour"]),
    "cols": st.sampled_from(["sex", "country", "quarter", ""]),
    "target_officials_trained": st.integers(-1, 2_000_000).map(str),
    "target_women_trained": st.integers(-1, 2_000_000).map(str),
    "password": st.sampled_from(["correct horse battery staple", "short"]),
    "new_password": st.sampled_from(["a quite long new password 1", "short"]),
    "confirm": st.sampled_from(["a quite long new password 1", "other"]),
    "file": FILES,
    "session": st.sampled_from(["2016-04-11-day", "2016-04-11-afternoon", "2026-12-01-day", "x"]),
    "action": st.sampled_from(["bulk", "reject:1", "confirm:1:new", "confirm:1:1", "confirm:x:y", ""]),
    "selected": st.lists(st.sampled_from(["1", "2", "x"]), max_size=2),
    "surname": st.sampled_from(["Kazakhova", "Казахова", "Bekova", "", "K"]),
    "reason": st.sampled_from(["Wrong attendance", "Merged with another record", ""]),
    "mark": st.sampled_from(["present", "late", "excused", "absent", "", "none"]),
    "all_present": st.sampled_from(["2016-04-11-day", "2016-04-12-day", "2016-04-11-afternoon",
                                    "2016-04-11"]),
    "day": st.sampled_from(["2016-04-11", "2016-04-13", "2016-04-14"]),
    "part": st.sampled_from(["day", "morning", "afternoon", "evening", "night"]),
    "pasted": st.sampled_from(["full_name\tcountry\nDana Nurlanova\tKZ", "full_name,country\n"]),
    "is_pasted": st.sampled_from(["", "yes"]),
    "slash_dates": st.sampled_from(["", "day", "month", "year"]),
    "column": st.sampled_from(["", "?", "full_name", "country", "last_name", "colour"]),
}
IDS = {  # fields holding a record's id: the world's records and others
    "person_id": "person_b_id", "a": "person_id", "b": "person_b_id", "person": "person_id",
    "agency_id": "agency_id", "agency": "agency_id", "agency_type_id": None, "user": "user_id",
    "object_id": "event_id",
}
FIELDS = {
    "auth.login": ("email", "password", "remember"),
    "auth.logout": (),
    "i18n.switch": ("next",),
    "account.change_password": ("current_password", "new_password", "confirm"),
    "account.create_token": ("name",),
    "account.change_language": ("language",),
    "account.revoke_token": (),
    "events.index": ("q", "phase", "country", "kind", "topic", "status", "from", "to", "sort",
                     "page", "official_country", "sex", "agency_type", "taking_part", "evidence"),
    "events.show": ("find", "country"),
    "events.new": ("title", "kind_id", "scope", "status", "start_date", "end_date",
                   "country_code", "city", "phase", "topic_ids", "code", "notes"),
    "events.edit": ("title", "kind_id", "scope", "status", "start_date", "end_date",
                    "country_code", "city", "phase", "topic_ids", "code", "notes", "version"),
    "events.delete": (),
    "events.add_attendee": ("person_id", "role", "days_attended"),
    "events.new_attendee": ("full_name", "sex", "country_code", "agency_id", "new_agency",
                            "position", "email", "role", "days_attended", "is_confirmed_new"),
    "events.update_attendee": ("role", "days_attended"),
    "events.remove_attendee": (),
    "events.undo_remove_attendee": ("entry",),
    "events.restore": (),
    "admin.logos": ("kind", "file"),
    "admin.reset_password": (),
    "admin.delete_logo": (),
    "events.upload_list": ("file", "pasted", "token", "filename", "is_pasted", "slash_dates",
                           "column-0", "column-1", "column-9"),
    "events.confirm_list": ("token", "filename", "is_pasted", "slash_dates"),
    "events.outcomes": ("pre_score-{attendance_id}", "post_score-{attendance_id}",
                        "rating-{attendance_id}", "comment-{attendance_id}"),
    "events.add_testimony": ("quote", "attribution", "language", "has_consent",
                             "is_in_phase_report"),
    "events.toggle_testimony": (),
    "events.delete_testimony": (),
    "events.add_attachment": ("kind", "file"),
    "events.delete_attachment": (),
    "register.upload": ("file", "token", "filename", "slash_dates", "column-0", "column-1", "column-9"),
    "register.confirm": ("token", "filename", "slash_dates"),
    "workshop.save_marks": ("mark-{attendance_id}-2016-04-11-day-present",
                            "mark-{attendance_id}-2016-04-12-day-none",
                            "mark-{attendance_id}-2016-04-11-afternoon-none", "all_present"),
    "workshop.add_session": ("day", "part"),
    "workshop.remove_session": (),
    "workshop.open_check_in": ("session",),
    "workshop.close_check_in": (),
    "workshop.decide_check_ins": ("action", "selected"),
    "workshop.revoke_certificate": ("reason",),
    "workshop.self_check_in": ("full_name", "country_code", "agency_id", "sex"),
    "workshop.verify_start": ("code",),
    "workshop.verify": ("surname",),
    "people.index": ("q", "country", "agency", "sex", "page"),
    "people.edit": ("full_name", "sex", "country_code", "agency_id", "new_agency", "position",
                    "email"),
    "people.agencies": ("name", "agency_type_id", "country_code", "country"),
    "people.rename_agency": ("name", "agency_type_id"),
    "people.erase_person": (),
    "people.export_csv": ("q", "country", "agency", "sex"),
    "dashboard.home": ("phase", "country", "period", "from", "to"),
    "api.totals": ("phase", "country", "from", "to"),
    "api.crosstab": ("phase", "from", "to", "rows", "cols", "country"),
    "reports.crosstab": ("period", "phase", "from", "to", "rows", "cols", "country"),
    "reports.crosstab_xlsx": ("period", "phase", "from", "to", "rows", "cols", "country"),
    "reports.evidence_pack": ("period", "phase", "from", "to", "country"),
    "reports.period_report": ("period", "from", "to", "country"),
    "reports.period_report_xlsx": ("period", "from", "to", "country"),
    "reports.phase_report": ("country",),
    "duplicates.queue": ("q", "country", "phase", "page"),
    "duplicates.merges": ("person", "page"),
    "duplicates.merge_pair": ("a", "b", "survivor", "full_name", "sex", "agency", "position",
                              "email"),
    "duplicates.distinct": ("a", "b", "page"),
    "duplicates.undo_distinct": ("a", "b", "page"),
    "duplicates.undo_merge": ("next",),
    "admin.new_user": ("email", "name", "role", "country_code", "password"),
    "admin.edit_user": ("name", "role", "country_code", "new_password"),
    "admin.deactivate_user": (),
    "admin.reactivate_user": (),
    "admin.new_phase": ("number", "name", "start_date", "end_date", "total_cost",
                        "eu_contribution", "currency", "implementing_organisation",
                        "funding_instrument", "target_events_held", "target_officials_trained",
                        "target_women_trained", "completion_percent"),
    "admin.country_targets": ("country_code", "target_events_held", "target_officials_trained",
                              "target_women_trained", "baseline_officials_trained",
                              "baseline_women_trained", "country"),
    "admin.reference_list": ("code", "name_en", "name_ru", "is_beneficiary"),
    "admin.rename_reference": ("name_en", "name_ru"),
    "admin.audit_log": ("user", "action", "object_type", "object_id", "date_from", "date_to",
                        "page"),
}
FIELDS["admin.edit_phase"] = FIELDS["admin.new_phase"]
# Routes whose success removes a record of the world: it is rebuilt after each such answer.
DESTRUCTIVE = {"events.delete", "events.restore", "admin.delete_logo", "events.remove_attendee", "events.delete_testimony",
               "events.delete_attachment", "people.erase_person", "duplicates.undo_merge",
               "workshop.remove_session", "workshop.close_check_in", "workshop.decide_check_ins",
               "workshop.revoke_certificate",
               "duplicates.merge_pair", "account.revoke_token", "auth.logout",
               "account.change_password", "admin.deactivate_user", "i18n.switch"}
# String URL arguments are fuzzed too.
URL_TEXT = {
    "code": st.one_of(st.sampled_from(["en", "ru"]), TEXT.filter(lambda t: t and "/" not in t)),
    "slug": st.sampled_from(["topics", "countries", "agency-types", "event-kinds", "x"]),
    "token": st.one_of(st.just("kzworldtok"), TEXT.filter(lambda t: t and "/" not in t)),
}


def value(name: str, ids: dict):
    """A strategy for one field: a plausible value, a nasty one, or several values at once."""
    base = name.split("-")[0]
    plausible = GOOD.get(base)
    if base in IDS:
        known = [str(ids[IDS[base]])] if IDS[base] else []
        plausible = st.sampled_from(known + ["1", "0", "-1", str(2**31), "9" * 30])
    if base == "file":
        return st.one_of(FILES, TEXT)
    if base == "token":
        plausible = st.sampled_from([ids["upload_token"], "A" * 32])
    options = [TEXT, st.lists(TEXT, min_size=2, max_size=3)]
    return st.one_of(plausible, *options) if plausible is not None else st.one_of(*options)


@st.composite
def form_input(draw, endpoint: str, ids: dict) -> dict:
    names = [name.format(**ids) for name in FIELDS.get(endpoint, ())]
    data = draw(st.fixed_dictionaries({}, optional={name: value(name, ids) for name in names}))
    data.update(draw(st.dictionaries(st.text(max_size=8), TEXT, max_size=2)))
    data.pop("csrf_token", None)
    return data


def briefly(fields: dict) -> dict:
    """The fields as a failure message shows them: long values cut short."""
    return {key: value if isinstance(value, tuple) or len(repr(value)) < 80
            else repr(value)[:60] + f"… ({len(repr(value))} characters)"
            for key, value in fields.items()}


def walkers(endpoint: str) -> list[str | None]:
    """Who posts: an admin and a coordinator where they may, else a Kyrgyz-limited user."""
    allowed = EXPECTED[endpoint]
    if allowed == PUBLIC:
        return [None, "admin"]
    chosen = [who for who in ("admin", "coordinator", "staff_kg", "manager")
              if w.USERS[who][0] in allowed]
    return chosen[:2]


def targets() -> list[tuple[str, str]]:
    pairs = []
    for endpoint in sorted(FIELDS):
        pairs.append((endpoint, "POST" if endpoint not in GET_ONLY else "GET"))
        if endpoint in BOTH:
            pairs.append((endpoint, "GET"))
    return pairs


GET_ONLY = {"events.index", "events.show", "people.index", "people.export_csv", "dashboard.home",
            "api.totals", "reports.phase_report", "duplicates.queue", "duplicates.merges",
            "admin.audit_log", "api.crosstab", "reports.crosstab", "reports.crosstab_xlsx",
            "reports.evidence_pack", "reports.period_report", "reports.period_report_xlsx",
            "workshop.verify_start"}
BOTH = {"duplicates.merge_pair", "people.agencies"}  # the query string of a GET form page


@pytest.fixture
def keep_seeded(db):
    """Admins may change reference lists and phases here: put them back afterwards."""
    saved = w.seeded_rows()
    yield
    if w.seeded_rows() != saved:
        w.wipe()
        w.restore_seeded(saved)


def rule_of(app, endpoint: str):
    return next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)


# Every field at once set to each of these (and every field missing), before the random
# examples: the values that broke something once.
CLASSIC = ["9" * 40, "\u00b2", "-1", " ", "\x00", "2016-02-30", "\u0416" * 5001, "a " * 3000,
           ["1", "2"]]


def test_every_form_is_in_the_fuzzing_table(app):
    posted = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert sorted(posted - set(FIELDS)) == [], "name these forms' fields in FIELDS"


@pytest.mark.parametrize("endpoint,method", targets())
def test_random_input_never_gets_a_500(app, db, keep_seeded, endpoint, method):
    rule = rule_of(app, endpoint)
    state = {}

    def fresh_world():
        state["world"] = world = w.rebuild(app)
        with app.test_request_context():
            world.ids["upload_token"] = storage.keep(PEOPLE_CSV)
        state["clients"] = {who: world.client(app, who) for who in walkers(endpoint)}

    def send(who: str | None, fields: dict, **url_args) -> None:
        world = state["world"]
        target = url(app, rule, world, who, **url_args)
        client = state["clients"][who]
        if method == "GET":
            query = {k: v for k, v in fields.items() if not isinstance(v, tuple)}
            response = client.get(target.split("?")[0], query_string=query)
        else:
            response = client.post(target, data=fields, content_type="multipart/form-data")
        assert response.status_code < 500, (method, target, briefly(fields))
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            page = response.get_data(as_text=True)
            assert "<title>" in page and "</html>" in page, (method, target, response.status_code)
        if endpoint in DESTRUCTIVE and response.status_code in (200, 302):
            fresh_world()

    fresh_world()
    names = [name.format(**state["world"].ids) for name in FIELDS[endpoint]]
    for bad in CLASSIC:
        send(walkers(endpoint)[0], {name: bad for name in names})
    send(walkers(endpoint)[0], {})

    examples = SLOW_EXAMPLES if endpoint in SLOW or not FIELDS[endpoint] else EXAMPLES

    @settings(max_examples=examples, deadline=None,
              database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def post(data):
        who = data.draw(st.sampled_from(walkers(endpoint)), label="who")
        fields = data.draw(form_input(endpoint, state["world"].ids), label="fields")
        overrides = {arg: data.draw(URL_TEXT[arg], label=arg)
                     for arg in rule.arguments if arg in URL_TEXT}
        send(who, fields, **overrides)

    post()
