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
