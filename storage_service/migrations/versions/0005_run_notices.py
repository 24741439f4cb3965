"""tailor_runs.notices: what a SUCCEEDED run's result lacks (RunNotice numbers), backfilled.

Runs that succeeded before this revision get their notices from the JSON copy of their result
(written for every run since 0001), by the rules of storage_service.notices written in SQL;
a test keeps NOTICES_SQL and run_notices in step. A run that has not succeeded keeps NULL.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# proto3 JSON leaves empty lists and false out, hence the coalesces.
_WORK = "coalesce(result->'resume'->'work', '[]'::jsonb)"
_BEFORE = "coalesce(result->'coverage_before'->'keywords', '[]'::jsonb)"
_AFTER = "coalesce(result->'coverage_after'->'keywords', '[]'::jsonb)"

# The notices of the row's `result` (1 NO_ROLES_FOUND, 2 NO_ROLE_LINES, 3 NO_TAILORED_BULLETS,
# 4 NO_JOB_KEYWORDS, 5 NOTHING_RELEVANT), in enum order.
NOTICES_SQL = f"""ARRAY(
    SELECT notice FROM (VALUES
        (1, jsonb_array_length({_WORK}) = 0),
        (2, jsonb_array_length({_WORK}) > 0 AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements({_WORK}) AS entry
            WHERE jsonb_array_length(coalesce(entry->'highlights', '[]'::jsonb)) > 0)),
        (3, jsonb_array_length(coalesce(result->'bullets', '[]'::jsonb)) = 0),
        (4, jsonb_array_length({_BEFORE}) = 0),
        (5, jsonb_array_length({_BEFORE}) > 0 AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements({_BEFORE} || {_AFTER}) AS keyword
            WHERE coalesce((keyword->>'found')::boolean, false)
               OR coalesce((keyword->>'satisfied')::boolean, false)))
    ) AS rule(notice, hit)
    WHERE hit ORDER BY notice
)::smallint[]"""


def upgrade() -> None:
    op.add_column(
        "tailor_runs",
        sa.Column("notices", postgresql.ARRAY(sa.SmallInteger()), nullable=True),
    )
    op.create_check_constraint(
        op.f("ck_tailor_runs_notices"),
        "tailor_runs",
        "notices <@ ARRAY[1, 2, 3, 4, 5]::smallint[]",
    )
    op.execute(
        f"UPDATE tailor_runs SET notices = {NOTICES_SQL} WHERE status = 3 AND result IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_column("tailor_runs", "notices")
