"""A caller's request id follows its work through every process: the gateway's call, storage's
calls, the job message (as a header written with the outbox row) and the worker's log lines
for the run and for its export."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from resumeai.v1 import common_pb2, resume_builder_pb2_grpc
from tests.e2e.conftest import fresh_succeeded_run, wait_for
from tests.e2e.harness import Stack
from tests.e2e.test_flow import export

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def events_with(stack: Stack, process: str, request_id: str) -> list[dict[str, object]]:
    found = []
    for line in stack.log(process).splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("request_id") == request_id:
            found.append(record)
    return found


async def test_the_callers_request_id_reaches_the_workers_log(
    stack: Stack, client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    request_id = f"e2e-{uuid.uuid4().hex}"
    run_id = await fresh_succeeded_run(client, api_key, ("x-request-id", request_id))

    async def worker_logged() -> bool:
        events = {str(e["event"]) for e in events_with(stack, "tailor_worker", request_id)}
        return "run.succeeded" in events

    assert await wait_for(worker_logged, timeout_s=10)
    assert any(e.get("run_id") == run_id for e in events_with(stack, "tailor_worker", request_id))
    storage_calls = {str(e.get("rpc")) for e in events_with(stack, "storage", request_id)}
    assert any(call.endswith("/CreateTailorRun") for call in storage_calls)
    # The worker's own storage calls carry it too.
    assert any(call.endswith("/CompleteWork") for call in storage_calls)

    # A later call's id (the export's) is that call's, not the run's.
    await export(client, api_key, run_id, common_pb2.EXPORT_FORMAT_PDF)
    assert not any(
        e["event"] == "artifact.succeeded" for e in events_with(stack, "export_worker", request_id)
    )
