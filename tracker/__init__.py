"""The BOMCA training tracker: a Flask application factory."""
from pathlib import Path

from flask import Flask

from .extensions import csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = ROOT / "migrations"


def create_app(config: object) -> Flask:
    """Build an app from a config object (config.py's classes, or any object with settings)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config)
    Path(app.instance_path).mkdir(exist_ok=True)

    register_extensions(app)
    register_i18n(app)
    register_blueprints(app)
    register_cli(app)
    register_errors(app)
    register_template_helpers(app)
    register_security(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import database

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    database.configure_engine(app)

    from .auth import permissions

    permissions.init_login(login_manager)


def register_i18n(app: Flask) -> None:
    from .i18n import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from .account.routes import bp as account_bp
    from .admin.routes import bp as admin_bp
    from .api.routes import bp as api_bp
    from .auth.routes import bp as auth_bp
    from .events import attachments, outcomes, roster  # noqa: F401  (routes on the events blueprint)
    from .events.routes import bp as events_bp
    from .imports.routes import bp as imports_bp
    from .main.routes import bp as main_bp
    from .people import privacy  # noqa: F401  (routes on the people blueprint)
    from .people.routes import bp as people_bp
    from .reports.event_pages import bp as event_reports_bp
    from .reports.export_routes import bp as exports_bp
    from .reports.routes import bp as reports_bp
    from .review.routes import bp as review_bp
    from .security import IdConverter

    # Before any rule is added: ids the database cannot hold answer 404, not 500.
    app.url_map.converters["int"] = IdConverter
    app.register_blueprint(auth_bp)
    app.register_blueprint(main_bp)
    app.register_blueprint(events_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(event_reports_bp)
    app.register_blueprint(exports_bp)


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
