"""Encryption at rest, per owner (envelope encryption): every owner has a data key (DEK) of
its own, kept only wrapped by a master key from settings; resume content, job text, results
and artifact files are sealed with it (AES-256-GCM, bound to the owner and the kind of data).
Destroying the owner's DEK makes every sealed byte of that owner unreadable, in the database
and in every backup of it (crypto-shredding). Master keys rotate by re-wrapping the DEKs.

Writes seal on the hot path's asyncpg connection (`seal_with`: the owner's wrapped key is read,
or first made, through it); reads open through whichever they hold: an asyncpg connection
(`opened_with`) or the database session, which carries the sealer (`session.info["sealer"]`,
set by the session factory; `opened`). Without a sealer (no master key configured) data is
stored as it comes; rows written before sealing was turned on are read as they are (a sealed
payload starts with MAGIC).
"""

from __future__ import annotations

import base64
import os
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

import asyncpg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import OwnerKey
from storage_service.db.pg import OwnerKeys

MAGIC = b"rae1"  # a sealed payload: MAGIC + nonce (12) + AES-GCM ciphertext and tag
TEXT_MAGIC = "rae1:"  # a sealed text column: TEXT_MAGIC + base64 of a sealed payload
_NONCE = 12
_CACHE_S = 300.0  # unwrapped DEKs are held this long, so shredding reaches every replica soon

# What each sealed payload is; the owner and the kind are bound into the ciphertext, so a
# payload moved to another owner's row or another column does not open.
RESUME, JOB, RESULT, ARTIFACT = "resume", "job", "result", "artifact"


class Unreadable(Exception):
    """A sealed payload cannot be opened: its owner's key was destroyed, or it was altered."""


