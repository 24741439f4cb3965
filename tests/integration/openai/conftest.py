"""Fixtures for the openai provider tests: a scripted local server and a provider on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import structlog

from tailor_worker.providers.openai_provider import OpenAIConfig, OpenAIProvider
from tests.integration.openai.fake_server import FakeOpenAI, serve

CLIENT_TIMEOUT_S = 0.5
MAX_ATTEMPTS = 3

RESUME = """\
Sam Rivera
Backend Engineer
sam.rivera@example.com | +1 555 010 9999 | Denver, CO

Experience
Senior Software Engineer — Northwind Freight, Denver, CO
Jan 2021 – Present
- Designed Python gRPC microservices handling 40 million requests per day on Kubernetes
- Migrated the order pipeline from cron jobs to RabbitMQ workers, cutting delivery latency by 35%
- Led a team of 4 engineers and introduced code review with GitHub Actions
- Tuned PostgreSQL queries and indexes, reducing p99 latency from 900 ms to 120 ms

Software Engineer — Contoso Data, Boulder, CO
06/2017 - 12/2020
- Built REST APIs in Python and Flask for customer reporting dashboards
- Containerised 12 services with Docker

Education
B.S. Computer Science, Colorado State University, 2017

Skills
Python, SQL, PostgreSQL, RabbitMQ, gRPC, Docker, Kubernetes
"""

JOB = """\
Staff Backend Engineer

Requirements:
- 10+ years of professional software engineering experience
- Strong Python and gRPC microservices on Kubernetes
- Kafka or RabbitMQ in production
- Terraform and AWS
- Certified Kubernetes Administrator (CKA)
- Master's degree in Computer Science

Nice to have:
- Go or Rust
"""

RESUME_LINES = RESUME.splitlines()


@pytest.fixture(autouse=True)
def _plain_logging() -> None:
    """The provider logs retries; start from structlog's defaults so a logger another test
    configured on a since-closed capture stream cannot break these tests."""
    structlog.reset_defaults()


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    with serve() as fake:
        yield fake


@pytest.fixture
def fake(server: FakeOpenAI) -> FakeOpenAI:
    server.reset()
    return server


def config(fake: FakeOpenAI, **overrides: object) -> OpenAIConfig:
    values: dict[str, object] = {
        "model": "gpt-4o-mini",
        "api_key": "sk-test-key",
        "base_url": fake.url,
        "timeout_s": CLIENT_TIMEOUT_S,
        "seed": 11,
        "max_attempts": MAX_ATTEMPTS,
        "backoff_s": 0.01,
        "backoff_max_s": 0.05,
    }
    values.update(overrides)
    return OpenAIConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def provider(fake: FakeOpenAI) -> OpenAIProvider:
    return OpenAIProvider(config(fake))
