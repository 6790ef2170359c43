"""Issue #16's check, on the register's side: the decompression bomb posted to /import and to
an event's attendance-list upload, on an app configured as in production, is refused with a
sentence, at once, and writes nothing."""
import io
import time

import pytest
from sqlalchemy import func, select

from config import ProductionConfig
from tests.conftest import Client
from tests.support.bombs import xlsx_bomb
from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import Attendance, Person

REFUSAL = "the sheet unpacks to more than 50 MB; split the file or delete what is not part of the register"
# Not a speed test: the old reader never answered. A refusal after this long is a hang.
HANG = 60
HTTPS = "https://localhost"


@pytest.fixture
def production(app_config, db):
    config = type("Production", (ProductionConfig,), {
        "SQLALCHEMY_DATABASE_URI": app_config.SQLALCHEMY_DATABASE_URI,
        "SQLALCHEMY_ENGINE_OPTIONS": app_config.SQLALCHEMY_ENGINE_OPTIONS,
        "UPLOAD_FOLDER": app_config.UPLOAD_FOLDER, "SECRET_KEY": "production-like-test-key",
        "WTF_CSRF_ENABLED": False,  # CSRF is tested in tests/test_ids_and_csrf.py
    })
    production = create_app(config)
    production.test_client_class = Client
    yield production
    with production.app_context():
        _db.engine.dispose()


@pytest.fixture(scope="module")
def bomb():
    return xlsx_bomb()


@pytest.mark.parametrize("where", ["/import", "attendance-list"])
def test_the_bomb_is_refused_in_seconds_on_the_production_app(production, make_user, make_event, bomb, where):
    assert production.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024 and not production.debug
    url = where if where == "/import" else f"/events/{make_event().id}/attendance-list"
    client = production.test_client()
    with client.session_transaction(base_url=HTTPS) as session:  # secure cookies: https only
        session["_user_id"], session["_fresh"] = make_user("staff").get_id(), True
    started = time.monotonic()
    response = client.post(url, base_url=HTTPS, data={"file": (io.BytesIO(bomb), "register.xlsx")},
                           content_type="multipart/form-data")
    elapsed = time.monotonic() - started
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and REFUSAL in page and "Nothing can be imported yet" in page
    assert elapsed < HANG, f"answered after {elapsed:.0f} s"
    assert _db.session.scalar(select(func.count(Person.id))) == 0
    assert _db.session.scalar(select(func.count(Attendance.id))) == 0
