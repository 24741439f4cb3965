"""Finished runs as GetTailorRun answered them, so reading one again costs no storage call.

A finished run (succeeded, failed, cancelled) no longer changes but for its deletion (by its
owner, by erasure, or an operator's hand), and storage pushes every change of a run to the
gateways (`WatchRunChanges`, followed in `gateway/run_changes.py`): a change forgets the run
here. So entries are only kept while that push is live; when it stops, everything is
forgotten and every read goes to storage, and when it comes back everything is forgotten
again (anything may have changed meanwhile).

A read from storage that a change overtakes (the run deleted while the answer was on its
way) is not kept: each read takes a ticket before it asks storage, and an entry is refused
when its run changed, or everything was forgotten, after that ticket.

Bounded by bytes (the results dominate), least recently read first out. Keys are the owner
and the run id, so a caller only ever finds its own runs.
"""

from __future__ import annotations

from collections import OrderedDict

from resumeai.v1 import resources_pb2

# How many recent changes are remembered one by one; a read older than the oldest of them
# is refused as if its run had changed.
_CHANGES_KEPT = 100_000


class FinishedRuns:
    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._bytes = 0
        # run id -> (owner, run as answered, its size)
        self._runs: OrderedDict[str, tuple[str, resources_pb2.TailorRun, int]] = OrderedDict()
        self._clock = 0  # counts changes and forgettings
        self._changed_at: OrderedDict[str, int] = OrderedDict()  # run id -> clock
        self._reliable_since = 0  # tickets older than this are refused
        self.live = False  # storage's change feed is being followed

    def ticket(self) -> int:
        """Taken before a read from storage whose answer may be kept (`keep`)."""
        return self._clock

    def get(self, owner: str, run_id: str) -> resources_pb2.TailorRun | None:
        found = self._runs.get(run_id) if self.live else None
        if found is None or found[0] != owner:
            return None
        self._runs.move_to_end(run_id)
        return found[1]

    def keep(self, owner: str, run: resources_pb2.TailorRun, ticket: int) -> None:
        """Keeps a finished run read with `ticket`, unless it changed since."""
        if not self.live or self._max_bytes <= 0 or ticket < self._reliable_since:
            return
        if self._changed_at.get(run.id, -1) > ticket:
            return
        size = run.ByteSize()
        if size > self._max_bytes // 8:  # one huge result must not empty the cache
            return
        self._drop(run.id)
        self._runs[run.id] = (owner, run, size)
        self._bytes += size
        while self._bytes > self._max_bytes:
            self._drop(next(iter(self._runs)))

    def changed(self, run_id: str) -> None:
        """Storage says the run changed (or the caller deleted it here)."""
        self._clock += 1
        self._changed_at[run_id] = self._clock
        self._changed_at.move_to_end(run_id)
        if len(self._changed_at) > _CHANGES_KEPT:
            _, oldest = self._changed_at.popitem(last=False)
            self._reliable_since = max(self._reliable_since, oldest)
        self._drop(run_id)

    def forget_all(self, *, live: bool) -> None:
        """Anything may have changed: the change feed (re)started (`live`) or stopped."""
        self._clock += 1
        self._reliable_since = self._clock
        self._runs.clear()
        self._bytes = 0
        self.live = live

    def _drop(self, run_id: str) -> None:
        found = self._runs.pop(run_id, None)
        if found is not None:
            self._bytes -= found[2]
