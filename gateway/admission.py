"""Admission after authentication: how many calls the gateway serves at once, and each owner's
share of them, counted without waiting (a caller past a limit is told to back off at once)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class AdmissionLimits:
    max_calls: int  # calls served at once by this gateway, all owners
    max_calls_per_owner: int  # unary calls one owner has in flight
    max_streams_per_owner: int  # server streams (watches) one owner holds open


class Refused(Exception):
    """Past a limit: the message says which, for RESOURCE_EXHAUSTED."""


class Admission:
    """Counts admitted calls, in total and per owner. Single event loop: no locks needed."""

    def __init__(self, limits: AdmissionLimits) -> None:
        self.limits = limits
        self._total = 0
        self._calls: Counter[str] = Counter()
        self._streams: Counter[str] = Counter()

    def admit(self, owner: str, *, stream: bool) -> None:
        """Takes a slot for `owner`, or raises Refused."""
        mine, limit, what = (
            (self._streams, self.limits.max_streams_per_owner, "open streams")
            if stream
            else (self._calls, self.limits.max_calls_per_owner, "concurrent calls")
        )
        if mine[owner] >= limit:
            raise Refused(f"too many {what} for this API key (limit {limit}); retry with backoff")
        if self._total >= self.limits.max_calls:
            raise Refused("the gateway is at capacity; retry with backoff")
        mine[owner] += 1
        self._total += 1

    def release(self, owner: str, *, stream: bool) -> None:
        mine = self._streams if stream else self._calls
        mine[owner] -= 1
        if mine[owner] <= 0:
            del mine[owner]
        self._total -= 1
