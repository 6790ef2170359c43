"""The `flask` commands: seed, users, and the rest of SPEC's command line. Each command
commits once, at its end (the services it calls only flush)."""
import sys

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from .admin.services import create_user as create_user_service
from .auth.passwords import generate_password
from .extensions import db
from .models import Role, User
from .services import Refusal


def register(app: Flask) -> None:
    from .api.cli import issue_token
    from .backup import backup_command
    from .demo.cli import demo_command
    from .duplicates.cli import duplicates_command
    from .register.cli import import_register
    from .reports.cli import totals_command

    app.cli.add_command(seed_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(users)
    app.cli.add_command(import_register)
    app.cli.add_command(demo_command)
    app.cli.add_command(totals_command)
    app.cli.add_command(duplicates_command)
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
@click.option("--country", "country_code", help="Limit the user to one country (ISO code).")
@click.option("--name", help="Display name (default: the part of the email before @).")
def create_user(email: str, role: str, country_code: str | None, name: str | None) -> None:
    """Add a user; the password is prompted, or read from standard input."""
    email = email.strip().lower()
    country_code = country_code.upper() if country_code else None
    if country_code and role == Role.ADMIN:
        raise click.ClickException("Admins are never limited to a country; leave out --country.")
    password = _read_password()
    try:
        create_user_service(email, name or email.split("@")[0], role, country_code, password)
    except Refusal as refusal:
        raise click.ClickException(_cli_message(refusal, country_code)) from None
    db.session.commit()
    click.echo(f"Created {role} {email}.")


def _cli_message(refusal: Refusal, country_code: str | None) -> str:
    if refusal.field == "country_code":
        return f"Unknown country {country_code}; run `flask seed` first?"
    if refusal.field == "password":
        return f"Password refused: {refusal.message}"
    return refusal.message


@users.command("ensure-admin")
@click.option("--email", default="admin@example.org", show_default=True)
def ensure_admin(email: str) -> None:
    """Create an admin with a random password when there are no users at all."""
    if db.session.scalar(select(func.count(User.id))):
        return
    password = generate_password()
    create_user_service(email, "Administrator", Role.ADMIN, None, password)
    db.session.commit()
    click.echo(f"Admin account: {email}  password: {password}")
