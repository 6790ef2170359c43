"""`flask totals --rebuild` and `--check`: the kept counters against a recount of the raw tables."""
import click

from ..extensions import db
from . import facts, tracking

SHOWN = 20  # differences listed before "... and N more"


def run(*, rebuild: bool, check: bool) -> None:
    """Rebuild first if asked, then check if asked; exit status 1 when the check fails."""
    session = db.session
    if rebuild:
        tracking.bump(session)
        count = facts.rebuild(session.connection())
        session.commit()
        click.echo(f"Recounted the kept figures from the raw tables: {count:,} counters.")
    if check:
        differences = facts.differences(session.connection())
        session.rollback()
        if not differences:
            click.echo("The kept figures equal a recount of the raw tables.")
            return
        click.echo(f"{len(differences):,} kept figures differ from a recount "
                   "(bucket country sex figure key: kept, recounted):", err=True)
        for (bucket, country, sex, dim, key), kept, recounted in differences[:SHOWN]:
            click.echo(f"  {bucket} {country} {sex or '-'} {dim} {key or '-'}: {kept}, {recounted}",
                       err=True)
        if len(differences) > SHOWN:
            click.echo(f"  ... and {len(differences) - SHOWN:,} more", err=True)
        click.echo("Run `flask totals --rebuild` to recount them.", err=True)
        raise SystemExit(1)
