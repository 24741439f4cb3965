"""What a job message's headers give the worker: the creating call's request id, only when it
looks like one (a caller-chosen text never reaches the logs)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import structlog

from kit.jobs import REQUEST_ID_HEADER, correlation_headers
from kit.worker import job_request_id


def message(headers: dict[str, Any] | None) -> Any:
    return SimpleNamespace(headers=headers)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({REQUEST_ID_HEADER: "req-1.a:b"}, "req-1.a:b"),
        ({REQUEST_ID_HEADER: b"req-2"}, "req-2"),
        ({REQUEST_ID_HEADER: "jane@example.org"}, None),
        ({REQUEST_ID_HEADER: "x" * 129}, None),
        ({REQUEST_ID_HEADER: 7}, None),
        ({}, None),
        (None, None),
    ],
)
def test_job_request_id(headers: dict[str, Any] | None, expected: str | None) -> None:
    assert job_request_id(message(headers)) == expected


def test_a_job_carries_the_request_id_bound_for_the_call() -> None:
    assert correlation_headers() == {}
    with structlog.contextvars.bound_contextvars(request_id="req-9"):
        assert correlation_headers() == {REQUEST_ID_HEADER: "req-9"}
