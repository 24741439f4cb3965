"""Engine and session factories, and the unit of work: one transaction per call, opened and
ended at the call boundary (`transaction`); repositories never commit or roll back."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SessionFactory = async_sessionmaker[AsyncSession]


@contextlib.asynccontextmanager
async def transaction(sessions: SessionFactory) -> AsyncIterator[AsyncSession]:
    """A session in one transaction: committed when the block ends, rolled back when it
    raises. The outbox row and the resource it announces commit together or not at all."""
    async with sessions() as session, session.begin():
        yield session


def make_engine(
    database_url: str, *, pool_size: int = 5, max_overflow: int = 5, pool_timeout_s: float = 10.0
) -> AsyncEngine:
    # pre_ping: a Postgres restart must not surface as errors on the first calls after it.
    # hide_parameters: statement parameters (resume bytes, job text, results) never appear in
    # exception messages, so a logged database error cannot carry personal data.
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
        hide_parameters=True,
    )


def make_sessions(engine: AsyncEngine, sealer: object = None) -> SessionFactory:
    # expire_on_commit=False: rows returned by a repository are mapped to protos after the
    # commit, and an expired attribute would need a (forbidden) implicit async refresh.
    # `sealer` (storage_service/sealing.py) rides in session.info for the repositories.
    return async_sessionmaker(engine, expire_on_commit=False, info={"sealer": sealer})


def make_read_sessions(engine: AsyncEngine, sealer: object = None) -> SessionFactory:
    # Reads that are one statement need no transaction: AUTOCOMMIT saves the BEGIN and
    # ROLLBACK round trips on the hottest calls (Get*, List*, key lookups).
    return async_sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT"),
        expire_on_commit=False,
        info={"sealer": sealer},
    )
