"""The programme's and the donor's logos for printed pages.

Revision ID: 0009_logos
Revises: 0008_event_soft_delete
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_logos"
down_revision = "0008_event_soft_delete"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "logo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('programme', 'donor')", name=op.f("ck_logo_kind")),
        sa.ForeignKeyConstraint(["programme_id"], ["programme.id"],
                                name=op.f("fk_logo_programme_id_programme")),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["user.id"],
                                name=op.f("fk_logo_uploaded_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logo")),
        sa.UniqueConstraint("programme_id", "kind", name="uq_logo_programme_kind"),
        sa.UniqueConstraint("stored_name", name=op.f("uq_logo_stored_name")),
    )


def downgrade():
    op.drop_table("logo")
