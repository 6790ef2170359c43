"""Deleted events wait in Deleted events before they are purged: when and by whom.

Revision ID: 0008_event_soft_delete
Revises: 0007_admins_never_limited
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_event_soft_delete"
down_revision = "0007_admins_never_limited"
branch_labels = None
depends_on = None

# Rebuilding the table on SQLite must keep the ids never reused (0003).
KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}


def upgrade():
    with op.batch_alter_table("event", table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("deleted_by_id", sa.Integer(), nullable=True))
        batch.create_index("ix_event_deleted_at", ["deleted_at"])
        batch.create_foreign_key("fk_event_deleted_by_id_user", "user", ["deleted_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("event", table_kwargs=KEEP_AUTOINCREMENT) as batch:
        batch.drop_constraint("fk_event_deleted_by_id_user", type_="foreignkey")
        batch.drop_index("ix_event_deleted_at")
        batch.drop_column("deleted_by_id")
        batch.drop_column("deleted_at")
