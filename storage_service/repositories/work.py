"""Leased work, one machinery for every kind of job: claim, renew, complete, fail (and the
stale-item sweep in `sweep.py`, over the same kinds).

A kind is a table of items with the lease columns (status, attempts, lease_token,
lease_expires_at, worker_id), what a claim hands the worker (`inputs`), and what completing
it stores (`completed`). Tailor runs and exports are the two kinds; a third (the cover letter
on its own) adds a table and a `Kind`, not a copy of this module.

Every step is a prepared statement on the hot path's asyncpg connection (storage_service/db/
pg.py): a worker claims, renews and completes once or more per job, so these are hot calls.

A claim locks the row, asks `leases.decide` whether this delivery may take it, and if so
hands out a new lease. Only the current lease holder of a live RUNNING item may renew,
complete or fail it, so two workers that raced produce exactly one result. A retry by the
holder after its own success (same token, same final status) gets the stored row back,
which makes gRPC retries on UNAVAILABLE safe.

Claims are retry-safe the same way: a claim whose commit succeeded but whose answer was lost
is retried by the client with the same worker_id; finding the item RUNNING under a live lease
held by that worker, it answers CLAIMED again with the same token (attempts unchanged)
instead of HELD_ELSEWHERE, which would make the worker ack and strand the item. A
*redelivered* message is a new attempt even for the same worker (its previous delivery was
nacked): it takes a new lease and counts, so `attempts` keeps counting deliveries.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from kit.jobs import EXPORT, TAILOR, JobKind
from resumeai.storage.v1 import storage_pb2
from storage_service import records
from storage_service.db.models import Artifact, TailorRun
from storage_service.db.pg import Row
from storage_service.errors import FailedPrecondition, InvalidArgument
from storage_service.repositories import artifacts, leases, tailor_runs
from storage_service.repositories.common import try_parse_id
from storage_service.sealing import Sealer

LEASE_LOST = "lease lost"
# What a claim hands out: the kind's inputs message (the item's own record is filled in by
# the claim), or None when the item can never be worked on (it is then FAILED with the given
# reason and the claim is ALREADY_FINISHED).
Inputs = Callable[[asyncpg.Connection, Sealer | None, Any], Awaitable[tuple[Any, str]]]
# The column values completing an item stores, from the worker's output message.
Completed = Callable[
    [asyncpg.Connection, Sealer | None, uuid.UUID | None, Any], Awaitable[dict[str, Any]]
]


@dataclass(frozen=True)
class Kind:
    work_kind: int  # storage_pb2.WorkKind
    job: JobKind
    model: type[TailorRun] | type[Artifact]  # the table (the sweep reads it through the ORM)
    inputs: Inputs
    completed: Completed
    # The inputs' field holding the item's record, how a row becomes it, and the columns it
    # needs: filled in by the claim once it has updated the row, so the worker sees the item
    # as claimed.
    record_field: str
    record: Callable[[Any], Any]
    columns: str
    # Set when first claimed / when finished, where the table records them.
    started_column: str = ""
    finished_column: str = ""

    @property
    def name(self) -> str:
        return self.job.routing_key

    @property
    def table(self) -> str:
        return self.model.__tablename__

    def item(self, row: Any) -> storage_pb2.WorkItem:
        return storage_pb2.WorkItem(**{self.record_field: self.record(row)})

    # --- statements (built once per kind; asyncpg prepares each once per connection) -----

    @functools.cached_property
    def claim_sql(self) -> tuple[str, str, str]:
        """Lock and read the item; fail it for good; take it with a new lease."""
        started = self.started_column
        set_started = f", {started} = coalesce({started}, $6)" if started else ""
        return (
            f"SELECT {self.columns}, deleted_at, lease_token, lease_expires_at, worker_id, "
            f"now() AS now FROM {self.table} WHERE id = $1 FOR UPDATE",
            f"UPDATE {self.table} SET status = $2, error = $3, lease_expires_at = NULL, "
            "updated_at = $4 WHERE id = $1",
            f"UPDATE {self.table} SET status = $2, attempts = attempts + 1, lease_token = $3, "
            f"lease_expires_at = $4, worker_id = $5, updated_at = $6{set_started} "
            f"WHERE id = $1 RETURNING {self.columns}",
        )

    @functools.cached_property
    def renew_sql(self) -> str:
        return (
            f"UPDATE {self.table} SET lease_expires_at = now() + $3 * interval '1 second' "
            "WHERE id = $1 AND lease_token = $2 AND deleted_at IS NULL "
            f"AND status = {leases.RUNNING} RETURNING lease_expires_at"
        )

    @functools.cached_property
    def finished_sql(self) -> str:
        """The item as the holder's own earlier finish left it."""
        return (
            f"SELECT {self.columns} FROM {self.table} "
            "WHERE id = $1 AND lease_token = $2 AND deleted_at IS NULL AND status = $3"
        )


@functools.lru_cache(maxsize=16)
def _finish_sql(kind: Kind, keys: tuple[str, ...]) -> str:
    """Finishing a RUNNING item the lease holder holds, storing `keys` ($4 on)."""
    sets = "".join(f", {key} = ${i}" for i, key in enumerate(keys, start=4))
    finished = f", {kind.finished_column} = now()" if kind.finished_column else ""
    return (
        f"UPDATE {kind.table} SET status = $3, updated_at = now(), lease_expires_at = NULL"
        f"{sets}{finished} WHERE id = $1 AND lease_token = $2 AND deleted_at IS NULL "
        f"AND status = {leases.RUNNING} RETURNING {kind.columns}"
    )


@dataclass
class Claimed:
    outcome: int
    lease_token: str = ""
    lease_expires_at: datetime | None = None
    inputs: Any = None


