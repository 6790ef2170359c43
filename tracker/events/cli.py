"""`flask purge-deleted`: remove for good the events deleted more than RESTORE_DAYS days ago."""
import click

from ..extensions import db
from ..models import RESTORE_DAYS
from . import deletion
from .files import attachment_folder


@click.command("purge-deleted", help=f"Remove for good the events deleted more than "
               f"{RESTORE_DAYS} days ago, with their rosters and attachment files.")
@click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
def purge_deleted_command(dry_run: bool) -> None:
    events = deletion.expired()
    for event in events:
        click.echo(f"{'Would remove' if dry_run else 'Removing'} event {event.id} "
                   f"“{event.title}” (deleted {event.deleted_at:%Y-%m-%d}, "
                   f"{len(event.attendances)} attendances, {len(event.attachments)} files)")
    if dry_run or not events:
        db.session.rollback()
        click.echo(f"{len(events)} event(s) past their {RESTORE_DAYS} days in Deleted events"
                   + ("; nothing removed." if dry_run else "."))
        return
    stored_names = deletion.purge(events)
    db.session.commit()
    # Only once the records are gone for good: a failed commit must leave the files in place.
    deletion.unlink_files(attachment_folder(), stored_names)
    click.echo(f"Removed {len(events)} event(s) and {len(stored_names)} attachment file(s).")
