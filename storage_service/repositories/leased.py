"""Claiming and finishing leased items (tailor runs and artifacts): the logic both share.

A claim locks the row, asks `leases.decide` whether this delivery may take it, and if so
hands out a new lease. Only the current lease holder of a live RUNNING item may finish it,
so two workers that raced produce exactly one result. A retry by the holder after its own
success (same token, same final status) gets the stored row back, which makes gRPC retries
on UNAVAILABLE safe.

Claims are retry-safe the same way: a claim whose commit succeeded but whose answer was lost
is retried by the client with the same worker_id; finding the item RUNNING under a live lease
held by that worker, it answers CLAIMED again with the same token (attempts unchanged)
instead of HELD_ELSEWHERE, which would make the worker ack and strand the item. A
*redelivered* message is a new attempt even for the same worker (its previous delivery was
nacked): it takes a new lease and counts, so `attempts` keeps counting deliveries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from resumeai.v1 import storage_pb2
from storage_service.db.models import Artifact, TailorRun
from storage_service.errors import FailedPrecondition
from storage_service.repositories import leases
from storage_service.repositories.common import try_parse_id

LEASE_LOST = "lease lost"
Leased = TypeVar("Leased", TailorRun, Artifact)


@dataclass
class Locked(Generic[Leased]):
    """A claim's first step: the decision, and the row locked FOR UPDATE when CLAIMED."""

    outcome: int
    row: Leased | None = None
    now: datetime | None = None
    # CLAIMED again by the worker already holding the live lease (a retried claim): the row
    # is unchanged and its token stands; like a fresh CLAIMED, the row stays locked and the
    # caller ends the transaction.
    reclaimed: bool = False


async def lock_for_claim(
    session: AsyncSession,
    model: type[Leased],
    item_id: str,
    *,
    redelivered: bool,
    worker_id: str = "",
) -> Locked[Leased]:
    """Not owner-scoped (workers are trusted internal callers). The row lock makes
    concurrent claims of one item queue up, so exactly one of them is CLAIMED (or CLAIMED
    again, for the worker already holding the live lease). When the outcome is not CLAIMED
    the transaction is already ended."""
    parsed = try_parse_id(item_id)
    if parsed is None:
        return Locked(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    found = (
        await session.execute(
            select(model, func.now()).where(model.id == parsed).with_for_update(of=model)
        )
    ).one_or_none()
    if found is None:
        await session.rollback()
        return Locked(storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED)
    row, now = found
    status = None if row.deleted_at is not None else row.status
    if status == leases.RUNNING and not redelivered and held_by(row, worker_id, now):
        return Locked(storage_pb2.CLAIM_OUTCOME_CLAIMED, row, now, reclaimed=True)
    outcome = leases.decide(
        status=status, lease_expires_at=row.lease_expires_at, now=now, redelivered=redelivered
    )
    if outcome != storage_pb2.CLAIM_OUTCOME_CLAIMED:
        # Nothing changed; commit (not rollback, which would expire the row we return).
        await session.commit()
    return Locked(outcome, row, now)


def held_by(row: TailorRun | Artifact, worker_id: str, now: datetime) -> bool:
    """Whether `worker_id` holds the row's lease and the lease is still live."""
    return (
        bool(worker_id)
        and row.worker_id == worker_id
        and row.lease_token is not None
        and row.lease_expires_at is not None
        and row.lease_expires_at > now
    )


def take_lease(row: Leased, now: datetime, lease_s: int, worker_id: str) -> str:
    """Marks a locked row RUNNING under a new lease (the caller commits); returns the token."""
    lease = leases.new_lease(now, lease_s)
    row.status = leases.RUNNING
    row.attempts += 1
    row.lease_token = lease.token
    row.lease_expires_at = lease.expires_at
    row.worker_id = worker_id
    row.updated_at = now
    return str(lease.token)


async def finish_under_lease(
    session: AsyncSession,
    model: type[Leased],
    item_id: str,
    lease_token: str,
    status: int,
    values: dict[str, Any],
) -> Leased:
    parsed, token = try_parse_id(item_id), try_parse_id(lease_token)
    if parsed is None or token is None:
        raise FailedPrecondition(LEASE_LOST)
    held_by_us = (model.id == parsed, model.lease_token == token, model.deleted_at.is_(None))
    row: Leased | None = await session.scalar(
        update(model)
        .where(*held_by_us, model.status == leases.RUNNING)
        .values(status=status, updated_at=func.now(), lease_expires_at=None, **values)
        .returning(model)
    )
    if row is not None:
        await session.commit()
        return row
    await session.rollback()
    row = await session.scalar(select(model).where(*held_by_us, model.status == status))
    if row is None:
        raise FailedPrecondition(LEASE_LOST)
    return row
