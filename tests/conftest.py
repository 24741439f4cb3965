"""Shared fixtures: each test session gets its own Postgres database and RabbitMQ vhost, so
runs never collide with each other or with a `make run` going on the same machine."""

from __future__ import annotations

import os

# Before any settings class is imported: a developer's `.env` (written by `make run`) must
# not reach the tests' settings (kit/settings.py reads RESUMEAI_ENV_FILE at import).
os.environ["RESUMEAI_ENV_FILE"] = ""

import contextlib
import secrets
import shutil
import socket
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

PG_ADMIN_DSN = os.environ.get(
    "RESUMEAI_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
AMQP_BASE = os.environ.get("RESUMEAI_TEST_AMQP_BASE", "amqp://guest:guest@127.0.0.1:5672")
SERVICE_TOKEN = "test-service-token-" + secrets.token_hex(8)
RUN_ID = secrets.token_hex(4)


# Below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out for
# binding to 0 can be taken as the source port of an outgoing connection (to Postgres, to
# the broker) before the service the test starts binds it, which failed a fault suite once.
_TEST_PORTS = range(20_000, 32_000)


def free_port() -> int:
    """A port nothing listens on now, outside the ephemeral range."""
    for _ in range(200):
        port = _TEST_PORTS.start + secrets.randbelow(len(_TEST_PORTS))
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in the test range")


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", PG_ADMIN_DSN, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def _rabbitmqctl(*args: str) -> None:
    ctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    subprocess.run([ctl, *args], check=True, capture_output=True)


@contextlib.contextmanager
def fresh_database(suffix: str = "") -> Iterator[str]:
    """Creates and migrates a database (asyncpg URL); drops it afterwards."""
    name = f"resumeai_test_{RUN_ID}{suffix}"
    _psql(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    url = f"{base}/{name}"
    try:
        from storage_service.migrate import upgrade

        upgrade(url)
        yield url
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def fresh_vhost(suffix: str = "") -> Iterator[str]:
    """Creates a RabbitMQ vhost and yields its AMQP URL; deletes it afterwards."""
    vhost = f"resumeai_test_{RUN_ID}{suffix}"
    _rabbitmqctl("add_vhost", vhost)
    try:
        _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        yield f"{AMQP_BASE}/{vhost}"
    finally:
        _rabbitmqctl("delete_vhost", vhost)


def own_infrastructure(suffix: str = "") -> tuple[Any, Any]:
    """Session fixtures `database_url` and `amqp_url` of a database and a vhost of the suite's
    own: a suite whose running stack would take other suites' jobs assigns them in its
    conftest (`database_url, amqp_url = own_infrastructure("_e2e")`)."""

    @pytest.fixture(scope="session", name="database_url")
    def database_url() -> Iterator[str]:
        with fresh_database(suffix) as url:
            yield url

    @pytest.fixture(scope="session", name="amqp_url")
    def amqp_url() -> Iterator[str]:
        with fresh_vhost(suffix) as url:
            yield url

    return database_url, amqp_url


database_url, amqp_url = own_infrastructure()


@pytest.fixture(scope="session")
def service_token() -> str:
    return SERVICE_TOKEN
