"""Per-owner quotas: runs and exports started in the last hour, and what an owner keeps
stored (bytes of resumes and job postings, and live documents).

Counted in the database, so the limit holds across gateway and storage replicas. A replay
of an existing request id is answered before the check and never counts. Exact under
concurrency: a transaction-scoped advisory lock per owner and kind serialises the count
and the insert that follows it (the lock goes with the commit).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from storage_service.errors import QuotaExceeded
from storage_service.repositories.common import Sql

_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
# Started in the last hour, deleted ones too (deleting a run does not give its start back).
_STARTED = {
    table: f"SELECT count(*) FROM {table} WHERE owner_id = $1 "
    "AND created_at > now() - interval '1 hour'"
    for table in ("tailor_runs", "artifacts")
}
# Bytes every resume and job posting not yet purged still holds (a deleted resume's content
# is wiped at once, so it holds none), and the live documents.
_STORED = """
SELECT
  (SELECT coalesce(sum(octet_length(content)), 0) FROM resumes WHERE owner_id = $1)
  + (SELECT coalesce(sum(octet_length(text)), 0) FROM job_postings WHERE owner_id = $1)
    AS stored_bytes,
  (SELECT count(*) FROM resumes WHERE owner_id = $1 AND deleted_at IS NULL)
  + (SELECT count(*) FROM job_postings WHERE owner_id = $1 AND deleted_at IS NULL)
    AS documents
"""


async def _lock(sql: Sql, key: str) -> None:
    """One check per owner and kind at a time, until the transaction ends: the count that
    follows (a new statement, so a new snapshot) sees every insert committed before it, and
    concurrent calls never overshoot."""
    await sql.fetchrow(_LOCK, key)


async def check_hourly(
    sql: Sql,
    table: Literal["tailor_runs", "artifacts"],
    owner_id: uuid.UUID,
    limit: int,
    what: str,
) -> None:
    """Raises QuotaExceeded when the owner started `limit` items in the last hour (0: off)."""
    if limit <= 0:
        return
    if await hourly_room(sql, table, owner_id, limit) <= 0:
        raise hourly_exceeded(limit, what)


async def hourly_room(
    sql: Sql, table: Literal["tailor_runs", "artifacts"], owner_id: uuid.UUID, limit: int
) -> int:
    """How many more items the owner may start this hour (`limit` > 0), with the owner's
    lock held until the transaction ends, so the items inserted next are counted exactly."""
    await _lock(sql, f"quota:{table}:{owner_id}")
    row = await sql.fetchrow(_STARTED[table], owner_id)
    return limit - (int(row[0]) if row is not None else 0)


def hourly_exceeded(limit: int, what: str) -> QuotaExceeded:
    return QuotaExceeded(f"quota exceeded: at most {limit} {what} per hour; retry later")


@dataclass(frozen=True)
class StoreLimits:
    """What one owner may keep stored (0: unlimited)."""

    bytes_per_owner: int = 0
    documents_per_owner: int = 0

    @property
    def enabled(self) -> bool:
        """A check runs (and needs the call's writes in one transaction with its lock)."""
        return bool(self.bytes_per_owner or self.documents_per_owner)


NO_STORE_LIMITS = StoreLimits()


async def check_stored(
    sql: Sql,
    owner_id: uuid.UUID,
    limits: StoreLimits,
    *,
    adding_bytes: int,
    adding_documents: int,
) -> None:
    """Raises QuotaExceeded when storing `adding_documents` documents of `adding_bytes` more
    would pass the owner's limits. Exact under concurrency, as `check_hourly`."""
    if not limits.enabled:
        return
    await _lock(sql, f"quota:store:{owner_id}")
    row = await sql.fetchrow(_STORED, owner_id)
    stored, documents = (int(row[0]), int(row[1])) if row is not None else (0, 0)
    if limits.bytes_per_owner and stored + adding_bytes > limits.bytes_per_owner:
        raise QuotaExceeded(
            f"storage quota exceeded: at most {limits.bytes_per_owner} bytes of documents "
            f"per owner ({stored} stored); delete documents you no longer need"
        )
    if limits.documents_per_owner and documents + adding_documents > limits.documents_per_owner:
        raise QuotaExceeded(
            f"storage quota exceeded: at most {limits.documents_per_owner} documents per "
            "owner; delete documents you no longer need"
        )
