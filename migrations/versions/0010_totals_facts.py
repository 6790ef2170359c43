"""The figures kept with the data: totals_count (counters per bucket, country, sex, figure)
and totals_state (the token remembered results are keyed by), filled by a recount.

Revision ID: 0010_totals_facts
Revises: 0009_logos
Create Date: 2026-12-01
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0010_totals_facts'
down_revision = '0009_logos'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'totals_count',
        sa.Column('bucket', sa.String(length=16), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=False),
        sa.Column('sex', sa.String(length=1), nullable=False),
        sa.Column('dim', sa.String(length=16), nullable=False),
        sa.Column('key', sa.String(length=16), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('bucket', 'country', 'sex', 'dim', 'key',
                                name=op.f('pk_totals_count')),
    )
    op.create_table(
        'totals_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_totals_state')),
    )
    # The counters of the data already there: the same recount as `flask totals --rebuild`.
    from tracker.totals import facts

    connection = op.get_bind()
    connection.execute(sa.text("INSERT INTO totals_state (id, token) VALUES (1, :token)"),
                       {"token": secrets.token_hex(16)})
    facts.rebuild(connection)


def downgrade():
    op.drop_table('totals_state')
    op.drop_table('totals_count')
