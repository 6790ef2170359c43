"""Sessions of an event (one per day unless more are added) and attendees' marks per
session; days attended may now be 0 (derived from marks: absent from every session).

Revision ID: 0011_sessions
Revises: 0010_totals_facts
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_sessions'
down_revision = '0010_totals_facts'
branch_labels = None
depends_on = None


def _days_attended_check(minimum: int) -> None:
    # attendance keeps AUTOINCREMENT on SQLite (0003) when batch mode copies the table.
    with op.batch_alter_table('attendance', table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f('ck_attendance_days_attended'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_attendance_days_attended'), f'days_attended IS NULL OR days_attended >= {minimum}')


def upgrade():
    op.create_table('event_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('part', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("part IN ('day', 'morning', 'afternoon', 'evening')", name=op.f('ck_event_session_part')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_session_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_session')),
    sa.UniqueConstraint('event_id', 'day', 'part', name='uq_event_session_day_part'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('event_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_session_event_id'), ['event_id'], unique=False)

    op.create_table('attendance_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('attendance_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('marked_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('present', 'late', 'excused', 'absent')", name=op.f('ck_attendance_mark_status')),
    sa.ForeignKeyConstraint(['attendance_id'], ['attendance.id'], name=op.f('fk_attendance_mark_attendance_id_attendance'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['event_session.id'], name=op.f('fk_attendance_mark_session_id_event_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_mark')),
    sa.UniqueConstraint('session_id', 'attendance_id', name='uq_attendance_mark_session_attendance')
    )
    with op.batch_alter_table('attendance_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_mark_attendance_id'), ['attendance_id'], unique=False)

    _days_attended_check(0)


def downgrade():
    op.execute("UPDATE attendance SET days_attended = NULL WHERE days_attended = 0")
    _days_attended_check(1)
    op.drop_table('attendance_mark')
    op.drop_table('event_session')
