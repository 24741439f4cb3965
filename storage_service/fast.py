"""The hottest reads straight on asyncpg: a key check and a run read are one prepared
statement each (asyncpg prepares and caches them per connection), with no ORM session,
identity map or pre-ping around them. They are single statements, so they need no
transaction. Everything else goes through the repositories.
"""

from __future__ import annotations

from resumeai.storage.v1 import records_pb2
from resumeai.v1 import common_pb2, result_pb2
from storage_service import records, sealing
from storage_service.db.pg import Pg, Row
from storage_service.errors import NotFound
from storage_service.repositories.api_keys import Grant
from storage_service.repositories.common import try_parse_id
from storage_service.repositories.tailor_runs import RUN_COLUMNS

_KEY = """
SELECT owner_id, id, scopes, expires_at FROM api_keys
WHERE key_sha256 = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
"""
_RUN = f"""
SELECT {RUN_COLUMNS} FROM tailor_runs
WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
"""
_RUN_WITH_RESULT = f"""
SELECT {RUN_COLUMNS}, result_pb FROM tailor_runs
WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
"""


class FastReads:
    def __init__(self, pg: Pg, sealer: sealing.Sealer | None) -> None:
        self._pg = pg
        self._sealer = sealer

    async def grant(self, key_sha256: str) -> Grant:
        """As `api_keys.grant_for_key`: a key neither revoked nor expired; NotFound else."""
        pool = await self._pg.pool()
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
        pool = await self._pg.pool()
        found = await pool.fetchrow(_RUN_WITH_RESULT if with_result else _RUN, run, owner_id)
        if found is None:
            raise NotFound("tailor run")
        row = Row(found)
        result = None
        if with_result and row.status == common_pb2.RUN_STATUS_SUCCEEDED:
            if row.result_pb is None:
                return None
            data = await sealing.opened_with(
                self._sealer, pool, owner_id, sealing.RESULT, row.result_pb
            )
            result = result_pb2.TailoringResult.FromString(data)
        return records.run_record(row, result=result)  # type: ignore[arg-type]
