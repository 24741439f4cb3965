"""Revoked keys, told to the gateways as the revocation commits.

`api_keys.revoke_key` announces each revoked key on a Postgres channel in its transaction
(NOTIFY is delivered on commit, to every listener, whichever process or replica revoked). This
feed LISTENs on one connection of its own, started when the first gateway watches, and fans
each key out to every watcher. A watcher first gets an empty key: "forget every cached key",
so nothing revoked while it was not watching can be served from its cache; the same is sent
when the feed loses its connection and comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from kit.logging import get_logger
from storage_service.repositories.api_keys import REVOKED_CHANNEL

log = get_logger(__name__)

FORGET_ALL = ""  # the "forget every cached key" message
_RETRY_S = 1.0


class RevocationFeed:
    def __init__(self, database_url: str) -> None:
        # SQLAlchemy's URL names its driver; asyncpg takes a plain libpq URL.
        self._dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._watchers: set[asyncio.Queue[str]] = set()
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    @contextlib.asynccontextmanager
    async def watch(self) -> AsyncIterator[asyncio.Queue[str]]:
        """A queue of revoked keys' sha256, the first one FORGET_ALL, once the feed listens."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._listen_forever())
        await self._listening.wait()
        queue: asyncio.Queue[str] = asyncio.Queue()
        queue.put_nowait(FORGET_ALL)
        self._watchers.add(queue)
        try:
            yield queue
        finally:
            self._watchers.discard(queue)

    def _tell(self, message: str) -> None:
        for queue in self._watchers:
            queue.put_nowait(message)

    async def _listen_forever(self) -> None:
        while True:
            connection: Any = None
            try:
                connection = await asyncpg.connect(self._dsn)
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                await connection.add_listener(
                    REVOKED_CHANNEL, lambda _c, _pid, _channel, digest: self._tell(digest)
                )
                if self._listening.is_set():
                    self._tell(FORGET_ALL)  # back after a gap: anything may have been missed
                self._listening.set()
                await lost.wait()
                log.warning("revocations.connection_lost")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("revocations.listen_failed", error=type(exc).__name__)
            finally:
                if connection is not None and not connection.is_closed():
                    await connection.close()
            await asyncio.sleep(_RETRY_S)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
