"""The gateway's audit log: every call refused for its key, as one structured line on the
`audit` logger (never the key, its hash or anything the caller chose: the method, the peer's
address, the outcome and, when the key was valid, its id)."""

from __future__ import annotations

from typing import Any

from kit.logging import get_logger

audit_log = get_logger("audit")


def audit_refused(method: str, context: Any, outcome: str, *, key_id: str = "") -> None:
    audit_log.warning(
        "audit.call_refused",
        method=method,
        peer=_peer(context),
        outcome=outcome,
        key_id=key_id or None,
    )


def _peer(context: Any) -> str:
    try:
        peer = context.peer()
    except Exception:
        return ""
    return peer if isinstance(peer, str) and len(peer) <= 100 else ""
