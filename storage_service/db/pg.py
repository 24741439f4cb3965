"""The asyncpg pool of the hot calls (key check, run create and read, document create,
outbox marks): one prepared statement per query, prepared once per connection and cached by
asyncpg, with no ORM session, identity map or pre-ping round trip around it.

Everything else goes through SQLAlchemy (storage_service/db/engine.py). Both pools reach the
same database; a call uses one of them for its whole transaction.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg


class Pg:
    def __init__(self, database_url: str, max_size: int) -> None:
        # SQLAlchemy's URL names its driver; asyncpg takes a plain libpq URL.
        self._dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._max_size = max_size
        self._pool: asyncpg.Pool | None = None

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            self._pool = await asyncpg.create_pool(
                self._dsn, min_size=1, max_size=self._max_size, init=_codecs, reset=_release
            )
        return self._pool

    @contextlib.asynccontextmanager
    async def connection(self, *, transaction: bool) -> AsyncIterator[asyncpg.Connection]:
        """A connection for one call. With `transaction`, its statements are one transaction,
        committed when the block ends and rolled back when it raises (the call's unit of
        work, as engine.transaction is for sessions). Without, each statement is its own:
        for calls that write in one statement, where BEGIN and COMMIT would only add round
        trips."""
        pool = await self.pool()
        async with pool.acquire() as connection:
            if not transaction:
                yield connection
                return
            async with connection.transaction():
                yield connection

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


class Row:
    """An asyncpg record read by attribute, as the record mappers read ORM rows."""

    __slots__ = ("_record",)

    def __init__(self, record: asyncpg.Record) -> None:
        self._record = record

    def __getattr__(self, name: str) -> Any:
        return self._record[name]


class OwnerKeys:
    """An owner's wrapped data key on an asyncpg connection (sealing.KeyStore)."""

    _LOAD = "SELECT master_key_id, wrapped_dek FROM owner_keys WHERE owner_id = $1"
    _INSERT = (
        "INSERT INTO owner_keys (owner_id, wrapped_dek, master_key_id) VALUES ($1, $2, $3) "
        "ON CONFLICT (owner_id) DO NOTHING"
    )

    def __init__(self, connection: asyncpg.Connection | asyncpg.Pool, owner_id: uuid.UUID):
        self._connection = connection
        self._owner_id = owner_id

    async def load(self) -> tuple[str, bytes] | None:
        row = await self._connection.fetchrow(self._LOAD, self._owner_id)
        return None if row is None else (row["master_key_id"], row["wrapped_dek"])

    async def insert(self, master_key_id: str, wrapped: bytes) -> None:
        await self._connection.execute(self._INSERT, self._owner_id, wrapped, master_key_id)


async def _codecs(connection: asyncpg.Connection) -> None:
    """JSONB as Python values, as SQLAlchemy reads them (the run's options, parameters)."""
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )


async def _release(connection: asyncpg.Connection) -> None:
    """What a connection needs before it goes back to the pool. asyncpg's default reset is
    a round trip on every release (UNLISTEN, RESET ALL, advisory unlock): these calls never
    listen, set session state or take session-level locks, so only an interrupted
    transaction needs ending."""
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")
