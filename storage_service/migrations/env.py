"""Alembic environment (async template): runs migrations over an asyncpg connection.

The URL comes from `config.attributes["database_url"]` (set by storage_service.migrate) or,
for the plain `alembic` command, from RESUMEAI_DATABASE_URL. Logging is left to the caller:
no fileConfig here, so running migrations inside a service or pytest does not reset it.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from storage_service.db.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.attributes.get("database_url") or os.environ.get("RESUMEAI_DATABASE_URL")
    if not url:
        raise RuntimeError("no database URL: use migrate.upgrade or set RESUMEAI_DATABASE_URL")
    return str(url)


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


# Held for the migration's transaction: runners started together (a storage pod's init
# container per replica, a compose step and an operator) take turns, and each one after the
# first finds the database at head and does nothing.
_MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('resumeai.migrations'))"


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        connection.execute(text(_MIGRATION_LOCK))
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_async_engine(_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_async_migrations())
