"""What an operator does to one run or export (resumeai-admin): read its state, retry it after
it failed, or end it by hand. One function per action over `work.Kind`, so runs and exports
(and any later kind) are handled alike. Each runs in the caller's transaction; a retry writes
the item's new outbox job in that same transaction, so the relay publishes it exactly as it
publishes a new item's, and nothing is lost if the command dies half-way."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from resumeai.v1 import common_pb2
from storage_service.db.models import Artifact, TailorRun
from storage_service.errors import FailedPrecondition, NotFound
from storage_service.repositories import leases, outbox
from storage_service.repositories.work import EXPORTS, RUNS, Kind

KINDS = {"run": RUNS, "export": EXPORTS}
_REASON_LIMIT = 200


@dataclass(frozen=True)
class ItemState:
    """What `show` prints: the item's progress, never its content."""

    kind: str
    id: str
    owner_id: str
    status: str
    attempts: int
    worker_id: str
    lease_expires_at: datetime | None
    error: str
    created_at: datetime
    updated_at: datetime
    deleted: bool


def _status_name(status: int) -> str:
    return common_pb2.RunStatus.Name(status).removeprefix("RUN_STATUS_").lower()  # type: ignore[arg-type]


async def _locked(session: AsyncSession, kind: Kind, item_id: str) -> TailorRun | Artifact:
    try:
        key = uuid.UUID(item_id)
    except ValueError:
        raise NotFound(f"{kind.name} item {item_id[:40]!r}") from None
    row: TailorRun | Artifact | None = await session.get(
        kind.model, key, with_for_update=True, populate_existing=True
    )
    if row is None:
        raise NotFound(f"{kind.name} item {item_id}")
    return row


async def show(session: AsyncSession, kind: Kind, item_id: str) -> ItemState:
    row = await _locked(session, kind, item_id)
    return ItemState(
        kind=kind.name,
        id=str(row.id),
        owner_id=str(row.owner_id),
        status=_status_name(row.status),
        attempts=row.attempts,
        worker_id=row.worker_id,
        lease_expires_at=row.lease_expires_at,
        error=row.error,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted=row.deleted_at is not None,
    )


async def retry(session: AsyncSession, kind: Kind, item_id: str) -> None:
    """A FAILED item back to QUEUED with a new outbox job. FailedPrecondition for any other
    status (a queued or running item is already on its way; a succeeded one is done) or a
    deleted item."""
    row = await _locked(session, kind, item_id)
    if row.deleted_at is not None:
        raise FailedPrecondition(f"{kind.name} item {item_id} is deleted")
    if row.status != leases.FAILED:
        raise FailedPrecondition(
            f"{kind.name} item {item_id} is {_status_name(row.status)}, not failed"
        )
    row.status = leases.QUEUED
    row.error = ""
    row.lease_token = None
    row.lease_expires_at = None
    row.updated_at = await session.scalar(select(func.now()))  # type: ignore[assignment]
    if kind.finished_column:
        setattr(row, kind.finished_column, None)
    session.add(outbox.new_job(kind.job.routing_key, kind.job.payload(row.id)))


async def fail(session: AsyncSession, kind: Kind, item_id: str, reason: str) -> None:
    """Ends a QUEUED or RUNNING item as FAILED, with the operator's reason as its error. A
    worker still holding its lease has its completion refused ("lease lost")."""
    row = await _locked(session, kind, item_id)
    if row.status not in (leases.QUEUED, leases.RUNNING) or row.deleted_at is not None:
        raise FailedPrecondition(
            f"{kind.name} item {item_id} is {_status_name(row.status)}: only queued or "
            "running items can be failed"
        )
    now = await session.scalar(select(func.now()))
    row.status = leases.FAILED
    row.error = f"failed by an operator: {reason[:_REASON_LIMIT]}".strip()
    row.lease_token = None
    row.lease_expires_at = None
    row.updated_at = now  # type: ignore[assignment]
    if kind.finished_column:
        setattr(row, kind.finished_column, now)
