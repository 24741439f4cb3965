"""tailor_runs / artifacts.request_sha256: what a request id was first used for.

A request id reused with a different request is refused (ALREADY_EXISTS) instead of
silently answering with the first request's run or export. Rows from before stay NULL and
are never compared.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("tailor_runs", "artifacts")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("request_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        op.drop_column(table, "request_sha256")
