"""Finishing a leased item (tailor run or artifact): the one conditional update both share.

Only the current lease holder of a live RUNNING item may finish it, so two workers that raced
produce exactly one result. A retry by the holder after its own success (same token, same
final status) gets the stored row back, which makes gRPC retries on UNAVAILABLE safe.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import Artifact, TailorRun
from storage_service.errors import FailedPrecondition
from storage_service.repositories import leases
from storage_service.repositories.common import try_parse_id

LEASE_LOST = "lease lost"
Leased = TypeVar("Leased", TailorRun, Artifact)


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
