"""`flask totals [--phase N | --from YYYY-MM-DD --to YYYY-MM-DD] [--json]`: SPEC's totals
object, as JSON or a readable table."""
import json

import click

from ..extensions import db
from ..models import Country
from ..totals import UnknownPhase, find_phase, maintenance, period_totals, phase_totals
from . import figures
from .period import BadPeriod, parse_period


@click.command("totals")
@click.option("--phase", "phase_number", type=int, help="A phase number (default: all phases).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD",
              help="First day of a period (with --to): events that started in it.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day of the period.")
@click.option("--country", "country_code", help="Only this country's figures (ISO code).")
@click.option("--json", "as_json", is_flag=True, help="Print SPEC's totals object as JSON.")
@click.option("--rebuild", is_flag=True, help="Recount the kept figures from the raw tables.")
@click.option("--check", is_flag=True,
              help="Compare the kept figures with a recount; exit status 1 if they differ.")
def totals_command(phase_number: int | None, date_from: str | None, date_to: str | None,
                   country_code: str | None, as_json: bool, rebuild: bool = False,
                   check: bool = False) -> None:
    """The totals of a phase, of a period, or of all phases."""
    if rebuild or check:
        maintenance.run(rebuild=rebuild, check=check)
        return
    try:
        period = parse_period(date_from, date_to)
    except BadPeriod as error:
        raise click.ClickException(f"--{error.field}: {error.message}") from None
    if period and phase_number is not None:
        raise click.ClickException("Give --phase or --from and --to, not both.")
    if country_code:
        country_code = country_code.strip().upper()
        if db.session.get(Country, country_code) is None:
            raise click.ClickException(f"Unknown country {country_code}.")
    try:
        totals = (period_totals(period.start, period.end, country_code) if period
                  else phase_totals(phase_number, country_code))
    except UnknownPhase as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(totals, indent=2, ensure_ascii=False))
        return
    phase = find_phase(phase_number) if phase_number is not None else None
    click.echo(figures.as_text(totals, phase, country_code, period.label if period else None))
