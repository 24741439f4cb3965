"""Transactional outbox: jobs written with their run / artifact, published by the gateway
inline and by a relay for whatever the inline publish did not confirm."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import OutboxJob
from storage_service.errors import InvalidArgument
from storage_service.repositories.common import try_parse_id

MAX_CLAIM = 500
DEFAULT_CLAIM = 100
DEFAULT_LEASE_MS = 30_000


def new_job(routing_key: str, payload: bytes, headers: dict[str, str] | None = None) -> OutboxJob:
    return OutboxJob(
        id=uuid.uuid4(),
        routing_key=routing_key,
        payload=payload,
        attempts=0,
        headers=headers or {},
    )


async def claim(
    session: AsyncSession, *, limit: int, min_age_ms: int, lease_ms: int
) -> list[OutboxJob]:
    """Leases up to `limit` unpublished jobs. SKIP LOCKED lets relays run side by side
    without waiting on each other; the lease keeps a job away from other relays until it
    expires (a relay that died mid-publish simply lets it lapse)."""
    if limit < 0 or min_age_ms < 0 or lease_ms < 0:
        raise InvalidArgument("limit", "limit, min_age_ms and lease_ms must not be negative")
    limit = DEFAULT_CLAIM if limit == 0 else min(limit, MAX_CLAIM)
    lease = timedelta(milliseconds=lease_ms or DEFAULT_LEASE_MS)
    now = func.now()
    candidates = (
        select(OutboxJob.id)
        .where(
            OutboxJob.published_at.is_(None),
            OutboxJob.created_at <= now - timedelta(milliseconds=min_age_ms),
            or_(OutboxJob.lease_until.is_(None), OutboxJob.lease_until < now),
        )
        .order_by(OutboxJob.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.execute(candidates)).scalars())
    if not ids:
        return []
    rows = (
        await session.execute(
            update(OutboxJob)
            .where(OutboxJob.id.in_(ids))
            .values(lease_until=now + lease, attempts=OutboxJob.attempts + 1)
            .returning(OutboxJob)
        )
    ).scalars()
    return sorted(rows, key=lambda job: job.created_at)


_MARK_PUBLISHED = """
UPDATE outbox SET published_at = now(), lease_until = NULL
WHERE id = ANY($1::uuid[]) AND published_at IS NULL
"""


async def mark_published(connection: asyncpg.Connection, ids: list[str]) -> int:
    """Marks confirmed jobs, in one statement on the hot path's connection (the gateway
    marks every accepted run's job); returns how many were still unmarked."""
    parsed = []
    for index, value in enumerate(ids):
        job_id = try_parse_id(value)
        if job_id is None:
            raise InvalidArgument(f"ids[{index}]", "not a job id")
        parsed.append(job_id)
    if not parsed:
        return 0
    status = await connection.execute(_MARK_PUBLISHED, parsed)
    return int(status.split()[-1])  # "UPDATE <count>"
