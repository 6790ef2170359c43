"""Tables for later features: event attachments, API tokens, person merges and
"not the same person" marks, testimonies, login attempts; person erasure, user locale.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('attempted_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt'))
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_key_at', ['key', 'attempted_at'], unique=False)

    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('hint', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_api_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_attachment_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_attachment_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_attachment_stored_name'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_event_id'), ['event_id'], unique=False)

    op.create_table('distinct_pair',
    sa.Column('person_a_id', sa.Integer(), nullable=False),
    sa.Column('person_b_id', sa.Integer(), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('person_a_id < person_b_id', name=op.f('ck_distinct_pair_ordered')),
    sa.ForeignKeyConstraint(['marked_by_id'], ['user.id'], name=op.f('fk_distinct_pair_marked_by_id_user')),
    sa.ForeignKeyConstraint(['person_a_id'], ['person.id'], name=op.f('fk_distinct_pair_person_a_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_b_id'], ['person.id'], name=op.f('fk_distinct_pair_person_b_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_a_id', 'person_b_id', name=op.f('pk_distinct_pair'))
    )
    with op.batch_alter_table('distinct_pair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distinct_pair_person_b_id'), ['person_b_id'], unique=False)

    op.create_table('person_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survivor_id', sa.Integer(), nullable=False),
    sa.Column('absorbed_person_id', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('merged_by_id', sa.Integer(), nullable=True),
    sa.Column('merged_at', sa.DateTime(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['merged_by_id'], ['user.id'], name=op.f('fk_person_merge_merged_by_id_user')),
    sa.ForeignKeyConstraint(['survivor_id'], ['person.id'], name=op.f('fk_person_merge_survivor_id_person')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['user.id'], name=op.f('fk_person_merge_undone_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_merge'))
    )
    with op.batch_alter_table('person_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_merge_survivor_id'), ['survivor_id'], unique=False)

    op.create_table('testimony',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('attribution', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('has_consent', sa.Boolean(), nullable=False),
    sa.Column('is_in_phase_report', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_testimony_created_by_id_user')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_testimony_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testimony'))
    )
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testimony_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('locale')

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testimony_event_id'))

    op.drop_table('testimony')
    with op.batch_alter_table('person_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_merge_survivor_id'))

    op.drop_table('person_merge')
    with op.batch_alter_table('distinct_pair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distinct_pair_person_b_id'))

    op.drop_table('distinct_pair')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_event_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_key_at')

    op.drop_table('login_attempt')
