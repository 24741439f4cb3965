"""Per-owner quotas on new work: runs and exports started in the last hour.

Counted in the database, so the limit holds across gateway and storage replicas. A replay
of an existing request id is answered before the check and never counts. Exact under
concurrency: a transaction-scoped advisory lock per owner and kind serialises the count
and the insert that follows it (the lock goes with the commit).
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import Artifact, TailorRun
from storage_service.errors import QuotaExceeded

WINDOW = text("now() - interval '1 hour'")


async def check_hourly(
    session: AsyncSession,
    model: type[TailorRun] | type[Artifact],
    owner_id: uuid.UUID,
    limit: int,
    what: str,
) -> None:
    """Raises QuotaExceeded when the owner started `limit` items in the last hour (0: off)."""
    if limit <= 0:
        return
    # One start per owner and kind at a time, until its transaction ends: the count below
    # then sees every start committed before it, so concurrent starts never overshoot.
    key = f"quota:{model.__tablename__}:{owner_id}"
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    started = await session.scalar(
        select(func.count())
        .select_from(model)
        .where(model.owner_id == owner_id, model.created_at > WINDOW)
    )
    if (started or 0) >= limit:
        raise QuotaExceeded(f"quota exceeded: at most {limit} {what} per hour; retry later")
