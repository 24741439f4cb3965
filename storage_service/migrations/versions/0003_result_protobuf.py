"""tailor_runs.result_pb: the result as serialized protobuf, the cheap read path.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tailor_runs", sa.Column("result_pb", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("tailor_runs", "result_pb")
