"""inline: a resume or job posting sent inside StartTailoring is flagged as such.

Until now such a document was told apart by its created_at equalling its run's (both
inserted in one transaction). The flag says it outright; existing rows are backfilled by that
same rule, once.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL = """
UPDATE {table} AS d SET inline = true
WHERE EXISTS (
    SELECT 1 FROM tailor_runs AS r
    WHERE r.{column} = d.id AND r.owner_id = d.owner_id AND r.created_at = d.created_at
)
"""


def upgrade() -> None:
    for table, column in (("resumes", "resume_id"), ("job_postings", "job_posting_id")):
        op.add_column(
            table, sa.Column("inline", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        op.execute(_BACKFILL.format(table=table, column=column))


def downgrade() -> None:
    for table in ("resumes", "job_postings"):
        op.drop_column(table, "inline")
