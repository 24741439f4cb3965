"""Following one of storage's long streams (revoked keys, changed runs): read it for as long
as it lasts, and when it breaks, say so (the caller falls back to a safe state), wait and
open it again. The stream is one long call, renewed daily: past the internal channel's
default deadline (for unary calls) it would end, and the fallback run, every few seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Callable
from typing import TypeVar

import grpc

from kit.logging import get_logger

log = get_logger(__name__)

T = TypeVar("T")
RETRY_S = 1.0
FEED_DEADLINE_S = 24 * 3600.0


async def follow(
    name: str,
    open_feed: Callable[[float], AsyncIterable[T]],
    on_message: Callable[[T], None],
    on_gap: Callable[[], None],
    retry_s: float = RETRY_S,
) -> None:
    """Forever: each message of the feed to `on_message`; `on_gap` whenever it ends."""
    while True:
        try:
            async for message in open_feed(FEED_DEADLINE_S):
                on_message(message)
        except asyncio.CancelledError:
            raise
        except grpc.aio.AioRpcError as exc:
            log.warning(f"{name}.feed_lost", code=exc.code().name)
        on_gap()
        await asyncio.sleep(retry_s)
