"""Counting the SQL statements a request issues (a page's queries must not grow with the data)."""
from sqlalchemy import event as sa_event

from tracker.extensions import db as _db


def count_queries(app, client, url):
    statements = []

    def before(*args):
        statements.append(args[2])

    with app.app_context():
        engine = _db.engine
    sa_event.listen(engine, "before_cursor_execute", before)
    try:
        response = client.get(url)
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)
    assert response.status_code == 200
    return len(statements)
