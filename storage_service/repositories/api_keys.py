"""Owners, their API keys (only sha256 hashes are stored) and the audit log of key
administration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import ApiKey, AuditEvent, Owner
from storage_service.errors import NotFound

# Postgres channel a revocation is announced on (payload: the key's sha256), so every
# storage replica can tell its gateways at once.
REVOKED_CHANNEL = "api_key_revoked"  # storage_service.notifications.REVOKED_KEYS


@dataclass(frozen=True)
class Grant:
    """What a valid key gives: its owner, the key's id, its scopes and its expiry."""

    owner_id: uuid.UUID
    key_id: uuid.UUID
    scopes: tuple[str, ...]
    expires_at: datetime | None


@dataclass(frozen=True)
class KeyInfo:
    """A key as an operator lists it: never the key or its hash."""

    id: uuid.UUID
    owner: str
    prefix: str
    label: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


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
    session: AsyncSession,
    owner_id: uuid.UUID,
    key_sha256: str,
    key_prefix: str,
    *,
    scopes: tuple[str, ...] = ("read", "write", "export"),
    expires_at: datetime | None = None,
    label: str | None = None,
) -> uuid.UUID:
    key = ApiKey(
        id=uuid.uuid4(),
        owner_id=owner_id,
        key_sha256=key_sha256,
        key_prefix=key_prefix,
        scopes=list(scopes),
        expires_at=expires_at,
        label=label,
    )
    session.add(key)
    await session.flush()
    return key.id


async def list_keys(session: AsyncSession, owner_name: str | None = None) -> list[KeyInfo]:
    query = (
        select(ApiKey, Owner.name)
        .join(Owner, Owner.id == ApiKey.owner_id)
        .order_by(ApiKey.created_at, ApiKey.id)
    )
    if owner_name is not None:
        query = query.where(Owner.name == owner_name)
    return [
        KeyInfo(
            key.id,
            owner,
            key.key_prefix,
            key.label or "",
            tuple(key.scopes),
            key.created_at,
            key.expires_at,
            key.revoked_at,
        )
        for key, owner in (await session.execute(query)).all()
    ]


async def revoke_key(session: AsyncSession, key_id: uuid.UUID) -> uuid.UUID:
    """Revokes the key (at once: announced on REVOKED_CHANNEL when the transaction commits);
    returns its owner. NotFound when there is no such key; revoking twice is a no-op."""
    row = (
        await session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .values(revoked_at=func.coalesce(ApiKey.revoked_at, func.now()))
            .returning(ApiKey.owner_id, ApiKey.key_sha256)
        )
    ).first()
    if row is None:
        raise NotFound("api key")
    await announce_revoked(session, row.key_sha256)
    owner_id: uuid.UUID = row.owner_id
    return owner_id


async def set_expiry(session: AsyncSession, key_id: uuid.UUID, at: datetime) -> uuid.UUID:
    """The key stops working at `at` (announced now when `at` is already past)."""
    row = (
        await session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .values(expires_at=at)
            .returning(ApiKey.owner_id, ApiKey.key_sha256, ApiKey.expires_at <= func.now())
        )
    ).first()
    if row is None:
        raise NotFound("api key")
    if row[2]:
        await announce_revoked(session, row.key_sha256)
    owner_id: uuid.UUID = row.owner_id
    return owner_id


async def announce_revoked(session: AsyncSession, key_sha256: str) -> None:
    await session.execute(
        text("SELECT pg_notify(:channel, :digest)"),
        {"channel": REVOKED_CHANNEL, "digest": key_sha256},
    )


async def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    *,
    owner_id: uuid.UUID | None = None,
    key_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    event = AuditEvent(
        actor=actor, action=action, owner_id=owner_id, key_id=key_id, detail=detail or {}
    )
    session.add(event)
    await session.flush()
