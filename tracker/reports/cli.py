"""`flask totals [--phase N] [--json]`: SPEC's totals object, as JSON or a readable table."""
import json

import click

from ..extensions import db
from ..models import Country
from ..totals import UnknownPhase, find_phase, phase_totals
from . import figures


@click.command("totals")
@click.option("--phase", "phase_number", type=int, help="A phase number (default: all phases).")
@click.option("--country", "country_code", help="Only this country's figures (ISO code).")
@click.option("--json", "as_json", is_flag=True, help="Print SPEC's totals object as JSON.")
def totals_command(phase_number: int | None, country_code: str | None, as_json: bool) -> None:
    """The totals of a phase, or of all phases."""
    if country_code:
        country_code = country_code.strip().upper()
        if db.session.get(Country, country_code) is None:
            raise click.ClickException(f"Unknown country {country_code}.")
    try:
        totals = phase_totals(phase_number, country_code)
    except UnknownPhase as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(totals, indent=2, ensure_ascii=False))
        return
    phase = find_phase(phase_number) if phase_number is not None else None
    click.echo(figures.as_text(totals, phase, country_code))
