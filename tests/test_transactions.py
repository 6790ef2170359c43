"""One request, one transaction, ended in one place (tracker/database.py): an answer below
400 commits, an error answer rolls back everything but what must be kept (a refused
attempt's audit entry), and no other module of the app commits or rolls back."""
from flask import Response
from sqlalchemy import func, select

from tracker import ROOT, audit
from tracker.database import after_commit, after_rollback, end_request
from tracker.models import AuditEntry, LoginAttempt

# Command-line commands commit once at their end; everything else leaves it to the request.
MAY_END_A_TRANSACTION = {"tracker/database.py", "tracker/cli.py", "tracker/api/cli.py",
                         "tracker/demo/cli.py", "tracker/register/cli.py", "tracker/events/cli.py",
                         "tracker/totals/maintenance.py"}


def _attempts(db) -> int:
    return db.session.scalar(select(func.count(LoginAttempt.id)))


def test_an_answer_below_400_commits_what_the_request_wrote(app, db):
    done = []
    with app.test_request_context("/events/new", method="POST"):
        db.session.add(LoginAttempt(key="address:10.0.0.1"))
        after_commit(lambda: done.append("file removed"))
        end_request(Response(status=302))
    db.session.rollback()
    assert _attempts(db) == 1 and done == ["file removed"]


def test_an_error_answer_writes_nothing_but_the_refused_attempt(app, db):
    done = []
    with app.test_request_context("/admin/users", method="POST"):
        db.session.add(LoginAttempt(key="address:10.0.0.1"))
        after_rollback(lambda: done.append("stored file removed"))
        audit.record_despite_error("access_refused", summary="POST /admin/users")
        end_request(Response(status=403))
    db.session.rollback()
    assert _attempts(db) == 0 and done == ["stored file removed"]
    refusals = select(AuditEntry.summary).where(AuditEntry.action == "access_refused")
    assert db.session.scalars(refusals).all() == ["POST /admin/users"]


def test_a_save_refused_half_way_leaves_the_event_as_it_was(db, staff_client, make_event,
                                                           make_person, attend):
    event = make_event(title="Border workshop")  # 14 to 16 March
    attend(event, make_person(), days_attended=3)
    page = staff_client.post(f"/events/{event.id}/edit", data={
        "title": "Renamed workshop", "kind_id": str(event.kind_id), "status": "held",
        "start_date": "2016-03-14", "end_date": "2016-03-14", "country_code": "KG",
        "phase": "9", "version": str(event.version)}).get_data(as_text=True)
    assert "1 attendee(s) have more days attended than the event&#39;s 1 days" in page
    db.session.expire_all()
    assert event.title == "Border workshop" and event.end_date.day == 16


def test_no_module_but_the_request_end_and_the_commands_commits_or_rolls_back():
    offenders = []
    for path in sorted((ROOT / "tracker").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if name not in MAY_END_A_TRANSACTION and (".commit()" in text or ".rollback()" in text):
            offenders.append(name)
    assert offenders == []
