"""Jobs the gateway leaves to its outbox relay are counted, and logged at most once a second
per reason with how many went that way (gateway/outbox.py)."""

from __future__ import annotations

import pytest
import structlog
from prometheus_client import REGISTRY

from gateway.outbox import InlinePublisher
from kit.broker import Publisher
from resumeai.storage.v1 import storage_pb2


def deferred(reason: str) -> float:
    labels = {"reason": reason}
    return REGISTRY.get_sample_value("resumeai_outbox_publishes_deferred_total", labels) or 0.0


def test_a_backlog_is_counted_per_job_and_logged_once_a_second() -> None:
    # No publish may be in flight: every job is left to the relay, and nothing is published
    # (the publisher never connects; storage is never called).
    publisher = Publisher("amqp://guest:guest@127.0.0.1:1/", 5)
    inline = InlinePublisher(publisher, None, 1.0, max_in_flight=0)  # type: ignore[arg-type]
    before = deferred("backlog")
    with structlog.testing.capture_logs() as logs:
        for n in range(5):
            inline.submit(storage_pb2.OutboxJob(id=f"job-{n}", routing_key="tailor"))
    assert deferred("backlog") == before + 5
    lines = [line for line in logs if line["event"] == "outbox.publish_deferred"]
    assert len(lines) == 1
    assert lines[0]["reason"] == "backlog" and lines[0]["jobs"] == 1
    assert lines[0]["job_id"] == "job-0"


def test_the_next_line_says_how_many_went_to_the_relay_since(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr("gateway.outbox.time.monotonic", lambda: clock[0])
    publisher = Publisher("amqp://guest:guest@127.0.0.1:1/", 5)
    inline = InlinePublisher(publisher, None, 1.0, max_in_flight=0)  # type: ignore[arg-type]
    with structlog.testing.capture_logs() as logs:
        for n in range(4):  # one line, then three within the second
            inline.submit(storage_pb2.OutboxJob(id=f"job-{n}", routing_key="tailor"))
        clock[0] += 1.5
        inline.submit(storage_pb2.OutboxJob(id="job-4", routing_key="tailor"))
    lines = [line for line in logs if line["event"] == "outbox.publish_deferred"]
    assert [(line["jobs"], line["job_id"]) for line in lines] == [(1, "job-0"), (4, "job-4")]
