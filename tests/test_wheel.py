"""The installable build: a wheel of the repository serves the app from an empty directory.

This is the suite's one end-to-end run of the command line as a user types it; every other
CLI test uses app.test_cli_runner().
"""
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tracker import ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What a build reads is the package, its templates, migrations and catalogue, and the
# project files; the rest of the checkout (and a build/ left by an earlier build) stays out.
NOT_BUILT_FROM = shutil.ignore_patterns(".git", ".venv", "build", "dist", "instance", "*.egg-info",
                                        "__pycache__", ".hypothesis", ".pytest_cache", "tests",
                                        "docs", "benchmarks", "*.mo")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout: setuptools builds in the source's build/,
    so two builds at once (two test workers) or one after another in the checkout would
    trip over each other's files."""
    source = tmp_path_factory.mktemp("source") / "tracker"
    shutil.copytree(ROOT, source, ignore=NOT_BUILT_FROM)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return next(out.glob("bomca_tracker-*.whl"))


def test_the_wheel_carries_templates_migrations_and_the_compiled_catalogue(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tracker/templates/base.html" in names
    assert "tracker/migrations/env.py" in names
    assert any(n.startswith("tracker/migrations/versions/0001") for n in names)
    assert "tracker/translations/ru/LC_MESSAGES/messages.mo" in names
    assert "tracker/static/vendor/bootstrap/bootstrap.min.css" in names
    assert not any(n.startswith(("tests/", "config.py", "wsgi.py")) for n in names)


def test_the_installed_wheel_migrates_seeds_and_serves_from_an_empty_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # The wheel goes into the new environment; its dependencies are borrowed from this one
    # (a .pth line), so the test needs no network and no reinstall of Flask and friends.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    workdir = tmp_path / "empty"
    workdir.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}

    def flask(*args):
        return subprocess.run([python, "-m", "flask", "--app", "tracker", *args], cwd=workdir,
                              env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run([python, "-c", "import tracker; print(tracker.__file__)"], cwd=workdir,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site)), where  # the wheel's copy, not the checkout's

    upgraded = flask("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    seeded = flask("seed")
    assert seeded.returncode == 0, seeded.stderr
    assert "Added 33 countries" in seeded.stdout
    assert (workdir / "instance" / "tracker.db").exists()

    port = _free_port()
    server = subprocess.Popen([python, "-m", "flask", "--app", "tracker", "run", "--port", str(port)],
                              cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        page = ""
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "Sign in" in page
        request = urllib.request.Request(f"http://127.0.0.1:{port}/login",
                                         headers={"Accept-Language": "ru"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert "Войти" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (workdir / "instance" / "secret_key").exists()  # made when the app started, not on import
