"""The `flask` commands: seed, users, and the rest of SPEC's command line. Each command
commits once, at its end (the services it calls only flush)."""
import sys

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from .auth.passwords import generate_password
from .extensions import db
from .models import Role, User
from .services import Refusal


def register(app: Flask) -> None:
    from .api.cli import issue_token
    from .backup import backup_command
    from .demo.cli import demo_command
    from .duplicates.cli import duplicates_command
    from .events.cli import purge_deleted_command
    from .register.cli import import_register
    from .reports.cli import totals_command

    app.cli.add_command(seed_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(users)
    app.cli.add_command(import_register)
    app.cli.add_command(demo_command)
    app.cli.add_command(totals_command)
    app.cli.add_command(duplicates_command)
    app.cli.add_command(purge_deleted_command)
    users.add_command(issue_token)


@click.command("seed")
def seed_command() -> None:
    """Load the reference data (countries, topics, agency types, event kinds, phases)."""
    from .seed import seed

    added = seed()
    db.session.commit()
    if any(added.values()):
        click.echo("Added " + ", ".join(f"{n} {what}" for what, n in added.items() if n) + ".")
    else:
        click.echo("Reference data already complete; nothing changed.")


users = AppGroup("users", help="Manage user accounts.")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--country", "country",
              help="Limit the user to one country: its ISO code, English or Russian name.")
@click.option("--name", help="The name shown in the app (asked for when not given).")
def create_user(email: str, role: str, country: str | None, name: str | None) -> None:
    """Add a user; the password is prompted, or read from standard input."""
    from .admin import services

    if country and role == Role.ADMIN:
        raise click.ClickException("Admins are never limited to a country; leave out --country.")
    country_code = _country_code(country) if country else None
    if not (name or "").strip():
        if not sys.stdin.isatty():
            # Standard input carries the password: a name cannot be asked for there too.
            raise click.ClickException("Give the user's name with --name (the web form asks for it too).")
        name = click.prompt("Name (as shown in the app)")
    try:
        services.create_user(email, " ".join(name.split()), role, country_code, _read_password())
    except Refusal as refusal:
        db.session.rollback()
        raise click.ClickException(refusal.message) from None
    db.session.commit()
    click.echo(f"Created {role} {email.strip().lower()}.")


def _country_code(text: str) -> str:
    """The country's code for its ISO code, or its English or Russian name."""
    from .register.reference import Reference

    countries = Reference().countries
    code = countries.get(text)
    if code is None:
        problem = str(countries.unknown(text))
        raise click.ClickException(f"{problem[0].upper()}{problem[1:]} (run `flask seed` first?)")
    return code


@users.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """Give the user a new random password, printed once; signs them out everywhere."""
    from .admin import services

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"There is no user with email {email}.")
    password = services.reset_password(user)
    db.session.commit()
    click.echo(f"New password for {user.email}: {password}")
    click.echo("It is shown only now; the old one no longer works, and every session has ended.")


@users.command("ensure-admin")
@click.option("--email", default="admin@example.org", show_default=True)
def ensure_admin(email: str) -> None:
    """Create an admin with a random password when there are no users at all."""
    if db.session.scalar(select(func.count(User.id))):
        return
    from .admin import services

    password = generate_password()
    services.create_user(email, "Administrator", Role.ADMIN, None, password)
    db.session.commit()
    click.echo(f"Admin account: {email}  password: {password}")
