"""Entry point for `flask` and gunicorn: `gunicorn wsgi:app`."""
from config import get_config
from tracker import create_app

app = create_app(get_config())
