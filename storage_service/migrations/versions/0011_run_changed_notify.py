"""run_changed: every change of a run's status, update time or deletion is announced on the
Postgres channel `run_changed` (payload: the run id) when its transaction commits, whichever
code path wrote it. Storage streams these to the gateways (WatchRunChanges), which re-read a
watched run only when it changed instead of polling it.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION notify_run_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('run_changed', NEW.id::text);
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER run_changed_on_insert AFTER INSERT ON tailor_runs
        FOR EACH ROW EXECUTE FUNCTION notify_run_changed()
        """
    )
    op.execute(
        """
        CREATE TRIGGER run_changed_on_update AFTER UPDATE ON tailor_runs
        FOR EACH ROW WHEN (
            OLD.status IS DISTINCT FROM NEW.status
            OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
            OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        )
        EXECUTE FUNCTION notify_run_changed()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER run_changed_on_update ON tailor_runs")
    op.execute("DROP TRIGGER run_changed_on_insert ON tailor_runs")
    op.execute("DROP FUNCTION notify_run_changed()")
