"""Dead-lettered job messages: read them, send their items round again, or drop them.

A message reaches `<queue>.dead` after failing on every delivery the queue allows; by then
its run or export is FAILED (kit.jobflow). Requeueing is therefore a retry of the item in the
database (storage_service.operations.retry: back to QUEUED with a new outbox job, which the
relay publishes) followed by an ack of the dead letter -- never a republish from here, so a
command that dies half-way loses nothing and sends nothing twice. Messages not selected are
left in the queue (returned unacked when the channel closes).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import aio_pika
from aio_pika.abc import AbstractIncomingMessage, AbstractQueue

from kit.jobs import KINDS, UndecodableJob

MAX_MESSAGES = 10_000


@dataclass(frozen=True)
class DeadLetter:
    """What `list` prints of a message: ids and the broker's account, never a body."""

    queue: str
    message_id: str
    item_id: str
    reason: str
    deaths: int
    first_death: str


@dataclass(frozen=True)
class Handled:
    message_id: str
    item_id: str
    outcome: str  # requeued, dropped, or why it was dropped without a retry


def dead_queue(queue: str) -> str:
    if queue not in KINDS:
        raise ValueError(f"unknown queue {queue!r} (one of: {', '.join(KINDS)})")
    return f"{queue}.dead"


def item_of(queue: str, message: AbstractIncomingMessage) -> str:
    try:
        return KINDS[queue].item_id(message.body)
    except UndecodableJob:
        return ""


def _described(queue: str, message: AbstractIncomingMessage) -> DeadLetter:
    found = (message.headers or {}).get("x-death")
    deaths = [d for d in found if isinstance(d, dict)] if isinstance(found, list) else []
    first = deaths[0] if deaths else {}
    when = first.get("time")
    counts = [d.get("count", 1) for d in deaths]
    count = sum(c for c in counts if isinstance(c, int))
    return DeadLetter(
        queue=dead_queue(queue),
        message_id=message.message_id or "",
        item_id=item_of(queue, message),
        reason=str(first.get("reason", "")),
        deaths=int(count),
        first_death=when.isoformat() if isinstance(when, datetime) else "",
    )


@asynccontextmanager
async def _dead_messages(
    amqp_url: str, queue: str, limit: int
) -> AsyncIterator[tuple[AbstractQueue, list[AbstractIncomingMessage]]]:
    """Up to `limit` messages of the queue's dead letters, held unacked until the block
    ends; those not acked in it go back to the queue."""
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        dead = await channel.declare_queue(dead_queue(queue), passive=True)
        held: list[AbstractIncomingMessage] = []
        while len(held) < min(limit, MAX_MESSAGES):
            message = await dead.get(no_ack=False, fail=False)
            if message is None:
                break
            held.append(message)
        yield dead, held
    finally:
        await connection.close()


async def peek(amqp_url: str, queue: str, limit: int) -> list[DeadLetter]:
    async with _dead_messages(amqp_url, queue, limit) as (_dead, held):
        return [_described(queue, message) for message in held]


async def settle(
    amqp_url: str,
    queue: str,
    selected: Callable[[DeadLetter], bool],
    act: Callable[[str], Awaitable[str]] | None,
    limit: int = MAX_MESSAGES,
) -> list[Handled]:
    """For each selected dead letter: `act(item_id)` (the retry; its outcome is reported),
    then ack it. `act` None: only ack (drop)."""
    done: list[Handled] = []
    async with _dead_messages(amqp_url, queue, limit) as (_dead, held):
        for message in held:
            letter = _described(queue, message)
            if not selected(letter):
                continue
            outcome = "dropped"
            if act is not None:
                outcome = await act(letter.item_id) if letter.item_id else "dropped: no item id"
            await message.ack()
            done.append(Handled(letter.message_id, letter.item_id, outcome))
    return done
