"""SPEC's role table, written out for the tests that walk every URL rule (access, ids and
CSRF, no-500s), and how to build each rule's URL and form against the shared world.

A route added without an entry in EXPECTED fails tests/test_access.py: say who may use it.
"""
from flask import url_for

from tests.support import world as w

# SPEC "Roles", written out here rather than imported, so the code cannot agree with itself.
PUBLIC = "public"
SIGNED_IN = frozenset({"staff", "coordinator", "manager", "admin"})
TOTALS = SIGNED_IN  # see totals, phase reports, the event list
NAMES = frozenset({"staff", "coordinator", "admin"})  # see people's names and contacts
EDIT = NAMES  # log and edit events and attendance, import registers
PRINT = frozenset({"coordinator", "admin"})  # print reports and sheets, export lists of people
MERGE = PRINT  # merge duplicates, delete events
ADMIN = frozenset({"admin"})  # users, phases, targets, reference lists, the audit log

EXPECTED = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "i18n.switch": PUBLIC,  # the language of the sign-in page too
    "auth.logout": SIGNED_IN,
    "dashboard.home": TOTALS,
    "api.totals": TOTALS,
    "api.crosstab": TOTALS,
    "reports.phase_report": TOTALS,
    "reports.phase_report_xlsx": TOTALS,
    "reports.crosstab": TOTALS,
    "reports.crosstab_xlsx": TOTALS,
    "reports.evidence_pack": PRINT,
    "reports.period_report": TOTALS,
    "reports.period_report_xlsx": TOTALS,
    "account.show": SIGNED_IN,
    "account.change_password": SIGNED_IN,
    "account.create_token": SIGNED_IN,
    "account.change_language": SIGNED_IN,
    "account.revoke_token": SIGNED_IN,
    "events.index": TOTALS,
    "events.show": TOTALS,
    "events.new": EDIT,
    "events.edit": EDIT,
    "events.delete": MERGE,
    "events.deleted": EDIT,  # Deleted events, each one's restore page, and restoring it
    "events.restore": EDIT,
    "events.undo_remove_attendee": EDIT,
    "events.add_attendee": EDIT,
    "events.new_attendee": EDIT,
    "events.update_attendee": EDIT,
    "events.remove_attendee": EDIT,
    "events.upload_list": EDIT,
    "events.confirm_list": EDIT,
    "events.outcomes": EDIT,
    "events.add_testimony": EDIT,
    "events.toggle_testimony": EDIT,
    "events.delete_testimony": EDIT,
    "events.add_attachment": EDIT,
    "events.delete_attachment": EDIT,
    "events.download_attachment": NAMES,  # a signed sign-in sheet is a list of names
    "events.attendance_report": PRINT,
    "events.sign_in_sheet": PRINT,
    "events.certificates": PRINT,
    "events.certificate": PRINT,
    "events.roster_csv": PRINT,
    "events.roster_xlsx": PRINT,
    "workshop.save_marks": EDIT,  # marks and sessions are attendance (SPEC "Roles")
    "workshop.add_session": EDIT,
    "workshop.remove_session": EDIT,
    "workshop.open_check_in": EDIT,
    "workshop.close_check_in": EDIT,
    "workshop.projector": EDIT,  # the check-in link on a screen: it lets anyone check in
    "workshop.decide_check_ins": EDIT,
    "workshop.issued_certificates": PRINT,  # the certificates' holders: a list of names
    "workshop.revoke_certificate": PRINT,
    "workshop.self_check_in": PUBLIC,  # participants check in from their phones, no account
    "workshop.verify_start": PUBLIC,  # anyone holding a certificate can have it verified
    "workshop.verify": PUBLIC,
    "people.export_csv": PRINT,
    "people.export_xlsx": PRINT,
    "register.upload": EDIT,
    "register.confirm": EDIT,
    "register.template": EDIT,
    "people.index": NAMES,
    "people.show": NAMES,
    "people.edit": EDIT,
    "people.agencies": EDIT,
    "people.rename_agency": EDIT,
    "people.export_person": ADMIN,  # everything held on one person, on their request
    "people.erase_person": ADMIN,
    "duplicates.queue": MERGE,
    "duplicates.merge_pair": MERGE,
    "duplicates.distinct": MERGE,
    "duplicates.undo_distinct": MERGE,
    "duplicates.merges": MERGE,
    "duplicates.undo_merge": MERGE,
    "admin.index": ADMIN,
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.deactivate_user": ADMIN,
    "admin.reactivate_user": ADMIN,
    "admin.phases": ADMIN,
    "admin.new_phase": ADMIN,
    "admin.edit_phase": ADMIN,
    "admin.country_targets": ADMIN,
    "admin.reference_lists": ADMIN,
    "admin.reference_list": ADMIN,
    "admin.rename_reference": ADMIN,
    "admin.audit_log": ADMIN,
    "admin.logos": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.delete_logo": ADMIN,
    "logos.image": TOTALS,  # printed at the head of the phase report, which all may read
}

# URL arguments that name a Kazakh record: a user limited to Kyrgyzstan gets 404, as for an
# id that does not exist.
COUNTRY_BOUND = {"event_id", "attendance_id", "attachment_id", "testimony_id", "person_id",
                 "agency_id", "merge_id", "session_id", "link_id", "certificate_id"}
# Routes that take the people from the query or the form instead of the URL: another
# country's people are answered like unknown ids there (back to the queue, with a message).
QUERY = {"duplicates.merge_pair": "?a={person_id}&b={person_b_id}",
         "reports.period_report_xlsx": "?from=2016-01-01&to=2016-12-31"}
BODY_BOUND = {"duplicates.merge_pair", "duplicates.distinct", "duplicates.undo_distinct"}
# Routes whose URL names another record than the world's plain Kazakh one.
URL_IDS = {"events.restore": {"event_id": "deleted_event_id"}}
# What an allowed user posts, where an empty form would only be a bad request.
DATA = {
    "duplicates.distinct": lambda ids: {"a": ids["person_id"], "b": ids["person_b_id"]},
    "duplicates.undo_distinct": lambda ids: {"a": ids["person_id"], "b": ids["person_b_id"]},
    "events.add_attendee": lambda ids: {"person_id": ids["person_b_id"], "role": "participant"},
    "workshop.revoke_certificate": lambda ids: {"reason": "Wrong attendance"},
}
REFUSED_ACCESS = ("access_refused",)
WALKERS = [None, *w.USERS]


def methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def rules(app) -> list:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))


def url(app, rule, world, who, **override) -> str:
    """The rule's URL for the world's Kazakh records (and the walker's own API token)."""
    values = {}
    for arg in rule.arguments:
        if arg == "token_id":
            values[arg] = world.tokens[who or "admin"][0]
        elif arg == "filename":
            values[arg] = "css/app.css"
        elif arg == "code" and rule.endpoint == "workshop.verify":
            values[arg] = world.ids["certificate_code"]
        elif arg == "code":
            values[arg] = "en"
        elif arg == "slug":
            values[arg] = "topics"
        elif arg == "key":
            values[arg] = str(world.ids["topic_id"])
        else:
            values[arg] = world.ids[URL_IDS.get(rule.endpoint, {}).get(arg, arg)]
    values.update(override)
    with app.test_request_context():
        path = url_for(rule.endpoint, **values)
    return path + QUERY.get(rule.endpoint, "").format(**world.ids)


def form_data(endpoint, world, method) -> dict | None:
    if method != "POST":
        return None
    make = DATA.get(endpoint)
    return make(world.ids) if make else {}
