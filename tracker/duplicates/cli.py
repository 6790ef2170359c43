"""`flask duplicates`: the suspected pairs on the command line, as text or JSON."""
import json

import click

from ..extensions import db
from ..models import Country
from .suspects import pair_json, suspected_duplicates


@click.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of text.")
@click.option("--country", "country_code", help="Only this country (ISO code).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many pairs.")
def duplicates_command(as_json: bool, country_code: str | None, limit: int | None) -> None:
    """List suspected duplicate people, most alike first."""
    if country_code:
        country_code = country_code.upper()
        if db.session.get(Country, country_code) is None:
            raise click.BadParameter(f"no country {country_code}", param_hint="--country")
    pairs = suspected_duplicates(country_code, limit)
    if as_json:
        click.echo(json.dumps([pair_json(p) for p in pairs], ensure_ascii=False, indent=2))
        return
    for a, b, score, reasons in pairs:
        click.echo(f"{score:.2f}  {a.country_code}  #{a.id} {a.full_name}  ~  #{b.id} {b.full_name}"
                   f"  ({', '.join(reasons)})")
    click.echo(f"{len(pairs)} suspected duplicate pair{'' if len(pairs) == 1 else 's'}.")
