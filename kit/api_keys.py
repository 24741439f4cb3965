"""The shape of an API key, shared by the storage CLI that makes keys and the gateway that
checks them: "rba_" + 43 url-safe characters (256 random bits, `secrets.token_urlsafe(32)`).

The gateway refuses a key of any other shape on the spot, without asking storage, so garbage
in the `authorization` header costs nothing; a well-formed key it has not seen is looked up
(through a few lanes: gateway/auth.py)."""

from __future__ import annotations

import hashlib
import re
import secrets

KEY_PREFIX = "rba_"
_SHAPE = re.compile(re.escape(KEY_PREFIX) + r"[A-Za-z0-9_-]{43}")


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def well_formed(key: str) -> bool:
    return _SHAPE.fullmatch(key) is not None


def key_sha256(key: str) -> str:
    """What storage keeps of a key and is asked with: sha256 of its UTF-8, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
