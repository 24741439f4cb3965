"""Shared fixtures: each test session gets its own Postgres database and RabbitMQ vhost, so
runs never collide with each other or with a `make run` going on the same machine."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
from collections.abc import Iterator

import pytest

PG_ADMIN_DSN = os.environ.get("RESUMEAI_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP_BASE = os.environ.get("RESUMEAI_TEST_AMQP_BASE", "amqp://guest:guest@127.0.0.1:5672")
SERVICE_TOKEN = "test-service-token-" + secrets.token_hex(8)
RUN_ID = secrets.token_hex(4)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", PG_ADMIN_DSN, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True, capture_output=True,
    )


def _rabbitmqctl(*args: str) -> None:
    ctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    subprocess.run([ctl, *args], check=True, capture_output=True)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, migrated database (asyncpg URL) for the whole session, dropped at the end."""
    name = f"resumeai_test_{RUN_ID}"
    _psql(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    url = f"{url}/{name}"
    from storage_service.migrate import upgrade

    upgrade(url)
    yield url
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def amqp_url() -> Iterator[str]:
    """A fresh RabbitMQ vhost for the session, deleted at the end."""
    vhost = f"resumeai_test_{RUN_ID}"
    _rabbitmqctl("add_vhost", vhost)
    _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
    yield f"{AMQP_BASE}/{vhost}"
    _rabbitmqctl("delete_vhost", vhost)


@pytest.fixture(scope="session")
def service_token() -> str:
    return SERVICE_TOKEN
