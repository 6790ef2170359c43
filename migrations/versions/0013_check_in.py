"""Self check-in: links staff open for a session (/check-in/<token>) and the check-ins
participants send through them, pending until staff confirm them.

Revision ID: 0013_check_in
Revises: 0012_certificates
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_check_in'
down_revision = '0012_certificates'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('check_in_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_check_in_link_opened_by_id_user')),
    sa.ForeignKeyConstraint(['session_id'], ['event_session.id'], name=op.f('fk_check_in_link_session_id_event_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in_link')),
    sa.UniqueConstraint('token', name=op.f('uq_check_in_link_token'))
    )
    with op.batch_alter_table('check_in_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_link_session_id'), ['session_id'], unique=False)

    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('link_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('matched_person_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("sex IN ('F', 'M')", name=op.f('ck_check_in_sex')),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'rejected')", name=op.f('ck_check_in_status')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_check_in_agency_id_agency'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_check_in_country_code_country')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_check_in_decided_by_id_user')),
    sa.ForeignKeyConstraint(['link_id'], ['check_in_link.id'], name=op.f('fk_check_in_link_id_check_in_link'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['matched_person_id'], ['person.id'], name=op.f('fk_check_in_matched_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_check_in_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['event_session.id'], name=op.f('fk_check_in_session_id_event_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in'))
    )
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_link_id'), ['link_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_check_in_session_id'), ['session_id'], unique=False)


def downgrade():
    op.drop_table('check_in')
    op.drop_table('check_in_link')
