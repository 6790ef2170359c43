"""`flask import-register FILE [--dry-run]`."""
import sys
from pathlib import Path

import click
from flask_babel import gettext as _

from ..extensions import db
from . import apply_plan, lock_for_import, prepare


def describe(counts: dict[str, int]) -> list[str]:
    """The counts as lines: in the page's language on the web, in English on the command line."""
    return [
        _("Events: %(new)s new, %(matched)s already on record",
          new=counts["events_new"], matched=counts["events_matched"]),
        _("People: %(new)s new, %(matched)s matched to people on record (%(updated)s updated)",
          new=counts["people_new"], matched=counts["people_matched"], updated=counts["people_updated"]),
        _("Agencies: %(new)s new", new=counts["agencies_new"]),
        _("Attendances: %(new)s new, %(on_record)s already on record",
          new=counts["attendances_new"], on_record=counts["attendances_on_record"]),
    ]


def _refuse(errors) -> None:
    click.echo(f"Nothing was imported: {len(errors)} problem(s) in the file.", err=True)
    for error in errors:
        click.echo(str(error), err=True)
    sys.exit(1)


@click.command("import-register")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change and write nothing.")
def import_register(file: Path, dry_run: bool) -> None:
    """Import a register of attendance (CSV or XLSX): all rows or none."""
    lock_for_import()
    plan = prepare(file.read_bytes())
    if plan.errors:
        db.session.rollback()
        _refuse(plan.errors)
    if dry_run:
        db.session.rollback()
        for line in describe(plan.counts):
            click.echo(line)
        click.echo("Dry run: nothing was written.")
        return
    counts = apply_plan(plan, source=file.name)
    for line in describe(counts):
        click.echo(line)
    if plan.changes_anything:
        click.echo(f"Imported {file.name}.")
    else:
        click.echo("Nothing to change: everything in the file is already on record.")
