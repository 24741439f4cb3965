"""run_changed: no longer announced when a run is created. Nobody can be watching a run
before its creation commits (its id is only known from the create's answer, and a watch
reads the run's state when it opens), so the notification only cost every create a NOTIFY
in its commit and a message through storage and every gateway.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP TRIGGER run_changed_on_insert ON tailor_runs")


def downgrade() -> None:
    op.execute(
        """
        CREATE TRIGGER run_changed_on_insert AFTER INSERT ON tailor_runs
        FOR EACH ROW EXECUTE FUNCTION notify_run_changed()
        """
    )
