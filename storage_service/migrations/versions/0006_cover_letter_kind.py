"""artifacts.kind may be 3 (ARTIFACT_KIND_COVER_LETTER).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_artifacts_kind"), "artifacts", type_="check")
    op.create_check_constraint(op.f("ck_artifacts_kind"), "artifacts", "kind IN (1, 2, 3)")


def downgrade() -> None:
    # A cover letter has no older kind to become: those rows go with the constraint.
    op.execute("DELETE FROM artifacts WHERE kind = 3")
    op.drop_constraint(op.f("ck_artifacts_kind"), "artifacts", type_="check")
    op.create_check_constraint(op.f("ck_artifacts_kind"), "artifacts", "kind IN (1, 2)")
