"""The backlog as metrics (kit.metrics): unfinished runs and exports by status, the oldest
still queued, and the outbox jobs the broker has not confirmed. Read by storage's background
task every few seconds, from the partial indexes the sweep and the relay already use, so a
scrape never touches the database and a large backlog costs one index scan per interval."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import asyncpg

from kit.logging import get_logger
from kit.metrics import BACKLOG_ITEMS, BACKLOG_OLDEST_QUEUED, OUTBOX_OLDEST_PENDING, OUTBOX_PENDING
from storage_service.db.pg import Pg
from storage_service.repositories import work
from storage_service.repositories.leases import QUEUED, RUNNING

log = get_logger(__name__)

INTERVAL_S = 15.0
_STATUSES = {QUEUED: "queued", RUNNING: "running"}


def _items_sql(table: str) -> str:
    return (
        "SELECT status, count(*) AS items, "
        "coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest "
        f"FROM {table} WHERE status IN ({QUEUED}, {RUNNING}) AND deleted_at IS NULL "
        "GROUP BY status"
    )


_OUTBOX_SQL = (
    "SELECT count(*) AS jobs, "
    "coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest "
    "FROM outbox WHERE published_at IS NULL"
)


@dataclass(frozen=True)
class Backlog:
    # (kind, status) -> live unfinished items; kind -> age of its oldest queued item (s).
    items: dict[tuple[str, str], int]
    oldest_queued_s: dict[str, float]
    outbox_pending: int
    outbox_oldest_s: float


async def snapshot(connection: asyncpg.Connection) -> Backlog:
    """The backlog now, in three statements."""
    items: dict[tuple[str, str], int] = {}
    oldest: dict[str, float] = {}
    for kind in (work.RUNS, work.EXPORTS):
        rows = {row["status"]: row for row in await connection.fetch(_items_sql(kind.table))}
        for status, label in _STATUSES.items():
            row = rows.get(status)
            items[kind.name, label] = row["items"] if row else 0
        queued = rows.get(QUEUED)
        oldest[kind.name] = queued["oldest"] if queued else 0.0
    outbox = await connection.fetchrow(_OUTBOX_SQL)
    return Backlog(items, oldest, outbox["jobs"], outbox["oldest"])


async def read_backlog(pg: Pg) -> None:
    """One reading of every gauge."""
    async with pg.connection(transaction=False) as connection:
        now = await snapshot(connection)
    for (kind, status), count in now.items.items():
        BACKLOG_ITEMS.labels(kind, status).set(count)
    for kind, age in now.oldest_queued_s.items():
        BACKLOG_OLDEST_QUEUED.labels(kind).set(age)
    OUTBOX_PENDING.set(now.outbox_pending)
    OUTBOX_OLDEST_PENDING.set(now.outbox_oldest_s)


async def watch_backlog(pg: Pg, interval_s: float = INTERVAL_S) -> None:
    """The background task: a reading at start, then one every `interval_s`; a failed one
    (database down) is logged and the gauges keep their last values."""
    while True:
        try:
            await read_backlog(pg)
        except Exception as error:
            log.warning("backlog.unread", error=type(error).__name__)
        await asyncio.sleep(interval_s)
