"""Owners and their API keys (only sha256 hashes are stored)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import ApiKey, Owner
from storage_service.errors import NotFound


async def owner_for_key(session: AsyncSession, key_sha256: str) -> uuid.UUID:
    owner_id = await session.scalar(
        select(ApiKey.owner_id).where(
            ApiKey.key_sha256 == key_sha256.lower(), ApiKey.revoked_at.is_(None)
        )
    )
    if owner_id is None:
        raise NotFound("api key")
    return owner_id


async def ensure_owner(session: AsyncSession, name: str) -> uuid.UUID:
    """The owner called `name`, created if new (safe when two callers race on one name)."""
    await session.execute(
        insert(Owner)
        .values(id=uuid.uuid4(), name=name)
        .on_conflict_do_nothing(index_elements=[Owner.name])
    )
    owner_id = await session.scalar(select(Owner.id).where(Owner.name == name))
    assert owner_id is not None
    return owner_id


async def add_key(
    session: AsyncSession, owner_id: uuid.UUID, key_sha256: str, key_prefix: str
) -> None:
    session.add(
        ApiKey(id=uuid.uuid4(), owner_id=owner_id, key_sha256=key_sha256, key_prefix=key_prefix)
    )
    await session.flush()
