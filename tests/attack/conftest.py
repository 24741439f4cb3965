"""Attack suite fixtures (`make attack`): one stack of real processes in its own database and
vhost; each attack is measured by what an authenticated bystander sees while it runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.attack.measure import RESULTS
from tests.conftest import own_infrastructure
from tests.e2e.harness import Stack, running_stack

database_url, amqp_url = own_infrastructure("_attack")

# Small enough for the quota attack to show exactness at 200 concurrent calls.
RUNS_PER_HOUR = 5


@pytest.fixture(scope="session")
def stack(
    database_url: str, amqp_url: str, service_token: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    with running_stack(
        tmp_path_factory.mktemp("attack"),
        database_url,
        amqp_url,
        service_token,
        RESUMEAI_RUNS_PER_HOUR=str(RUNS_PER_HOUR),
        RESUMEAI_LOG_LEVEL="WARNING",
    ) as stack:
        yield stack


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if RESULTS:
        terminalreporter.section("attacks: what an authenticated bystander saw")
        for line in RESULTS:
            terminalreporter.write_line(line)
