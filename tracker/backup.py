"""`flask backup FILE`: a consistent copy of the SQLite database, taken while the app runs.

SQLite's online backup API copies the pages under one read transaction; in WAL mode that
neither waits for nor blocks the app's writers, and the copy is the database as it was at
one moment. PostgreSQL has its own tool for this (pg_dump).
"""
import sqlite3
from contextlib import closing
from pathlib import Path

import click
from flask.cli import with_appcontext

from .extensions import db

PG_DUMP_HINT = (
    "flask backup copies SQLite databases; this app uses PostgreSQL. Back it up with pg_dump:\n"
    '  pg_dump --format=custom --file=tracker.dump "$DATABASE_URL"\n'
    "and restore it with pg_restore --clean --dbname=... tracker.dump (see README)."
)
COUNTED_TABLES = ("event", "person", "attendance", "user")
# The files SQLite keeps beside a database while it is in use; writing over one corrupts it.
COMPANION_SUFFIXES = ("", "-wal", "-shm", "-journal")


class BackupError(Exception):
    """The backup could not be made; the message says why and what to do."""


def database_file() -> Path:
    """The SQLite file the app uses, or BackupError when there is none to copy."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise BackupError(PG_DUMP_HINT)
    if not url.database or url.database == ":memory:":
        raise BackupError("The database is in memory: there is no file to back up.")
    path = Path(url.database)
    if not path.is_file():
        raise BackupError(f"The database file {path} does not exist.")
    return path


def is_database_file(source: Path, target: Path) -> bool:
    """Whether target is the database or its -wal, -shm or -journal file, by any path
    (relative, through a symbolic link, or a hard link to one of them)."""
    target = target.resolve()
    for suffix in COMPANION_SUFFIXES:
        companion = source.resolve().with_name(source.resolve().name + suffix)
        if target == companion:
            return True
        if target.exists() and companion.exists() and target.samefile(companion):
            return True
    return False


def backup_sqlite(source: Path, target: Path) -> dict[str, int]:
    """Copy source into target (written whole or not at all); returns row counts of the copy."""
    if is_database_file(source, target):
        raise BackupError(f"{target} is the live database or one of its files; "
                          "write the backup somewhere else.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(source, timeout=30)) as src, \
                closing(sqlite3.connect(partial)) as copy:
            src.backup(copy)  # all pages in one step: one read transaction, one moment's state
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"The copy failed its integrity check: {check}")
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
            counts = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                      for t in COUNTED_TABLES if t in tables}
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@with_appcontext
def backup_command(file: Path, force: bool) -> None:
    """Copy the SQLite database into FILE, safely while the app is running."""
    try:
        source = database_file()
        if is_database_file(source, file):  # before --force is even considered
            raise BackupError(f"{file} is the live database or one of its files; "
                              "write the backup somewhere else.")
        if file.exists() and not force:
            raise BackupError(f"{file} exists; choose another name or add --force.")
        counts = backup_sqlite(source, file)
    except (BackupError, sqlite3.Error) as error:
        raise click.ClickException(str(error)) from error
    size_mb = file.stat().st_size / 1_048_576
    figures = ", ".join(f"{n} {table}" for table, n in counts.items())
    click.echo(f"Backed up {source} to {file} ({size_mb:.1f} MB; integrity check ok; {figures}).")
