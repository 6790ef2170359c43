"""Sums (participations, person-days, ratings) and events' counters are kept in the phase and
quarter buckets only: a year's, a half's and all phases' are added up from them when read, so
a write moves them in two buckets instead of five; and the officials trained are read as the
sum of the first-month counters, so the trained counter goes (issue #21).

Revision ID: 0014_sums_in_phases_and_quarters
Revises: 0013_check_in
Create Date: 2026-12-01
"""
from alembic import op

revision = '0014_sums_in_phases_and_quarters'
down_revision = '0013_check_in'
branch_labels = None
depends_on = None

ADDITIVE = "('participations', 'person_days', 'ratings', 'rating_sum', 'events', 'kind')"


def upgrade():
    op.execute(f"DELETE FROM totals_count WHERE dim IN {ADDITIVE} "
               "AND bucket NOT LIKE 'phase:%' AND bucket NOT LIKE 'quarter:%'")
    op.execute("DELETE FROM totals_count WHERE dim = 'trained'")


def downgrade():
    op.execute("INSERT INTO totals_count (bucket, country, sex, dim, \"key\", n) "
               "SELECT bucket, country, sex, 'trained', '', SUM(n) FROM totals_count "
               "WHERE dim = 'first' GROUP BY bucket, country, sex")
    # Each bucket's own sums again, added up as read.py adds them up.
    half = "CASE WHEN substr(bucket, 14, 1) IN ('1', '2') THEN '1' ELSE '2' END"
    for bucket, source in (("'all'", "phase:%"),
                           ("'year:' || substr(bucket, 9, 4)", "quarter:%"),
                           (f"'half:' || substr(bucket, 9, 4) || '-' || {half}", "quarter:%")):
        by = "" if bucket == "'all'" else f"{bucket}, "  # PostgreSQL groups by no constant
        op.execute(f"INSERT INTO totals_count (bucket, country, sex, dim, \"key\", n) "
                   f"SELECT {bucket}, country, sex, dim, \"key\", SUM(n) FROM totals_count "
                   f"WHERE bucket LIKE '{source}' AND dim IN {ADDITIVE} "
                   f"GROUP BY {by}country, sex, dim, \"key\"")
