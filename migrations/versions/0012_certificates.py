"""Certificates as issued: a unique code per certificate, verifiable at /verify/<code>,
and revocable.

Revision ID: 0012_certificates
Revises: 0011_sessions
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_certificates'
down_revision = '0011_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('attendance_id', sa.Integer(), nullable=True),
    sa.Column('holder_name', sa.String(length=200), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_reason', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['attendance_id'], ['attendance.id'], name=op.f('fk_certificate_attendance_id_attendance'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_certificate_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('code', name=op.f('uq_certificate_code')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_attendance_id'), ['attendance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_event_id'), ['event_id'], unique=False)


def downgrade():
    op.drop_table('certificate')
