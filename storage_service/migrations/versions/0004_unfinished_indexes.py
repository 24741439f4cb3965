"""Partial indexes for the stale-item sweeper (QUEUED / RUNNING rows by age).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("tailor_runs", "artifacts")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(
            f"ix_{table}_unfinished",
            table,
            ["created_at"],
            postgresql_where=sa.text("status IN (1, 2) AND deleted_at IS NULL"),
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_unfinished", table_name=table)
