from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from kit.logging import REDACTED, configure_logging, get_logger, redact


def test_content_fields_are_dropped_whatever_they_hold() -> None:
    event = redact(None, "info", {"event": "x", "text": "Jane Doe, Python", "resume_text": "a",
                                  "authorization": "Bearer k", "content": b"bytes"})
    assert event["text"] == event["resume_text"] == event["authorization"] == REDACTED
    assert event["content"] == REDACTED


def test_emails_and_phones_are_masked_in_free_text() -> None:
    detail = "mail jane.doe@example.org or +1 (555) 010-2233"
    event = redact(None, "info", {"event": "x", "detail": detail})
    assert "jane.doe" not in event["detail"] and "555" not in event["detail"]
    assert event["detail"].count(REDACTED) == 2


def test_ids_and_timestamps_survive() -> None:
    uuid = "550e8400-e29b-41d4-a716-446655440000"
    event = redact(None, "info", {"event": "x", "timestamp": "2026-11-25T21:43:12.123456Z",
                                  "run_id": "12345678901", "note": f"run {uuid}"})
    assert event["timestamp"] == "2026-11-25T21:43:12.123456Z"
    assert event["run_id"] == "12345678901"
    assert event["note"] == f"run {uuid}"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging binds the (captured) stdout: undo it so later tests log normally."""
    handlers = logging.getLogger().handlers[:]
    yield
    structlog.reset_defaults()
    logging.getLogger().handlers[:] = handlers


@pytest.mark.usefixtures("restore_logging")
def test_configured_logger_writes_json_without_locals(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("unit", "INFO")
    secret_local = "Quillon Vexmarra"  # noqa: F841 - a local that must not reach the log
    try:
        raise ValueError("boom")
    except ValueError:
        get_logger("unit").exception("failed", run_id="r1", email="q@example.org")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["event"] == "failed" and record["run_id"] == "r1"
    assert record["email"] == REDACTED
    assert "Quillon" not in line and "ValueError" in line


def test_nested_structures_are_redacted_too() -> None:
    exc_value = "params ('jane@example.org', '+1 555 010 2233')"
    exception = [{"exc_type": "DataError", "exc_value": exc_value,
                  "frames": [{"filename": "x.py", "lineno": 3}]}]
    event = redact(None, "error", {"event": "rpc.crashed", "exception": exception})
    rendered = str(event["exception"])
    assert "jane@example.org" not in rendered and "555 010" not in rendered
    assert "DataError" in rendered and "x.py" in rendered
