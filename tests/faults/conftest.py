"""Fault suite fixtures: one stack of real processes per session, in its own database and
vhost, reaching storage and RabbitMQ through TCP proxies; each case gets its own API owner
so its counts are read from the database without seeing other cases' rows."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest

from tests.conftest import own_infrastructure
from tests.faults.load import Client, Db, Outcome
from tests.faults.stack import FaultStack

# Small, so the poison case reaches the dead-letter queue in seconds; every service of the
# stack must agree on it (it is a queue argument).
DELIVERY_LIMIT = 4
OUTCOMES: list[Outcome] = []
SKIP_INFRA = os.environ.get("FAULTS_SKIP_INFRA", "") not in ("", "0")


database_url, amqp_url = own_infrastructure("_faults")


@pytest.fixture(scope="session")
def faults(
    database_url: str, amqp_url: str, service_token: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FaultStack]:
    stack = FaultStack.build(
        tmp_path_factory.mktemp("faults"), database_url, amqp_url, service_token, DELIVERY_LIMIT
    )
    try:
        yield stack
    finally:
        stack.close()


@dataclass
class Owner:
    id: str
    client: Client


@pytest.fixture
async def owner(faults: FaultStack, database_url: str) -> AsyncIterator[Owner]:
    """A fresh API owner and a client for it, on a stack reset to its baseline."""
    from storage_service.keys import create_api_key

    await faults.baseline()
    owner_id, key = await create_api_key(database_url, f"faults-{uuid.uuid4().hex[:10]}")
    client = Client(faults.stack.gateway_target, key)
    await client.store_documents()
    try:
        yield Owner(str(owner_id), client)
    finally:
        await client.close()


@pytest.fixture(scope="session")
def db(database_url: str) -> Db:
    return Db(database_url)


def report(outcome: Outcome) -> None:
    """Prints the case's counts now and again in the session summary."""
    OUTCOMES.append(outcome)
    print("\n" + outcome.line(), flush=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if OUTCOMES:
        terminalreporter.section("fault cases")
        for outcome in OUTCOMES:
            terminalreporter.write_line(outcome.line())
