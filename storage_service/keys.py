"""API keys: generation, hashing, and their administration (create, list, revoke, expire),
each admin action written to the audit log in the same transaction. Used by the operator CLI
(`python -m storage_service.cli`) and by tests.

A key is "rba_" + 43 url-safe characters (256 random bits; `kit.api_keys`). Only its sha256
(hex of the UTF-8 key) is stored; the gateway hashes the presented key the same way and asks
Storage.AuthenticateApiKey. The raw key is shown once and never logged.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from kit.api_keys import generate_key, key_sha256
from storage_service.db.engine import make_engine, make_sessions
from storage_service.repositories import api_keys
from storage_service.repositories.api_keys import KeyInfo

# Characters kept for display ("rba_AbCd"), not enough to matter for guessing.
DISPLAY_CHARS = 8
# What a key may do: read its owner's resources, write (create, start, delete), export
# (render and download files), admin (reserved for administrative APIs; none is public yet).
SCOPES = ("read", "write", "export", "admin")
DEFAULT_SCOPES = ("read", "write", "export")


def cli_actor() -> str:
    """Who an audit row names for the operator CLI."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli"


@asynccontextmanager
async def _session(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def create_api_key(
    database_url: str,
    owner_name: str,
    *,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
    expires_at: datetime | None = None,
    label: str | None = None,
    actor: str = "cli",
) -> tuple[str, str]:
    """Creates a key for the owner `owner_name` (and the owner if the name is new).
    Returns (owner_id, raw_key)."""
    if not owner_name.strip():
        raise ValueError("owner name must not be empty")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ValueError(f"scopes must be among {', '.join(SCOPES)}")
    async with _session(database_url) as session:
        owner_id = await api_keys.ensure_owner(session, owner_name)
        raw = generate_key()
        key_id = await api_keys.add_key(
            session,
            owner_id,
            key_sha256(raw),
            raw[:DISPLAY_CHARS],
            scopes=tuple(dict.fromkeys(scopes)),
            expires_at=expires_at,
            label=label,
        )
        await api_keys.audit(
            session,
            actor,
            "key.created",
            owner_id=owner_id,
            key_id=key_id,
            detail={"scopes": list(scopes), "expires_at": expires_at and expires_at.isoformat()},
        )
        await session.commit()
        return str(owner_id), raw


async def list_api_keys(database_url: str, owner_name: str | None = None) -> list[KeyInfo]:
    async with _session(database_url) as session:
        return await api_keys.list_keys(session, owner_name)


async def revoke_api_key(database_url: str, key_id: uuid.UUID, *, actor: str = "cli") -> None:
    """Revokes a key; the gateways stop accepting it at once. NotFound for no such key."""
    async with _session(database_url) as session:
        owner_id = await api_keys.revoke_key(session, key_id)
        await api_keys.audit(session, actor, "key.revoked", owner_id=owner_id, key_id=key_id)
        await session.commit()


async def expire_api_key(
    database_url: str, key_id: uuid.UUID, at: datetime, *, actor: str = "cli"
) -> None:
    """The key stops working at `at` (now or later)."""
    async with _session(database_url) as session:
        owner_id = await api_keys.set_expiry(session, key_id, at)
        await api_keys.audit(
            session,
            actor,
            "key.expiry_set",
            owner_id=owner_id,
            key_id=key_id,
            detail={"expires_at": at.isoformat()},
        )
        await session.commit()
