"""Column mappings the register import remembers for the next file with the same header
(issue #14).

Revision ID: 0006_column_mappings
Revises: 0005_recompute_name_keys
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_column_mappings'
down_revision = '0005_recompute_name_keys'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'column_mapping',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('header_key', sa.String(length=64), nullable=False),
        sa.Column('columns', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_column_mapping_updated_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_column_mapping')),
        sa.UniqueConstraint('header_key', name=op.f('uq_column_mapping_header_key')),
    )


def downgrade():
    op.drop_table('column_mapping')
