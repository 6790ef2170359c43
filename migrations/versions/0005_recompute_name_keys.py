"""Recompute every person's name key with the current identity.name_key().

Issue #15 changed the key: every apostrophe-like character is one, Uzbek Cyrillic Ў Ғ Қ Ҳ
meet their Latin spellings, words mixing Latin and Cyrillic lookalikes are one script, q is
k. Stored keys made the old way would no longer meet new records. No record is merged here:
two people of one country who now share a key stay two records, and the duplicates queue
lists them as a pair ("same name") for a coordinator to merge or mark distinct. Erased
people keep their "erased <id>" key.

Revision ID: 0005_recompute_name_keys
Revises: 0004_country_targets
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

from tracker.identity import name_key

revision = '0005_recompute_name_keys'
down_revision = '0004_country_targets'
branch_labels = None
depends_on = None

BATCH = 1000
person = sa.table("person", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                  sa.column("name_key", sa.String), sa.column("erased_at", sa.DateTime))


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.select(person.c.id, person.c.full_name, person.c.name_key)
                              .where(person.c.erased_at.is_(None)).order_by(person.c.id)).all()
    changed = [{"person_id": id_, "key": name_key(full_name)}
               for id_, full_name, key in rows if name_key(full_name) != key]
    statement = (person.update().where(person.c.id == sa.bindparam("person_id"))
                 .values(name_key=sa.bindparam("key")))
    for start in range(0, len(changed), BATCH):
        connection.execute(statement, changed[start:start + BATCH])


def downgrade():
    pass  # the schema is unchanged; the keys stay as the newer code made them
