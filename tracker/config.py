"""Configuration classes; the environment decides, the code never hard-codes a secret.

They live in the package so that an installed wheel has them (`flask --app tracker …`);
the repository's `config.py` re-exports them for wsgi.py, the tests and the benchmarks.
Importing this module reads the environment and writes nothing.
"""
import os
from datetime import timedelta
from pathlib import Path

CHECKOUT_DIR = Path(__file__).resolve().parent.parent


def instance_dir() -> Path:
    """Where the SQLite file, uploads and the development key live.

    TRACKER_INSTANCE when set; else `instance/` in the checkout; else, for an installed
    package, `instance/` in the working directory.
    """
    if os.environ.get("TRACKER_INSTANCE"):
        return Path(os.environ["TRACKER_INSTANCE"]).resolve()
    if (CHECKOUT_DIR / "pyproject.toml").exists():
        return CHECKOUT_DIR / "instance"
    return Path.cwd() / "instance"


INSTANCE_DIR = instance_dir()


def _database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL", default)
    # Heroku-style URLs name the dialect "postgres"; SQLAlchemy wants psycopg 3 spelled out.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'tracker.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SECRET_KEY = os.environ.get("SECRET_KEY")
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 16 * 1024 * 1024))
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    REDIS_URL = os.environ.get("REDIS_URL")
    # Phase totals are remembered until the database changes (tracker/totals/cache.py).
    TOTALS_CACHE = os.environ.get("TOTALS_CACHE", "on").lower() not in {"0", "off", "false", "no"}
    # How many reverse proxies (nginx…) stand in front of the app and set X-Forwarded-For and
    # X-Forwarded-Proto; 0 trusts no such header. Sign-in limits per address need the real one.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
    # The address printed in check-in and certificate QR codes when participants and holders
    # reach the tracker at another one than staff do (tracker/workshop/qr.py); else the request's.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch must still submit
    EVENTS_PER_PAGE = 25
    # scrypt with OWASP's Password Storage Cheat Sheet parameters (N=2^17, r=8, p=1): about
    # half a second a hash on purpose. A stored hash made otherwise is redone at sign-in.
    PASSWORD_HASH_METHOD = "scrypt:131072:8:1"


class DevelopmentConfig(Config):
    DEBUG = True
    # Without SECRET_KEY, the app makes one when it starts and keeps it in instance/
    # (create_app), so sessions survive a restart.
    KEEP_GENERATED_SECRET_KEY = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    # Cheap scrypt: the suite signs in and sets passwords thousands of times.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def check(cls) -> None:
        """Refuse to start a production server that would be unsafe."""
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")
        if os.environ.get("FLASK_DEBUG", "").lower() in {"1", "true", "yes"}:
            raise RuntimeError("FLASK_DEBUG must be off in production")


configs = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("TRACKER_CONFIG", "development")
    config = configs[name]
    if hasattr(config, "check"):
        config.check()
    return config
