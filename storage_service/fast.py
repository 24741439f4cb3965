"""The hottest reads straight on asyncpg: a key check and a run read are one prepared
statement each (asyncpg prepares and caches them per connection), with no ORM session,
identity map or pre-ping around them. They are single statements, so they need no
transaction. Everything else goes through the repositories.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg

from resumeai.storage.v1 import records_pb2
from resumeai.v1 import common_pb2, result_pb2
from storage_service import records, sealing
from storage_service.errors import NotFound
from storage_service.repositories.api_keys import Grant
from storage_service.repositories.common import try_parse_id

_KEY = """
SELECT owner_id, id, scopes, expires_at FROM api_keys
WHERE key_sha256 = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
"""
_RUN_COLUMNS = """
id, owner_id, status, resume_id, job_posting_id, options, request_id, created_at, updated_at,
started_at, finished_at, attempts, error, prompt_version, prompt_sha256, engine_version,
provider, model, parameters, prompt_tokens, completion_tokens, cost_micro_usd, latency_ms,
resume_sha256, job_sha256, score_before, score_after, notices
"""
_RUN = f"""
SELECT {_RUN_COLUMNS} FROM tailor_runs
WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
"""
_RUN_WITH_RESULT = f"""
SELECT {_RUN_COLUMNS}, result_pb FROM tailor_runs
WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
"""
_WRAPPED_KEY = "SELECT master_key_id, wrapped_dek FROM owner_keys WHERE owner_id = $1"


class _Row:
    """An asyncpg record read by attribute, as the record mappers read ORM rows."""

    __slots__ = ("_record",)

    def __init__(self, record: asyncpg.Record) -> None:
        self._record = record

    def __getattr__(self, name: str) -> Any:
        return self._record[name]


class FastReads:
    def __init__(self, database_url: str, sealer: sealing.Sealer | None, max_size: int) -> None:
        # SQLAlchemy's URL names its driver; asyncpg takes a plain libpq URL.
        self._dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._sealer = sealer
        self._max_size = max_size
        self._pool: asyncpg.Pool | None = None

    async def _connections(self) -> asyncpg.Pool:
        if self._pool is None:
            self._pool = await asyncpg.create_pool(
                self._dsn, min_size=1, max_size=self._max_size, init=_codecs
            )
        return self._pool

    async def grant(self, key_sha256: str) -> Grant:
        """As `api_keys.grant_for_key`: a key neither revoked nor expired; NotFound else."""
        pool = await self._connections()
        row = await pool.fetchrow(_KEY, key_sha256.lower())
        if row is None:
            raise NotFound("api key")
        return Grant(row["owner_id"], row["id"], tuple(row["scopes"]), row["expires_at"])

    async def tailor_run(
        self, owner: str, run_id: str, *, with_result: bool
    ) -> records_pb2.TailorRunRecord | None:
        """The owner's run; with its result only when asked. None when the result is stored
        only in the JSON copy of an old row (the repositories read that)."""
        run, owner_id = try_parse_id(run_id), try_parse_id(owner)
        if run is None or owner_id is None:
            raise NotFound("tailor run")
        pool = await self._connections()
        found = await pool.fetchrow(_RUN_WITH_RESULT if with_result else _RUN, run, owner_id)
        if found is None:
            raise NotFound("tailor run")
        row = _Row(found)
        result = None
        if with_result and row.status == common_pb2.RUN_STATUS_SUCCEEDED:
            if row.result_pb is None:
                return None
            data = await self._opened(owner_id, sealing.RESULT, row.result_pb)
            result = result_pb2.TailoringResult.FromString(data)
        return records.run_record(row, result=result)  # type: ignore[arg-type]

    async def _opened(self, owner_id: uuid.UUID, kind: str, data: bytes) -> bytes:
        if not data.startswith(sealing.MAGIC):
            return data
        if self._sealer is None:
            raise sealing.Unreadable("sealed data, but no master key is configured")
        pool = await self._connections()

        async def load() -> tuple[str, bytes] | None:
            key = await pool.fetchrow(_WRAPPED_KEY, owner_id)
            return None if key is None else (key["master_key_id"], key["wrapped_dek"])

        return await self._sealer.open_loading(owner_id, kind, data, load)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


async def _codecs(connection: asyncpg.Connection) -> None:
    """JSONB as Python values, as SQLAlchemy reads them (the run's options, parameters)."""
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )
