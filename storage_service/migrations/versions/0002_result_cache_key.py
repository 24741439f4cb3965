"""Reproducibility: tailor_runs.cache_key and its lookup index.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tailor_runs", sa.Column("cache_key", sa.Text(), nullable=True))
    op.create_index(
        "ix_tailor_runs_owner_cache_key",
        "tailor_runs",
        ["owner_id", "cache_key"],
        postgresql_where=sa.text("cache_key IS NOT NULL AND status = 3 AND deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_tailor_runs_owner_cache_key", table_name="tailor_runs")
    op.drop_column("tailor_runs", "cache_key")
