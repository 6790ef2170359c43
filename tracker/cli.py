"""The `flask` commands: seed, users, and the rest of SPEC's command line."""
import sys

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from .auth.passwords import generate_password, password_problem
from .extensions import db
from .models import ROLES, Country, User


def register(app: Flask) -> None:
    from .api.cli import issue_token
    from .backup import backup_command
    from .duplicates import duplicates_command
    from .events.cli import purge_deleted_command
    from .demo.cli import demo_command
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
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--country", "country_code", help="Limit the user to one country (ISO code).")
@click.option("--name", help="Display name (default: the part of the email before @).")
def create_user(email: str, role: str, country_code: str | None, name: str | None) -> None:
    """Add a user; the password is prompted, or read from standard input."""
    email = email.strip().lower()
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise click.ClickException(f"A user with email {email} already exists.")
    if country_code and role == "admin":
        raise click.ClickException("Admins are never limited to a country; leave out --country.")
    if country_code:
        country_code = country_code.upper()
        if db.session.get(Country, country_code) is None:
            raise click.ClickException(f"Unknown country {country_code}; run `flask seed` first?")
    password = _read_password()
    if problem := password_problem(password):
        raise click.ClickException(f"Password refused: {problem}")
    user = User(email=email, name=name or email.split("@")[0], role=role, country_code=country_code)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} {email}.")


@users.command("ensure-admin")
@click.option("--email", default="admin@example.org", show_default=True)
def ensure_admin(email: str) -> None:
    """Create an admin with a random password when there are no users at all."""
    if db.session.scalar(select(func.count(User.id))):
        return
    password = generate_password()
    user = User(email=email, name="Administrator", role="admin")
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Admin account: {email}  password: {password}")
