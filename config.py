"""The app's configuration classes, for wsgi.py, the tests and the benchmarks.

They are defined in tracker/config.py so that an installed wheel carries them; choose one with
TRACKER_CONFIG (development, testing, production) or pass a class to create_app().
"""
from tracker.config import (  # noqa: F401
    Config,
    DevelopmentConfig,
    ProductionConfig,
    TestingConfig,
    configs,
    get_config,
)
