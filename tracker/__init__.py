"""The BOMCA training tracker: a Flask application factory."""
import secrets
from pathlib import Path

from flask import Flask

from .extensions import csrf, db, login_manager, migrate

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent


def _resource_dir(name: str) -> Path:
    """templates/ or migrations/: inside the package in a wheel, beside it in a checkout."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else ROOT / name


TEMPLATES_DIR = _resource_dir("templates")
MIGRATIONS_DIR = _resource_dir("migrations")


def create_app(config: object | None = None) -> Flask:
    """Build an app from a config object (config.py's classes, or any object with settings).

    Without one (`flask --app tracker …` on an installed wheel), TRACKER_CONFIG picks it.
    """
    if config is None:
        from .config import get_config

        config = get_config()
    app = Flask(__name__, template_folder=str(TEMPLATES_DIR), instance_path=str(_instance_dir(config)))
    app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY") and app.config.get("KEEP_GENERATED_SECRET_KEY"):
        app.config["SECRET_KEY"] = _kept_secret_key(Path(app.instance_path))

    register_extensions(app)
    register_i18n(app)
    register_blueprints(app)
    register_cli(app)
    register_errors(app)
    register_template_helpers(app)
    register_security(app)
    return app


def _instance_dir(config: object) -> Path:
    from .config import INSTANCE_DIR

    return Path(getattr(config, "INSTANCE_PATH", INSTANCE_DIR))


def _kept_secret_key(instance: Path) -> str:
    """A development key generated once and kept in instance/, so sessions survive a restart."""
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def register_extensions(app: Flask) -> None:
    from . import database

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    database.register(app)

    from .auth.login import init_login
    from .totals import tracking

    tracking.register()  # the figures kept with the data move with every session's flush

    init_login(login_manager)


def register_i18n(app: Flask) -> None:
    from .i18n import register

    register(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature package. A package whose views fill one routes.py defines
    `bp` there; one whose views span modules (events, people, reports) gathers them onto
    its `bp` when the package is imported."""
    from .account.routes import bp as account
    from .admin.routes import bp as admin
    from .admin.routes import images_bp as logos
    from .api.routes import bp as api
    from .auth.routes import bp as auth
    from .dashboard.routes import bp as dashboard
    from .duplicates.routes import bp as duplicates
    from .events import bp as events
    from .people import bp as people
    from .register.routes import bp as register
    from .reports import bp as reports
    from .security import IdConverter
    from .workshop.routes import bp as workshop

    # Before any rule is added: ids the database cannot hold answer 404, not 500.
    app.url_map.converters["int"] = IdConverter
    for blueprint in (auth, dashboard, events, workshop, people, duplicates, register, account,
                      logos, admin, api, reports):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from .cli import register

    register(app)


def register_errors(app: Flask) -> None:
    from .errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from .templating import register

    register(app)


def register_security(app: Flask) -> None:
    from .security import register

    register(app)
