"""Targets and baselines by country for each phase (issue #18).

Revision ID: 0004_country_targets
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_country_targets'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('country_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('target_events_held', sa.Integer(), nullable=True),
    sa.Column('target_officials_trained', sa.Integer(), nullable=True),
    sa.Column('target_women_trained', sa.Integer(), nullable=True),
    sa.Column('baseline_officials_trained', sa.Integer(), nullable=True),
    sa.Column('baseline_women_trained', sa.Integer(), nullable=True),
    sa.CheckConstraint('target_women_trained IS NULL OR target_officials_trained IS NULL OR target_women_trained <= target_officials_trained', name=op.f('ck_country_target_women_within_officials')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_country_target_country_code_country')),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_country_target_phase_id_phase'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_country_target')),
    sa.UniqueConstraint('phase_id', 'country_code', name='uq_country_target_phase_country')
    )


def downgrade():
    op.drop_table('country_target')
