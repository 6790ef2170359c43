"""Never reuse the ids of deleted people, events and attendances on SQLite.

SQLite without AUTOINCREMENT gives a new row the highest id plus one, so deleting the
newest record (a merge deletes the absorbed person) hands its id to the next record, and
audit entries and undoable merges would name two records by one id. PostgreSQL sequences
never reuse ids: nothing to do there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TABLES = ("person", "event", "attendance")


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass


def upgrade():
    _recreate(True)


def downgrade():
    _recreate(False)