class Registry:
    """The kinds of work this storage serves, each with its lease length."""

    def __init__(self, kinds: dict[int, tuple[Kind, int]]) -> None:
        self._kinds = kinds

    def of(self, work_kind: int) -> tuple[Kind, int]:
        found = self._kinds.get(work_kind)
        if found is None:
            raise InvalidArgument("kind", "must be WORK_KIND_TAILOR or WORK_KIND_EXPORT")
        return found


async def claim(
    connection: asyncpg.Connection,
    sealer: Sealer | None,
    kind: Kind,
    lease_s: int,
    item_id: str,
    *,
    worker_id: str,
    redelivered: bool,
) -> Claimed:
    """In the call's transaction. Not owner-scoped (workers are trusted internal callers).
    The row lock makes concurrent claims of one item queue up, so exactly one of them is
    CLAIMED (or CLAIMED again, for the worker already holding the live lease)."""
    select_sql, fail_sql, take_sql = kind.claim_sql
    parsed = try_parse_id(item_id)
    found = None if parsed is None else await connection.fetchrow(select_sql, parsed)
    if found is None:
        return Claimed(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    row, now = Row(found), found["now"]
    status = None if row.deleted_at is not None else row.status
    reclaimed = status == leases.RUNNING and not redelivered and _held_by(row, worker_id, now)
    outcome: int = storage_pb2.CLAIM_OUTCOME_CLAIMED
    if not reclaimed:
        outcome = leases.decide(
            status=status, lease_expires_at=row.lease_expires_at, now=now, redelivered=redelivered
        )
        if outcome != storage_pb2.CLAIM_OUTCOME_CLAIMED:
            return Claimed(outcome)
    inputs, reason = await kind.inputs(connection, sealer, row)
    if inputs is None:
        # Nothing to work on, ever: retrying would only dead-letter the message and leave
        # the item QUEUED. Finish it here and tell the worker to ack.
        await connection.execute(fail_sql, parsed, leases.FAILED, reason, now)
        return Claimed(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    # A retried claim of the holder keeps its lease, and attempts stay untouched.
    token, expires = row.lease_token, row.lease_expires_at
    if not reclaimed:
        lease = leases.new_lease(now, lease_s)
        token, expires = lease.token, lease.expires_at
        taken = await connection.fetchrow(
            take_sql, parsed, leases.RUNNING, token, expires, worker_id, now
        )
        row = Row(taken)
    getattr(inputs, kind.record_field).CopyFrom(kind.record(row))
    return Claimed(outcome, str(token), expires, inputs)


def _held_by(row: Any, worker_id: str, now: datetime) -> bool:
    """Whether `worker_id` holds the row's lease and the lease is still live."""
    return (
        bool(worker_id)
        and row.worker_id == worker_id
        and row.lease_token is not None
        and row.lease_expires_at is not None
        and row.lease_expires_at > now
    )


def _held(item_id: str, lease_token: str) -> tuple[uuid.UUID, uuid.UUID]:
    parsed, token = try_parse_id(item_id), try_parse_id(lease_token)
    if parsed is None or token is None:
        raise FailedPrecondition(LEASE_LOST)
    return parsed, token


async def renew(
    connection: asyncpg.Connection, kind: Kind, lease_s: int, item_id: str, lease_token: str
) -> datetime:
    """The lease's new expiry, `lease_s` from now; FAILED_PRECONDITION when not held."""
    expires: datetime | None = await connection.fetchval(
        kind.renew_sql, *_held(item_id, lease_token), lease_s
    )
    if expires is None:
        raise FailedPrecondition(LEASE_LOST)
    return expires


async def complete(
    connection: asyncpg.Connection,
    sealer: Sealer | None,
    kind: Kind,
    item_id: str,
    lease_token: str,
    output: Any,
) -> Any:
    values = await kind.completed(connection, sealer, try_parse_id(item_id), output)
    return await _finish(connection, kind, item_id, lease_token, leases.SUCCEEDED, values)


async def fail(
    connection: asyncpg.Connection, kind: Kind, item_id: str, lease_token: str, error: str
) -> Any:
    return await _finish(
        connection, kind, item_id, lease_token, leases.FAILED, {"error": error[:2000]}
    )


async def _finish(
    connection: asyncpg.Connection,
    kind: Kind,
    item_id: str,
    lease_token: str,
    status: int,
    values: dict[str, Any],
) -> Any:
    """Only the holder of the live lease finishes a RUNNING item; the holder retrying after
    its own success (same token, same final status) gets the stored row back. One statement
    each, so no transaction is needed around them."""
    held = _held(item_id, lease_token)
    found = await connection.fetchrow(
        _finish_sql(kind, tuple(values)), *held, status, *values.values()
    )
    if found is None:
        found = await connection.fetchrow(kind.finished_sql, *held, status)
    if found is None:
        raise FailedPrecondition(LEASE_LOST)
    return Row(found)


RUNS = Kind(
    storage_pb2.WORK_KIND_TAILOR,
    TAILOR,
    TailorRun,
    tailor_runs.claim_inputs,
    tailor_runs.completed_values,
    "run",
    records.run_record,
    tailor_runs.RUN_COLUMNS,
    started_column="started_at",
    finished_column="finished_at",
)
EXPORTS = Kind(
    storage_pb2.WORK_KIND_EXPORT,
    EXPORT,
    Artifact,
    artifacts.claim_inputs,
    artifacts.completed_values,
    "artifact",
    records.artifact_record,
    artifacts.ARTIFACT_COLUMNS,
)
KINDS = (RUNS, EXPORTS)


def registry(*, run_lease_s: int, artifact_lease_s: int) -> Registry:
    return Registry(
        {RUNS.work_kind: (RUNS, run_lease_s), EXPORTS.work_kind: (EXPORTS, artifact_lease_s)}
    )
