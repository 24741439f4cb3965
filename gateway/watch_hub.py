"""Shared run watches: one storage poll per watched run, however many callers watch it.

Each watcher of a run (per owner) subscribes to one feed; the feed's poller reads the run from
storage every `poll_s` and wakes the watchers when its status or update time changes. The
last watcher to leave stops the poller. So a thousand watches of one run cost storage what
one does, and a watch's own cost is a wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from typing import Any

from resumeai.v1 import resources_pb2

Fetch = Callable[[], Awaitable[resources_pb2.TailorRun]]


class _Feed:
    def __init__(self) -> None:
        self.watchers = 0
        self.version = 0  # bumped on each change (or failure) the poller sees
        self.run: resources_pb2.TailorRun | None = None
        self.failure: BaseException | None = None
        self.changed = asyncio.Condition()
        self.poller: asyncio.Task[None] | None = None


class WatchHub:
    def __init__(self, poll_s: float, is_final: Callable[[resources_pb2.TailorRun], bool]) -> None:
        self._poll_s = poll_s
        self._is_final = is_final
        self._feeds: dict[Hashable, _Feed] = {}

    @property
    def polled(self) -> int:
        """Runs being polled now."""
        return len(self._feeds)

    async def watch(
        self, key: Hashable, fetch: Fetch
    ) -> AsyncGenerator[resources_pb2.TailorRun, None]:
        """Each new state of the run `key` names, read with `fetch`, until a final one. A
        failure to read it is raised to every watcher."""
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = _Feed()
            feed.poller = asyncio.create_task(self._poll(feed, fetch))
        feed.watchers += 1
        seen = 0
        try:
            while True:
                async with feed.changed:
                    while feed.version <= seen:
                        await feed.changed.wait()
                seen = feed.version
                if feed.failure is not None:
                    raise feed.failure
                assert feed.run is not None
                yield feed.run
                if self._is_final(feed.run):
                    return
        finally:
            feed.watchers -= 1
            if feed.watchers == 0:
                self._feeds.pop(key, None)
                if feed.poller is not None:
                    feed.poller.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await feed.poller

    async def _poll(self, feed: _Feed, fetch: Fetch) -> None:
        last: tuple[Any, bytes] | None = None
        while True:
            try:
                run = await fetch()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # every watcher answers the storage error itself
                await self._publish(feed, failure=exc)
                return
            seen = (run.status, run.update_time.SerializeToString())
            if seen != last:
                last = seen
                await self._publish(feed, run=run)
            if self._is_final(run):
                return
            await asyncio.sleep(self._poll_s)

    @staticmethod
    async def _publish(
        feed: _Feed,
        run: resources_pb2.TailorRun | None = None,
        failure: BaseException | None = None,
    ) -> None:
        async with feed.changed:
            feed.run, feed.failure = run or feed.run, failure
            feed.version += 1
            feed.changed.notify_all()
