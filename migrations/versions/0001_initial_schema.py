"""Initial schema: reference lists, programme and phases, events, people, attendance,
users and the audit log.

Reviewed by hand: constraint names follow tracker.extensions.NAMING_CONVENTION, so later
batch migrations on SQLite can address them.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agency_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('name_ru', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_type')),
    sa.UniqueConstraint('code', name=op.f('uq_agency_type_code'))
    )
    op.create_table('country',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('name_ru', sa.String(length=100), nullable=False),
    sa.Column('is_beneficiary', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_country')),
    sa.UniqueConstraint('name_en', name=op.f('uq_country_name_en')),
    sa.UniqueConstraint('name_ru', name=op.f('uq_country_name_ru'))
    )
    op.create_table('event_kind',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('name_ru', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_kind')),
    sa.UniqueConstraint('code', name=op.f('uq_event_kind_code'))
    )
    op.create_table('programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme')),
    sa.UniqueConstraint('name', name=op.f('uq_programme_name'))
    )
    op.create_table('topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('name_ru', sa.String(length=160), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic')),
    sa.UniqueConstraint('name_en', name=op.f('uq_topic_name_en'))
    )
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('agency_type_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agency_type_id'], ['agency_type.id'], name=op.f('fk_agency_agency_type_id_agency_type')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_agency_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('country_code', 'name', name='uq_agency_country_name')
    )
    op.create_table('phase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('total_cost', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('eu_contribution', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('implementing_organisation', sa.String(length=200), nullable=True),
    sa.Column('funding_instrument', sa.String(length=200), nullable=True),
    sa.Column('target_events_held', sa.Integer(), nullable=True),
    sa.Column('target_officials_trained', sa.Integer(), nullable=True),
    sa.Column('target_women_trained', sa.Integer(), nullable=True),
    sa.Column('completion_share', sa.Numeric(precision=3, scale=2), nullable=False),
    sa.CheckConstraint('completion_share > 0 AND completion_share <= 1', name=op.f('ck_phase_completion_share')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_phase_dates_ordered')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_phase_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase')),
    sa.UniqueConstraint('programme_id', 'number', name='uq_phase_programme_number')
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("role IN ('staff', 'coordinator', 'manager', 'admin')", name=op.f('ck_user_role')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_user_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=True),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.String(length=300), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_audit_entry_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_audit_entry_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_user_id'), ['user_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=True),
    sa.Column('scope', sa.String(length=10), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('duration_days', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("scope IS NULL OR scope IN ('regional', 'national')", name=op.f('ck_event_scope')),
    sa.CheckConstraint("status IN ('planned', 'held', 'cancelled')", name=op.f('ck_event_status')),
    sa.CheckConstraint('duration_days >= 1', name=op.f('ck_event_duration_days')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_event_dates_ordered')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_event_country_code_country')),
    sa.ForeignKeyConstraint(['kind_id'], ['event_kind.id'], name=op.f('fk_event_kind_id_event_kind')),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_event_phase_id_phase')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('code', name=op.f('uq_event_code'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_kind_id'), ['kind_id'], unique=False)
        batch_op.create_index('ix_event_phase_status', ['phase_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_start_date'), ['start_date'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_key', sa.String(length=254), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("sex IN ('F', 'M')", name=op.f('ck_person_sex')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_person_agency_id_agency')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_person_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_email_key'), ['email_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_key'), ['name_key'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('days_attended', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('pre_score', sa.Integer(), nullable=True),
    sa.Column('post_score', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('participant', 'trainer', 'organiser', 'observer')", name=op.f('ck_attendance_role')),
    sa.CheckConstraint('days_attended IS NULL OR days_attended >= 1', name=op.f('ck_attendance_days_attended')),
    sa.CheckConstraint('post_score IS NULL OR post_score BETWEEN 0 AND 100', name=op.f('ck_attendance_post_score')),
    sa.CheckConstraint('pre_score IS NULL OR pre_score BETWEEN 0 AND 100', name=op.f('ck_attendance_pre_score')),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name=op.f('ck_attendance_rating')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_attendance_agency_id_agency')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_attendance_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('event_id', 'person_id', name='uq_attendance_event_person')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index('ix_attendance_event_role', ['event_id', 'role'], unique=False)
        batch_op.create_index('ix_attendance_person_role', ['person_id', 'role'], unique=False)

    op.create_table('event_topic',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_topic_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_event_topic_topic_id_topic')),
    sa.PrimaryKeyConstraint('event_id', 'topic_id', name=op.f('pk_event_topic'))
    )
    with op.batch_alter_table('event_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_topic_topic_id'), ['topic_id'], unique=False)



def downgrade():
    with op.batch_alter_table('event_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_topic_topic_id'))

    op.drop_table('event_topic')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_attendance_person_role')
        batch_op.drop_index('ix_attendance_event_role')
        batch_op.drop_index(batch_op.f('ix_attendance_agency_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_name_key'))
        batch_op.drop_index(batch_op.f('ix_person_email_key'))
        batch_op.drop_index(batch_op.f('ix_person_country_code'))
        batch_op.drop_index(batch_op.f('ix_person_agency_id'))

    op.drop_table('person')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_start_date'))
        batch_op.drop_index('ix_event_phase_status')
        batch_op.drop_index(batch_op.f('ix_event_kind_id'))
        batch_op.drop_index(batch_op.f('ix_event_country_code'))

    op.drop_table('event')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_user_id'))
        batch_op.drop_index('ix_audit_entry_object')
        batch_op.drop_index(batch_op.f('ix_audit_entry_created_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_action'))

    op.drop_table('audit_entry')
    op.drop_table('user')
    op.drop_table('phase')
    op.drop_table('agency')
    op.drop_table('topic')
    op.drop_table('programme')
    op.drop_table('event_kind')
    op.drop_table('country')
    op.drop_table('agency_type')
