"""What pyproject.toml cannot say: the build of an installable wheel.

The layout keeps `templates/` and `migrations/` at the repository root; a wheel carries them
inside the package as `tracker/templates` and `tracker/migrations`, and carries the Russian
catalogue compiled (the .mo files are never committed).
"""
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithCatalogues(build_py):
    """build_py that also compiles each messages.po into the build as messages.mo."""

    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in (ROOT / "tracker" / "translations").glob("*/LC_MESSAGES/messages.po"):
            target = Path(self.build_lib) / po.relative_to(ROOT).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalogue = read_po(source)
            with target.open("wb") as out:
                write_mo(out, catalogue)


setup(
    packages=[*find_packages(include=["tracker", "tracker.*"]), "tracker.templates", "tracker.migrations"],
    package_dir={"tracker.templates": "templates", "tracker.migrations": "migrations"},
    package_data={
        "tracker": ["static/**/*", "translations/*/LC_MESSAGES/*"],
        "tracker.templates": ["**/*"],
        "tracker.migrations": ["**/*"],
    },
    cmdclass={"build_py": BuildPyWithCatalogues},
)
