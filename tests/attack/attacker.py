"""Attacks, each run in a process of its own (so the bystander's event loop is not the
attacker's): `python -m tests.attack.attacker KIND TARGET SECONDS [KEY] [RUN_ID]`. Prints one
JSON line: the status codes the attacker got."""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import grpc

from kit.api_keys import generate_key
from resumeai.v1 import resume_builder_pb2

GET_RESUME = "/resumeai.v1.ResumeBuilder/GetResume"
CREATE_RESUME = "/resumeai.v1.ResumeBuilder/CreateResume"
WATCH = "/resumeai.v1.ResumeBuilder/WatchTailorRun"
BIG_BODY = 7_400_000  # under the gateway's largest legal request


def _channels(target: str, n: int) -> list[grpc.aio.Channel]:
    # A channel each, on a connection each (no shared subchannel pool).
    return [
        grpc.aio.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range(n)
    ]


def _bearer(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


async def _silent() -> AsyncIterator[bytes]:
    await asyncio.sleep(3600)
    yield b""


# Bounded traffic: every worker opens its call at once (the attack as first seen: a thousand
# streams in a moment), then calls that end are reopened at this many a second in all. A flood
# at line rate is for a rate-limiting proxy in front (README, security), not the process.
REOPEN_PER_S = 200.0


class _Pace:
    """Spaces reopenings `1 / per_s` apart across all workers."""

    def __init__(self, per_s: float) -> None:
        self._gap = 1.0 / per_s
        self._next = time.monotonic()

    async def turn(self) -> None:
        now = time.monotonic()
        self._next = max(self._next + self._gap, now)
        await asyncio.sleep(self._next - now)


async def _keep(
    workers: int, seconds: float, attempt: Callable[[int], Awaitable[None]], codes: Counter[str]
) -> None:
    """`workers` loops, each holding one `attempt` open and starting another when it ends (at
    the shared pace), until the time is up."""
    ends = time.monotonic() + seconds
    pace = _Pace(REOPEN_PER_S)

    async def loop(n: int) -> None:
        while time.monotonic() < ends:
            try:
                await asyncio.wait_for(attempt(n), max(0.1, ends - time.monotonic()))
                codes["OK"] += 1
            except grpc.aio.AioRpcError as exc:
                codes[exc.code().name] += 1
            except TimeoutError:
                codes["held to the end"] += 1
                return
            await pace.turn()

    await asyncio.gather(*(loop(n) for n in range(workers)))


async def silent_streams(target: str, seconds: float, key: str = "") -> Counter[str]:
    """1,000 calls over 10 connections that send headers and never a body (no key, or the
    attacker's own)."""
    codes: Counter[str] = Counter()
    channels = _channels(target, 10)
    metadata = _bearer(key or secrets.token_urlsafe(24))
    calls = [
        c.stream_unary(GET_RESUME, request_serializer=bytes, response_deserializer=bytes)
        for c in channels
    ]

    async def attempt(n: int) -> None:
        await calls[n % len(calls)](_silent(), metadata=metadata)

    await _keep(1000, seconds, attempt, codes)
    return codes


async def big_bodies(target: str, seconds: float, key: str = "") -> Counter[str]:
    """100 concurrent 7.4 MB requests, each with a new random key of the right shape."""
    codes: Counter[str] = Counter()
    channels = _channels(target, 10)
    body = b"\n" + b"x" * BIG_BODY  # field 1 (a string), long; never valid
    calls = [
        c.unary_unary(CREATE_RESUME, request_serializer=bytes, response_deserializer=bytes)
        for c in channels
    ]

    async def attempt(n: int) -> None:
        await calls[n % len(calls)](body, metadata=_bearer(generate_key()))

    await _keep(100, seconds, attempt, codes)
    return codes


async def made_up_keys(target: str, seconds: float, key: str = "") -> Counter[str]:
    """200 callers at once, each call with a new random key of the right shape (a key of any
    other shape is refused without a lookup: this is the costly case)."""
    codes: Counter[str] = Counter()
    channels = _channels(target, 4)
    request = resume_builder_pb2.GetResumeRequest(id="00000000-0000-0000-0000-000000000000")
    calls = [
        c.unary_unary(
            GET_RESUME,
            request_serializer=resume_builder_pb2.GetResumeRequest.SerializeToString,
            response_deserializer=bytes,
        )
        for c in channels
    ]

    async def attempt(n: int) -> None:
        await calls[n % len(calls)](request, metadata=_bearer(generate_key()))

    await _keep(200, seconds, attempt, codes)
    return codes


async def watch_flood(target: str, seconds: float, key: str = "", run_id: str = "") -> Counter[str]:
    """One tenant opens 1,000 watches of one of its runs, reopening any that end."""
    codes: Counter[str] = Counter()
    channels = _channels(target, 10)
    request = resume_builder_pb2.WatchTailorRunRequest(id=run_id)
    calls = [
        c.unary_stream(
            WATCH,
            request_serializer=resume_builder_pb2.WatchTailorRunRequest.SerializeToString,
            response_deserializer=bytes,
        )
        for c in channels
    ]

    async def attempt(n: int) -> None:
        async for _ in calls[n % len(calls)](request, metadata=_bearer(key)):
            pass

    await _keep(1000, seconds, attempt, codes)
    return codes


ATTACKS = {
    "silent-streams": silent_streams,
    "big-bodies": big_bodies,
    "made-up-keys": made_up_keys,
    "watch-flood": watch_flood,
}


def main() -> None:
    kind, target, seconds, *rest = sys.argv[1:]
    codes = asyncio.run(ATTACKS[kind](target, float(seconds), *rest))  # type: ignore[operator]
    print(json.dumps(dict(codes)), flush=True)


if __name__ == "__main__":
    main()
