"""Admins are never limited to a country (SPEC "Roles", issue #16): an admin saved with one
before the forms refused it loses the limit.

Revision ID: 0007_admins_never_limited
Revises: 0006_column_mappings
Create Date: 2026-12-01
"""
from alembic import op

revision = "0007_admins_never_limited"
down_revision = "0006_column_mappings"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE \"user\" SET country_code = NULL WHERE role = 'admin'")


def downgrade():
    pass  # which admins had a limit is not kept: nothing to put back
