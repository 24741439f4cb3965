"""Leased work, one machinery for every kind of job: claim, renew, complete, fail (and the
stale-item sweep in `sweep.py`, over the same kinds).

A kind is a table of items with the lease columns (status, attempts, lease_token,
lease_expires_at, worker_id), what a claim hands the worker (`inputs`), and what completing
it stores (`completed`). Tailor runs and exports are the two kinds; a third (the cover letter
on its own) adds a table and a `Kind`, not a copy of this module.

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

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kit.jobs import EXPORT, TAILOR, JobKind
from resumeai.storage.v1 import storage_pb2
from storage_service import records
from storage_service.db.models import Artifact, TailorRun
from storage_service.errors import FailedPrecondition, InvalidArgument
from storage_service.repositories import artifacts, leases, tailor_runs
from storage_service.repositories.common import try_parse_id

LEASE_LOST = "lease lost"
Item = TailorRun | Artifact
# What a claim hands out: the kind's inputs message (the item's own record is filled in by
# the claim), or None when the item can never be worked on (it is then FAILED with the given
# reason and the claim is ALREADY_FINISHED).
Inputs = Callable[[AsyncSession, Any], Awaitable[tuple[Any, str]]]
# The column values completing an item stores, from the worker's output message.
Completed = Callable[[AsyncSession, Any, Any], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Kind:
    work_kind: int  # storage_pb2.WorkKind
    job: JobKind
    model: type[TailorRun] | type[Artifact]
    inputs: Inputs
    completed: Completed
    # The inputs' field holding the item's record, and how a row becomes it: filled in by the
    # claim once it has updated the row, so the worker sees the item as claimed.
    record_field: str
    record: Callable[[Any], Any]
    # Set when first claimed / when finished, where the table records them.
    started_column: str = ""
    finished_column: str = ""

    @property
    def name(self) -> str:
        return self.job.routing_key


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
    session: AsyncSession,
    kind: Kind,
    lease_s: int,
    item_id: str,
    *,
    worker_id: str,
    redelivered: bool,
) -> Claimed:
    """Not owner-scoped (workers are trusted internal callers). The row lock makes
    concurrent claims of one item queue up, so exactly one of them is CLAIMED (or CLAIMED
    again, for the worker already holding the live lease)."""
    model = kind.model
    parsed = try_parse_id(item_id)
    found = None
    if parsed is not None:
        found = (
            await session.execute(
                select(model, func.now()).where(model.id == parsed).with_for_update(of=model)
            )
        ).one_or_none()
    if found is None:
        return Claimed(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    row, now = found
    status = None if row.deleted_at is not None else row.status
    reclaimed = status == leases.RUNNING and not redelivered and _held_by(row, worker_id, now)
    outcome: int = storage_pb2.CLAIM_OUTCOME_CLAIMED
    if not reclaimed:
        outcome = leases.decide(
            status=status, lease_expires_at=row.lease_expires_at, now=now, redelivered=redelivered
        )
        if outcome != storage_pb2.CLAIM_OUTCOME_CLAIMED:
            return Claimed(outcome)
    inputs, reason = await kind.inputs(session, row)
    if inputs is None:
        # Nothing to work on, ever: retrying would only dead-letter the message and leave
        # the item QUEUED. Finish it here and tell the worker to ack.
        row.status = leases.FAILED
        row.error = reason
        row.lease_expires_at = None
        row.updated_at = now
        return Claimed(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    # A retried claim of the holder keeps its lease, and attempts stay untouched.
    if not reclaimed:
        lease = leases.new_lease(now, lease_s)
        row.status = leases.RUNNING
        row.attempts += 1
        row.lease_token = lease.token
        row.lease_expires_at = lease.expires_at
        row.worker_id = worker_id
        row.updated_at = now
        if kind.started_column and getattr(row, kind.started_column) is None:
            setattr(row, kind.started_column, now)
    getattr(inputs, kind.record_field).CopyFrom(kind.record(row))
    return Claimed(outcome, str(row.lease_token), row.lease_expires_at, inputs)


def _held_by(row: Item, worker_id: str, now: datetime) -> bool:
    """Whether `worker_id` holds the row's lease and the lease is still live."""
    return (
        bool(worker_id)
        and row.worker_id == worker_id
        and row.lease_token is not None
        and row.lease_expires_at is not None
        and row.lease_expires_at > now
    )


def _held(kind: Kind, item_id: str, lease_token: str) -> tuple[Any, ...]:
    parsed, token = try_parse_id(item_id), try_parse_id(lease_token)
    if parsed is None or token is None:
        raise FailedPrecondition(LEASE_LOST)
    model = kind.model
    return (model.id == parsed, model.lease_token == token, model.deleted_at.is_(None))


async def renew(
    session: AsyncSession, kind: Kind, lease_s: int, item_id: str, lease_token: str
) -> datetime:
    """The lease's new expiry, `lease_s` from now; FAILED_PRECONDITION when not held."""
    model = kind.model
    expires: datetime | None = await session.scalar(
        update(model)
        .where(*_held(kind, item_id, lease_token), model.status == leases.RUNNING)
        .values(lease_expires_at=func.now() + timedelta(seconds=lease_s))
        .returning(model.lease_expires_at)
    )
    if expires is None:
        raise FailedPrecondition(LEASE_LOST)
    return expires


async def complete(
    session: AsyncSession, kind: Kind, item_id: str, lease_token: str, output: Any
) -> Any:
    values = await kind.completed(session, try_parse_id(item_id), output)
    return await _finish(session, kind, item_id, lease_token, leases.SUCCEEDED, values)


async def fail(
    session: AsyncSession, kind: Kind, item_id: str, lease_token: str, error: str
) -> Any:
    return await _finish(
        session, kind, item_id, lease_token, leases.FAILED, {"error": error[:2000]}
    )


async def _finish(
    session: AsyncSession,
    kind: Kind,
    item_id: str,
    lease_token: str,
    status: int,
    values: dict[str, Any],
) -> Any:
    """Only the holder of the live lease finishes a RUNNING item; the holder retrying after
    its own success (same token, same final status) gets the stored row back."""
    model = kind.model
    held = _held(kind, item_id, lease_token)
    if kind.finished_column:
        values = {**values, kind.finished_column: func.now()}
    row = await session.scalar(
        update(model)
        .where(*held, model.status == leases.RUNNING)
        .values(status=status, updated_at=func.now(), lease_expires_at=None, **values)
        .returning(model)
    )
    if row is not None:
        return row
    row = await session.scalar(select(model).where(*held, model.status == status))
    if row is None:
        raise FailedPrecondition(LEASE_LOST)
    return row


RUNS = Kind(
    storage_pb2.WORK_KIND_TAILOR,
    TAILOR,
    TailorRun,
    tailor_runs.claim_inputs,
    tailor_runs.completed_values,
    "run",
    records.run_record,
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
)
KINDS = (RUNS, EXPORTS)


def registry(*, run_lease_s: int, artifact_lease_s: int) -> Registry:
    return Registry(
        {RUNS.work_kind: (RUNS, run_lease_s), EXPORTS.work_kind: (EXPORTS, artifact_lease_s)}
    )
