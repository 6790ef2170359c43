"""What the benchmarks share: the app on a database of their own, migrated and seeded as
`make run` prepares one."""
from flask import Flask
from flask_migrate import upgrade

from config import Config
from tracker import MIGRATIONS_DIR, create_app
from tracker.extensions import db
from tracker.seed import seed


def migrated_app(url: str, base: type[Config] = Config, **settings) -> Flask:
    """The app on the database at `url`, migrated and seeded; `settings` override `base`'s."""
    config = type("BenchConfig", (base,), {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark",
                                           **settings})
    app = create_app(config)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        seed()
        db.session.commit()
    return app
