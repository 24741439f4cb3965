"""The Alembic head matches the models, and upgrading again is a no-op."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage_service.db.models import Base
from storage_service.migrate import upgrade


def _diff(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


async def test_migration_matches_models(db: AsyncEngine) -> None:
    async with db.connect() as conn:
        assert await conn.run_sync(_diff) == []


async def test_upgrade_is_idempotent_inside_a_running_loop(database_url: str) -> None:
    upgrade(database_url)  # a loop runs here: the work moves to a helper thread


def test_runners_started_together_take_turns() -> None:
    """Three migration processes on one empty database at once (as storage pods' init
    containers start): all succeed, and the database ends at head once."""
    import subprocess
    import sys
    import uuid

    from tests.conftest import PG_ADMIN_DSN, _psql

    name = f"resumeai_test_migrate_{uuid.uuid4().hex[:8]}"
    _psql(f'CREATE DATABASE "{name}"')
    admin_base = PG_ADMIN_DSN.rsplit("/", 1)[0]
    url = f"{admin_base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    run = "import sys; from storage_service.migrate import upgrade; upgrade(sys.argv[1])"
    try:
        runners = [
            subprocess.Popen([sys.executable, "-c", run, url], stderr=subprocess.PIPE)
            for _ in range(3)
        ]
        for runner in runners:
            _out, err = runner.communicate(timeout=120)
            assert runner.returncode == 0, err.decode()[-2000:]
        versions = subprocess.run(
            ["psql", f"{admin_base}/{name}", "-Atc", "SELECT count(*) FROM alembic_version"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert versions.strip() == "1"
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
