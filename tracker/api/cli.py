"""`flask users token EMAIL`: make a personal API token and print it, once."""
import click
from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from ..models import ApiToken, User


@click.command("token")
@click.argument("email")
@click.option("--name", default="command line", show_default=True,
              help="A name that tells this token apart from the user's others.")
def issue_token(email: str, name: str) -> None:
    """Make a personal API token for the user; it is printed as the last line, and only its
    hash is stored."""
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        raise click.ClickException(f"No user has the email {email}.")
    if not user.is_active:
        raise click.ClickException(f"The account {email} is deactivated; activate it first.")
    record, token = ApiToken.issue(user, name.strip() or "command line")
    db.session.flush()
    audit.record("api_token_issued", record, summary=f"{record.name} for {email}")
    db.session.commit()
    click.echo(f"API token {record.name!r} for {email}. It is shown only now; send it as "
               "'Authorization: Bearer <token>':")
    click.echo(token)
