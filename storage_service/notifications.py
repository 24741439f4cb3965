"""Postgres notifications, told to the gateways as the writes that cause them commit.

A NOTIFY is delivered on commit, to every listener, whichever process or replica wrote. This
feed LISTENs on one connection of its own for all its channels, started when the first
watcher arrives, and fans each payload out to every watcher of its channel:

- `api_key_revoked` (`api_keys.revoke_key`): the sha256 of each revoked key;
- `run_changed` (a trigger on tailor_runs, migrations 0011 and 0012): the id of each run
  whose status, update time or deletion changed (not of a new run: nobody watches it yet).

A watcher first gets RESYNC (""): "anything may have changed", so nothing that happened
while it was not watching goes unseen (a gateway forgets its cached keys, re-reads its
watched runs); the same is sent when the feed loses its connection and comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from typing import Any

import asyncpg

from kit.logging import get_logger

log = get_logger(__name__)

RESYNC = ""  # the "anything may have changed" message
REVOKED_KEYS = "api_key_revoked"
RUN_CHANGED = "run_changed"
_RETRY_S = 1.0


class NotificationFeed:
    def __init__(self, database_url: str, channels: Iterable[str]) -> None:
        # SQLAlchemy's URL names its driver; asyncpg takes a plain libpq URL.
        self._dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._channels = tuple(channels)
        self._watchers: dict[str, set[asyncio.Queue[str]]] = {c: set() for c in self._channels}
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    @contextlib.asynccontextmanager
    async def watch(self, channel: str) -> AsyncIterator[asyncio.Queue[str]]:
        """A queue of the channel's payloads, the first one RESYNC, once the feed listens."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._listen_forever())
        await self._listening.wait()
        queue: asyncio.Queue[str] = asyncio.Queue()
        queue.put_nowait(RESYNC)
        watchers = self._watchers[channel]
        watchers.add(queue)
        try:
            yield queue
        finally:
            watchers.discard(queue)

    def _tell(self, channel: str, message: str) -> None:
        for queue in self._watchers.get(channel, ()):
            queue.put_nowait(message)

    def _tell_all(self, message: str) -> None:
        for channel in self._channels:
            self._tell(channel, message)

    async def _listen_forever(self) -> None:
        while True:
            connection: Any = None
            try:
                connection = await asyncpg.connect(self._dsn)
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                for channel in self._channels:
                    await connection.add_listener(
                        channel, lambda _c, _pid, name, payload: self._tell(name, payload)
                    )
                if self._listening.is_set():
                    self._tell_all(RESYNC)  # back after a gap: anything may have been missed
                self._listening.set()
                await lost.wait()
                log.warning("notifications.connection_lost")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("notifications.listen_failed", error=type(exc).__name__)
            finally:
                if connection is not None and not connection.is_closed():
                    await connection.close()
            await asyncio.sleep(_RETRY_S)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