class Sealer:
    def __init__(self, master_keys: Mapping[str, bytes], current: str) -> None:
        if current not in master_keys:
            raise ValueError("the current master key id is not among the master keys")
        for key_id, key in master_keys.items():
            if len(key) != 32:
                raise ValueError(f"master key {key_id!r} must be 32 bytes (base64 of 32 bytes)")
        self._masters = dict(master_keys)
        self._current = current
        self._deks: OrderedDict[uuid.UUID, tuple[bytes, float]] = OrderedDict()

    # --- payloads ---------------------------------------------------------------------

    async def seal_loading(
        self, owner_id: uuid.UUID, kind: str, data: bytes, keys: KeyStore
    ) -> bytes:
        """`data` sealed for the owner, whose wrapped key is read (or first made) through
        `keys` when it is not cached."""
        dek = self._cached(owner_id)
        if dek is None:
            found = await keys.load()
            if found is None:
                fresh = AESGCM.generate_key(bit_length=256)
                await keys.insert(self._current, self._wrap(owner_id, fresh))
                found = await keys.load()  # ours, or the one a concurrent writer made first
                if found is None:
                    raise Unreadable("the owner's data key could not be stored")
            dek = self._remember(owner_id, self._unwrap(owner_id, *found))
        nonce = os.urandom(_NONCE)
        return MAGIC + nonce + AESGCM(dek).encrypt(nonce, data, _aad(owner_id, kind))

    async def open(
        self, session: AsyncSession, owner_id: uuid.UUID, kind: str, data: bytes
    ) -> bytes:
        return await self.open_loading(owner_id, kind, data, _session_load(session, owner_id))

    async def open_loading(
        self,
        owner_id: uuid.UUID,
        kind: str,
        data: bytes,
        load: KeyLoad,
    ) -> bytes:
        """`open`, the owner's wrapped key read by `load` (master key id, wrapped DEK) when it
        is not cached: for readers that hold no session (storage_service/fast.py)."""
        dek = self._cached(owner_id)
        if dek is None:
            found = await load()
            dek = (
                None if found is None else self._remember(owner_id, self._unwrap(owner_id, *found))
            )
        return self._open(dek, owner_id, kind, data)

    def _open(self, dek: bytes | None, owner_id: uuid.UUID, kind: str, data: bytes) -> bytes:
        if dek is None:
            raise Unreadable("the owner's data key was destroyed")
        body = data[len(MAGIC) :]
        try:
            return AESGCM(dek).decrypt(body[:_NONCE], body[_NONCE:], _aad(owner_id, kind))
        except InvalidTag:
            raise Unreadable("the sealed data does not open with its owner's key") from None

    # --- keys -------------------------------------------------------------------------

    async def shred(self, session: AsyncSession, owner_id: uuid.UUID) -> None:
        """Destroys the owner's DEK (in the caller's transaction): nothing sealed for the
        owner opens again, wherever a copy of it is."""
        await session.execute(delete(OwnerKey).where(OwnerKey.owner_id == owner_id))
        self._deks.pop(owner_id, None)

    async def rewrap(self, session: AsyncSession) -> int:
        """Re-wraps every DEK not under the current master key with it; returns how many."""
        rows = (
            await session.execute(select(OwnerKey).where(OwnerKey.master_key_id != self._current))
        ).scalars()
        count = 0
        for row in rows:
            dek = self._unwrap(row.owner_id, row.master_key_id, row.wrapped_dek)
            row.wrapped_dek, row.master_key_id = self._wrap(row.owner_id, dek), self._current
            count += 1
        await session.flush()
        return count

    def _cached(self, owner_id: uuid.UUID) -> bytes | None:
        cached = self._deks.get(owner_id)
        return cached[0] if cached is not None and time.monotonic() < cached[1] else None

    def _remember(self, owner_id: uuid.UUID, dek: bytes) -> bytes:
        self._deks[owner_id] = (dek, time.monotonic() + _CACHE_S)
        while len(self._deks) > 10_000:
            self._deks.popitem(last=False)
        return dek

    def _wrap(self, owner_id: uuid.UUID, dek: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        master = self._masters[self._current]
        return nonce + AESGCM(master).encrypt(nonce, dek, b"dek:" + owner_id.bytes)

    def _unwrap(self, owner_id: uuid.UUID, master_key_id: str, wrapped: bytes) -> bytes:
        master = self._masters.get(master_key_id)
        if master is None:
            raise Unreadable(f"master key {master_key_id!r} is not configured")
        return AESGCM(master).decrypt(wrapped[:_NONCE], wrapped[_NONCE:], b"dek:" + owner_id.bytes)


KeyLoad = Callable[[], Awaitable[tuple[str, bytes] | None]]  # (master key id, wrapped DEK)


class KeyStore(Protocol):
    """Where an owner's wrapped data key is kept (the owner_keys row)."""

    async def load(self) -> tuple[str, bytes] | None:
        """(master key id, wrapped DEK), or None when the owner has none."""

    async def insert(self, master_key_id: str, wrapped: bytes) -> None:
        """Stores a first key; does nothing when a concurrent writer stored one first."""


def _aad(owner_id: uuid.UUID, kind: str) -> bytes:
    return kind.encode() + b":" + owner_id.bytes


def sealer_of(session: AsyncSession) -> Sealer | None:
    sealer = session.info.get("sealer")
    return sealer if isinstance(sealer, Sealer) else None


async def opened(session: AsyncSession, owner_id: uuid.UUID, kind: str, data: bytes) -> bytes:
    """`data` opened; a payload stored before sealing was on is returned as it is."""
    return await _opened(sealer_of(session), _session_load(session, owner_id), owner_id, kind, data)


async def opened_text(session: AsyncSession, owner_id: uuid.UUID, kind: str, text: str) -> str:
    return await _opened_text(
        sealer_of(session), _session_load(session, owner_id), owner_id, kind, text
    )


async def seal_with(
    sealer: Sealer | None,
    connection: asyncpg.Connection,
    owner_id: uuid.UUID,
    kind: str,
    data: bytes,
) -> bytes:
    """`seal` on the hot path's asyncpg connection (storage_service/db/pg.py)."""
    if sealer is None:
        return data
    return await sealer.seal_loading(owner_id, kind, data, OwnerKeys(connection, owner_id))


async def seal_text_with(
    sealer: Sealer | None,
    connection: asyncpg.Connection,
    owner_id: uuid.UUID,
    kind: str,
    text: str,
) -> str:
    if sealer is None:
        return text
    return _as_text(await seal_with(sealer, connection, owner_id, kind, text.encode("utf-8")))


async def opened_with(
    sealer: Sealer | None,
    connection: asyncpg.Connection | asyncpg.Pool,
    owner_id: uuid.UUID,
    kind: str,
    data: bytes,
) -> bytes:
    """`opened` on the hot path's asyncpg connection (or pool)."""
    return await _opened(sealer, OwnerKeys(connection, owner_id).load, owner_id, kind, data)


async def opened_text_with(
    sealer: Sealer | None,
    connection: asyncpg.Connection | asyncpg.Pool,
    owner_id: uuid.UUID,
    kind: str,
    text: str,
) -> str:
    return await _opened_text(sealer, OwnerKeys(connection, owner_id).load, owner_id, kind, text)


async def _opened(
    sealer: Sealer | None, load: KeyLoad, owner_id: uuid.UUID, kind: str, data: bytes
) -> bytes:
    if not data.startswith(MAGIC):
        return data
    if sealer is None:
        raise Unreadable("sealed data, but no master key is configured")
    return await sealer.open_loading(owner_id, kind, data, load)


async def _opened_text(
    sealer: Sealer | None, load: KeyLoad, owner_id: uuid.UUID, kind: str, text: str
) -> str:
    if not text.startswith(TEXT_MAGIC):
        return text
    data = base64.b64decode(text[len(TEXT_MAGIC) :])
    return (await _opened(sealer, load, owner_id, kind, data)).decode("utf-8")


def _session_load(session: AsyncSession, owner_id: uuid.UUID) -> KeyLoad:
    """The owner's wrapped key (master key id, wrapped DEK) read through the session."""

    async def load() -> tuple[str, bytes] | None:
        row = await session.scalar(select(OwnerKey).where(OwnerKey.owner_id == owner_id))
        return None if row is None else (row.master_key_id, row.wrapped_dek)

    return load


def _as_text(sealed: bytes) -> str:
    return TEXT_MAGIC + base64.b64encode(sealed).decode("ascii")


def parse_master_keys(encoded: Mapping[str, str]) -> dict[str, bytes]:
    return {key_id: base64.b64decode(value) for key_id, value in encoded.items()}
