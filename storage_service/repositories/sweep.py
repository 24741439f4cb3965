"""The stale-item sweep: no tailor run or artifact stays QUEUED or RUNNING forever.

Two kinds of items are stranded without it:

- RUNNING under an expired lease: the holder died (or lost storage) and no message for the
  item is left in the broker to trigger a takeover (e.g. it was acked, or dead-lettered).
- QUEUED for longer than `stale_queued_s` while no outbox job for it is pending: the job was
  published, but the message never led to a claim (lost, or dead-lettered before any claim).

Each one is either given up on (FAILED, once `max_attempts` is reached) or gets a new outbox
job with the same payload create writes, which the gateway's relay publishes again; the
delivery then claims the item (QUEUED, or RUNNING with an expired lease: `leases.decide`
takes both over without `redelivered`).

Every storage replica sweeps. Candidates are locked FOR UPDATE SKIP LOCKED, so replicas (and
claims in flight) never wait on each other, and an item gets at most one new job per
`stale_queued_s` (one is not re-queued while it has a pending job or one newer than that).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import ColumnElement, LargeBinary, Text, cast, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import Artifact, OutboxJob, TailorRun
from storage_service.repositories import leases, outbox
from storage_service.repositories.work import Kind

BATCH = 100


def gave_up(attempts: int) -> str:
    return f"gave up: no worker finished it after {attempts} attempts"


@dataclass
class Swept:
    """Ids touched by one sweep of one kind (the caller logs them)."""

    requeued: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)


async def sweep(
    session: AsyncSession,
    kind: Kind,
    *,
    stale_queued_s: int,
    max_attempts: int,
    limit: int = BATCH,
) -> Swept:
    """One pass over one kind, in one transaction."""
    model = kind.model
    now = await session.scalar(select(func.now()))
    assert now is not None
    stale_before = now - timedelta(seconds=stale_queued_s)
    payload = _payload_sql(kind)
    recent_job = (
        select(OutboxJob.id)
        .where(
            OutboxJob.routing_key == kind.job.routing_key,
            OutboxJob.payload == payload,
            or_(OutboxJob.published_at.is_(None), OutboxJob.published_at > stale_before),
        )
        .exists()
    )
    expired = (model.status == leases.RUNNING) & (
        model.lease_expires_at.is_(None) | (model.lease_expires_at <= now)
    )
    stale = (model.status == leases.QUEUED) & (model.created_at <= stale_before)
    rows: list[TailorRun | Artifact] = list(
        (
            await session.execute(
                select(model)
                # A job still pending or published less than stale_queued_s ago is on its
                # way: give it time (this also bounds the sweep to one new job per item per
                # stale_queued_s).
                .where(model.deleted_at.is_(None), or_(expired, stale), ~recent_job)
                .order_by(model.created_at)
                .limit(limit)
                .with_for_update(of=model, skip_locked=True)
            )
        ).scalars()  # type: ignore[arg-type]
    )
    swept = Swept()
    if not rows:
        return swept
    jobs = await _jobs_of(session, kind, [row.id for row in rows])
    for row in rows:
        # Each job the sweep added is a try too, so an item whose messages keep getting lost
        # before any claim still ends.
        attempts = max(row.attempts, jobs.get(kind.job.payload(row.id), 0) - 1)
        if attempts >= max_attempts:
            row.status = leases.FAILED
            row.error = gave_up(attempts)
            # No token left: a late answer of the last holder is "lease lost", not mistaken
            # for a retry of its own finish.
            row.lease_token = None
            row.lease_expires_at = None
            row.updated_at = now
            if kind.finished_column:
                setattr(row, kind.finished_column, now)
            swept.failed.append(row.id)
        else:
            session.add(outbox.new_job(kind.job.routing_key, kind.job.payload(row.id)))
            swept.requeued.append(row.id)
    return swept


def _payload_sql(kind: Kind) -> ColumnElement[bytes]:
    """The item's job payload computed in SQL: the serialized message is a fixed prefix
    (field tag and length) followed by the id as text, exactly as `kind.payload` makes it."""
    sample = uuid.UUID(int=0)
    prefix = kind.job.payload(sample)[: -len(str(sample))]
    assert prefix + str(sample).encode() == kind.job.payload(sample)
    as_text = func.convert_to(cast(kind.model.id, Text), "UTF8")
    return literal(prefix, LargeBinary).op("||")(as_text)


async def _jobs_of(session: AsyncSession, kind: Kind, ids: list[uuid.UUID]) -> dict[bytes, int]:
    """How many outbox jobs each item has had (jobs carry the item id in their payload)."""
    payloads = [kind.job.payload(item_id) for item_id in ids]
    found = await session.execute(
        select(OutboxJob.payload, func.count())
        .where(OutboxJob.routing_key == kind.job.routing_key, OutboxJob.payload.in_(payloads))
        .group_by(OutboxJob.payload)
    )
    return {payload: int(count) for payload, count in found.all()}
