"""`flask demo [--if-empty]`."""
import click
from sqlalchemy import func, select

from ..extensions import db
from ..models import Event, Phase


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when events exist.")
def demo_command(if_empty: bool) -> None:
    """Fill an empty database with a realistic synthetic programme."""
    if db.session.scalar(select(func.count(Event.id))):
        if if_empty:
            click.echo("The database already holds events; demo data not loaded.")
            return
        raise click.ClickException("The database already holds events; the demo needs an empty one.")
    if not db.session.scalar(select(func.count(Phase.id))):
        raise click.ClickException("No phases on record: run `flask seed` first.")
    from .build import build_demo

    made = build_demo()
    db.session.commit()
    click.echo(f"Demo programme loaded: {made['events']} events, {made['people']} people "
               f"({made['second spellings']} recorded twice under another spelling, for the "
               "duplicates queue).")
