"""Every process serves Prometheus metrics, and a tailoring and an export move them (scraped
over HTTP from the running stack)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from resumeai.v1 import common_pb2, resume_builder_pb2_grpc
from tests.e2e.conftest import fresh_succeeded_run
from tests.e2e.harness import Stack
from tests.e2e.test_flow import export

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(stack: Stack, process: str) -> Samples:
    port = stack.metrics_ports[process]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_a_tailoring_and_an_export_move_the_metrics(
    stack: Stack, client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    processes = ("gateway", "storage", "tailor_worker", "export_worker")
    before = {name: scrape(stack, name) for name in processes}

    run_id = await fresh_succeeded_run(client, api_key)
    pdf = await export(client, api_key, run_id, common_pb2.EXPORT_FORMAT_PDF)
    assert pdf.startswith(b"%PDF")

    after = {name: scrape(stack, name) for name in processes}

    def moved(process: str, name: str, **labels: str) -> float:
        return value(after[process], name, **labels) - value(before[process], name, **labels)

    public = {"grpc_service": "resumeai.v1.ResumeBuilder", "grpc_type": "unary"}
    started = {**public, "grpc_method": "StartTailoring"}
    assert moved("gateway", "grpc_server_handled_total", **started, grpc_code="OK") == 1
    assert moved("gateway", "grpc_server_handling_seconds_count", **started) == 1
    assert moved("gateway", "resumeai_runs_accepted_total") == 1
    assert moved("gateway", "resumeai_exports_accepted_total") == 1
    watched = {**public, "grpc_type": "server_stream", "grpc_method": "WatchTailorRun"}
    assert moved("gateway", "grpc_server_handled_total", **watched, grpc_code="OK") == 1

    internal = {"grpc_service": "resumeai.storage.v1.StorageService", "grpc_type": "unary"}
    for method in ("CreateTailorRun", "ClaimWork", "CompleteWork"):
        labels = {**internal, "grpc_method": method, "grpc_code": "OK"}
        assert moved("storage", "grpc_server_handled_total", **labels) >= 1, method

    # The backlog is read from the database at start and every few seconds.
    assert ("resumeai_outbox_pending", frozenset()) in after["storage"]
    backlog = frozenset({("kind", "tailor"), ("status", "queued")})
    assert ("resumeai_backlog_items", backlog) in after["storage"]

    tailor = "tailor_worker"
    assert moved(tailor, "resumeai_work_items_total", queue="tailor", outcome="succeeded") == 1
    assert moved(tailor, "resumeai_job_messages_total", queue="tailor", outcome="acked") >= 1
    assert moved(tailor, "resumeai_engine_seconds_count") == 1
    assert moved(tailor, "resumeai_engine_seconds_sum") > 0
    assert moved(tailor, "resumeai_provider_calls_total", provider="offline", outcome="ok") == 1
    # The depth watcher has read both queues at least once since the worker started.
    assert ("resumeai_queue_messages", frozenset({("queue", "tailor.dead")})) in after[tailor]

    exporter = "export_worker"
    assert moved(exporter, "resumeai_work_items_total", queue="export", outcome="succeeded") == 1
    assert moved(exporter, "resumeai_render_seconds_count", format="pdf") == 1


async def test_no_label_holds_an_id_or_document_text(stack: Stack) -> None:
    """Labels are names, codes and queues: bounded, and never personal data."""
    allowed = {
        "grpc_type",
        "grpc_service",
        "grpc_method",
        "grpc_code",
        "queue",
        "outcome",
        "provider",
        "kind",
        "status",
        "format",
        "le",
        "version",
        "implementation",
        "major",
        "minor",
        "patchlevel",
        "generation",  # the process and GC collectors
    }
    for process in ("gateway", "storage", "tailor_worker", "export_worker"):
        for _name, labels in scrape(stack, process):
            assert {key for key, _ in labels} <= allowed, (process, labels)
