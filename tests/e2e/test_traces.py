"""One trace joins every hop of a tailoring: the caller's context (W3C traceparent) through
the gateway, storage, the job message and the worker, with the run id on the spans (exported
over OTLP/HTTP by each process to the receiver the stack points at)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resumeai.v1 import resume_builder_pb2_grpc
from tests.e2e.conftest import fresh_succeeded_run, wait_for
from tests.e2e.harness import Stack
from tests.e2e.otlp_receiver import Receiver

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SERVER, CONSUMER = 2, 5  # OTLP span kinds


async def test_one_trace_joins_all_hops(
    stack: Stack,
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    api_key: str,
    otlp: Receiver,
) -> None:
    trace_id, caller_span = os.urandom(16).hex(), os.urandom(8).hex()
    traceparent = ("traceparent", f"00-{trace_id}-{caller_span}-01")
    run_id = await fresh_succeeded_run(client, api_key, traceparent)

    def named(spans, service: str, name: str):  # type: ignore[no-untyped-def]
        return [s for s in spans if s.service == service and s.name.endswith(name)]

    expected = [
        ("gateway", "/StartTailoring"),
        ("storage_service", "/CreateTailorRun"),
        ("tailor_worker", "tailor process"),
        ("storage_service", "/ClaimWork"),
        ("storage_service", "/CompleteWork"),
    ]

    async def complete() -> bool:
        # Each process exports in batches of its own: wait until every hop has arrived.
        spans = otlp.of_trace(trace_id)
        return all(named(spans, service, name) for service, name in expected)

    assert await wait_for(complete, timeout_s=30)
    spans = otlp.of_trace(trace_id)
    by_id = {span.span_id: span for span in spans}

    [start] = named(spans, "gateway", "/StartTailoring")
    assert start.kind == SERVER and start.parent_span_id == caller_span
    assert start.attributes["resumeai.run_id"] == run_id
    [create] = named(spans, "storage_service", "/CreateTailorRun")
    assert create.parent_span_id == start.span_id
    assert create.attributes["resumeai.run_id"] == run_id
    [process] = named(spans, "tailor_worker", "tailor process")
    assert process.kind == CONSUMER and process.parent_span_id == create.span_id
    assert process.attributes["resumeai.run_id"] == run_id
    for call in ("/ClaimWork", "/CompleteWork"):
        [span] = named(spans, "storage_service", call)
        assert by_id[span.parent_span_id] == process
    # Nothing of the run was traced elsewhere: every span has its parent in the trace
    # (or is the gateway's, whose parent is the caller's).
    assert all(s.parent_span_id in by_id or s is start for s in spans)
