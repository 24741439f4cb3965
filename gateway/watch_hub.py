"""Shared run watches: one storage read per change of a watched run, however many callers
watch it.

Each watcher of a run (per owner) subscribes to one feed; the feed's reader reads the run from
storage and wakes the watchers when its status or update time changed. Storage pushes the id
of every run that changes (`WatchRunChanges`, followed by `gateway/run_changes.py`), so while
that push is live a feed reads its run only when told it changed, and once every `resync_s`
as a safety net; while the push is down, it polls every `poll_s`. The last watcher to leave
stops the reader. So a thousand watches of one run cost storage what one does, and a watch's
own cost is a wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from typing import Any

from resumeai.storage.v1 import records_pb2

Fetch = Callable[[], Awaitable[records_pb2.TailorRunRecord]]


class _Feed:
    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.watchers = 0
        self.version = 0  # bumped on each change (or failure) the reader sees
        self.run: records_pb2.TailorRunRecord | None = None
        self.failure: BaseException | None = None
        self.changed = asyncio.Condition()
        self.stale = asyncio.Event()  # set when storage says the run changed
        self.reader: asyncio.Task[None] | None = None


class WatchHub:
    def __init__(
        self,
        poll_s: float,
        is_final: Callable[[records_pb2.TailorRunRecord], bool],
        resync_s: float = 30.0,
    ) -> None:
        self._poll_s = poll_s
        self._resync_s = resync_s
        self._is_final = is_final
        self._feeds: dict[Hashable, _Feed] = {}
        self._by_run: dict[str, set[_Feed]] = {}
        self.pushed = False  # whether storage's change feed is live

    @property
    def polled(self) -> int:
        """Runs being watched now."""
        return len(self._feeds)

    def changed(self, run_id: str) -> None:
        """Storage says the run changed: its feeds read it again now."""
        for feed in self._by_run.get(run_id, ()):
            feed.stale.set()

    def resync(self, *, pushed: bool) -> None:
        """Anything may have changed (the change feed started, or stopped): every feed reads
        its run again, then waits for pushes (`pushed`) or polls."""
        self.pushed = pushed
        for feed in self._feeds.values():
            feed.stale.set()

    async def watch(
        self, key: Hashable, run_id: str, fetch: Fetch
    ) -> AsyncGenerator[records_pb2.TailorRunRecord, None]:
        """Each new state of the run `key` names, read with `fetch`, until a final one. A
        failure to read it is raised to every watcher."""
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = _Feed(run_id)
            self._by_run.setdefault(run_id, set()).add(feed)
            feed.reader = asyncio.create_task(self._read(feed, fetch))
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
                feeds = self._by_run.get(run_id, set())
                feeds.discard(feed)
                if not feeds:
                    self._by_run.pop(run_id, None)
                if feed.reader is not None:
                    feed.reader.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await feed.reader

    async def _read(self, feed: _Feed, fetch: Fetch) -> None:
        last: tuple[Any, bytes] | None = None
        while True:
            feed.stale.clear()  # a change told from here on is read on the next pass
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
            wait = self._resync_s if self.pushed else self._poll_s
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(feed.stale.wait(), wait)

    @staticmethod
    async def _publish(
        feed: _Feed,
        run: records_pb2.TailorRunRecord | None = None,
        failure: BaseException | None = None,
    ) -> None:
        async with feed.changed:
            feed.run, feed.failure = run or feed.run, failure
            feed.version += 1
            feed.changed.notify_all()
