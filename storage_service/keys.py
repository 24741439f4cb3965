"""API keys: generation, hashing, and creation for an owner (used by the CLI and by tests).

A key is "rba_" + 43 url-safe characters (256 random bits). Only its sha256 (hex of the UTF-8
key) is stored; the gateway hashes the presented key the same way and asks
Storage.AuthenticateApiKey. The raw key is shown once and never logged.
"""

from __future__ import annotations

import hashlib
import secrets

from storage_service.db.engine import make_engine, make_sessions
from storage_service.repositories import api_keys

KEY_PREFIX = "rba_"
# Characters kept for display ("rba_AbCd"), not enough to matter for guessing.
DISPLAY_CHARS = 8


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


async def create_api_key(database_url: str, owner_name: str) -> tuple[str, str]:
    """Creates a key for the owner `owner_name` (and the owner if the name is new).
    Returns (owner_id, raw_key)."""
    if not owner_name.strip():
        raise ValueError("owner name must not be empty")
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            owner_id = await api_keys.ensure_owner(session, owner_name)
            raw = generate_key()
            await api_keys.add_key(session, owner_id, hash_key(raw), raw[:DISPLAY_CHARS])
            await session.commit()
            return str(owner_id), raw
    finally:
        await engine.dispose()
