"""`flask import-register FILE [--dry-run] [--map "Column=field"]... [--ignore-unknown]
[--slash-dates day-first|month-first]`."""
import sys
from pathlib import Path

import click
from flask_babel import gettext as _

from ..extensions import db
from . import apply_plan, lock_for_import, mappings, prepare
from .header import EVENT_COLUMNS, NAME_PARTS, PERSON_COLUMNS
from .limits import MAX_TEXT_BYTES as MAX_FILE_BYTES


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


def _refuse(plan) -> None:
    click.echo(f"Nothing was imported: {len(plan.errors)} problem(s) in the file.", err=True)
    for error in plan.errors:
        click.echo(str(error), err=True)
    if plan.parsed and plan.parsed.needs_mapping:
        click.echo('Map unknown columns with --map "Column=field" (field: a register column, or '
                   "nothing to ignore the column), or ignore them all with --ignore-unknown.", err=True)
    if plan.parsed and plan.parsed.slash_question:
        click.echo("Answer with --slash-dates day-first or --slash-dates month-first.", err=True)
    sys.exit(1)


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    allowed = set(EVENT_COLUMNS + PERSON_COLUMNS + NAME_PARTS)
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        field = field.strip()
        if not sep or not column.strip() or (field and field not in allowed):
            raise click.BadParameter(f"{pair!r}: write COLUMN=FIELD, FIELD one of "
                                     f"{', '.join(sorted(allowed))} (or nothing to ignore the column)",
                                     param_hint="--map")
        mapping[column.strip()] = field
    return mapping


@click.command("import-register")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change and write nothing.")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Read the column named COLUMN as FIELD (empty FIELD: ignore it). Repeatable.")
@click.option("--ignore-unknown", is_flag=True, help="Skip columns that match no register column.")
@click.option("--slash-dates", type=click.Choice(["day-first", "month-first"]),
              help="How to read dates such as 07/03/2017.")
def import_register(file: Path, dry_run: bool, maps: tuple[str, ...], ignore_unknown: bool,
                    slash_dates: str | None) -> None:
    """Import a register of attendance (XLSX, XLS, ODS or CSV): all rows or none."""
    mapping = _mapping(maps)
    if file.stat().st_size > MAX_FILE_BYTES:
        click.echo(f"Nothing was imported: the file is larger than {MAX_FILE_BYTES // 2**20} MB; "
                   "split it.", err=True)
        sys.exit(1)
    lock_for_import()
    plan = prepare(file.read_bytes(), mapping=mapping, ignore_unknown=ignore_unknown,
                   remembered=mappings.remembered,
                   slash_reading=slash_dates.split("-")[0] if slash_dates else None)
    if plan.errors:
        db.session.rollback()
        _refuse(plan)
    for note in plan.parsed.notes if plan.parsed else ():
        click.echo(note)
    if dry_run:
        db.session.rollback()
        for line in describe(plan.counts):
            click.echo(line)
        click.echo("Dry run: nothing was written.")
        return
    counts = apply_plan(plan, source=file.name)
    db.session.commit()
    for line in describe(counts):
        click.echo(line)
    if plan.changes_anything:
        click.echo(f"Imported {file.name}.")
    else:
        click.echo("Nothing to change: everything in the file is already on record.")
