"""The backlog gauges follow the database: a created run is queued with a pending outbox
job, a claimed one is running, a finished one leaves the backlog."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from kit.metrics import BACKLOG_ITEMS, BACKLOG_OLDEST_QUEUED, OUTBOX_PENDING
from storage_service.backlog import read_backlog
from storage_service.db.pg import Pg
from tests.integration.storage.helpers import (
    TAILOR,
    Stub,
    claim,
    complete_run,
    make_result,
    start_run,
)


@pytest.fixture
async def pg(database_url: str) -> AsyncIterator[Pg]:
    pool = Pg(database_url, 2)
    yield pool
    await pool.close()


def gauges() -> dict[str, float]:
    return {
        "queued": BACKLOG_ITEMS.labels("tailor", "queued")._value.get(),
        "running": BACKLOG_ITEMS.labels("tailor", "running")._value.get(),
        "oldest_queued": BACKLOG_OLDEST_QUEUED.labels("tailor")._value.get(),
        "outbox": OUTBOX_PENDING._value.get(),
    }


async def test_the_backlog_follows_a_run(pg: Pg, stub: Stub, owner: str) -> None:
    await read_backlog(pg)
    start = gauges()

    created = await start_run(stub, owner)
    await read_backlog(pg)
    queued = gauges()
    assert queued["queued"] == start["queued"] + 1
    assert queued["outbox"] == start["outbox"] + 1
    assert queued["oldest_queued"] >= 0

    claimed = await claim(stub, TAILOR, created.run.id)
    await read_backlog(pg)
    running = gauges()
    assert running["queued"] == start["queued"]
    assert running["running"] == start["running"] + 1

    await complete_run(stub, created.run.id, claimed.lease_token, make_result())
    await read_backlog(pg)
    assert gauges()["running"] == start["running"]
