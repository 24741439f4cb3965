"""A tailor worker SIGKILLed mid-run: a new worker finishes the run, once, with one result."""

from __future__ import annotations

import signal
import uuid
from pathlib import Path

import pytest

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.conftest import free_port
from tests.e2e.conftest import auth, wait_for
from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def test_sigkill_mid_run_then_new_worker_finishes_once(
    stack: Stack, client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    # Only a slow worker (fault-injection delay inside compute) may take the next run.
    stack.kill("tailor_worker", signal.SIGTERM)
    slow = stack.start(
        "tailor_worker", health_port=free_port(),
        extra_env={"RESUMEAI_FAULT_JOB_DELAY_S": "30"},
    )
    stack.wait_healthy(f"127.0.0.1:{stack.health_ports[slow]}")
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"crash-{uuid.uuid4()}",
            # Unique input: an earlier identical run would be reused without computing.
            resume_text=(EXAMPLES / "resume.txt").read_text() + f"\nRef {uuid.uuid4()}\n",
            job_text=(EXAMPLES / "job.txt").read_text(),
        ),
        metadata=auth(api_key),
    )

    async def running():  # type: ignore[no-untyped-def]
        current = await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
        )
        return current.status == common_pb2.RUN_STATUS_RUNNING

    await wait_for(running, timeout_s=30)
    stack.kill(slow, signal.SIGKILL)

    fresh = stack.start("tailor_worker", health_port=free_port())
    stack.wait_healthy(f"127.0.0.1:{stack.health_ports[fresh]}")

    async def finished():  # type: ignore[no-untyped-def]
        current = await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
        )
        return current if current.status in (
            common_pb2.RUN_STATUS_SUCCEEDED, common_pb2.RUN_STATUS_FAILED
        ) else None

    final = await wait_for(finished, timeout_s=60)
    assert final.status == common_pb2.RUN_STATUS_SUCCEEDED, final.error
    assert final.attempts == 2  # claimed by the killed worker, then taken over once
    assert 6 <= len(final.result.bullets) <= 12
    completions = [
        line for name in stack.procs if name.startswith("tailor_worker")
        for line in stack.log(name).splitlines()
        if '"run.succeeded"' in line and run.id in line
    ]
    assert len(completions) == 1
    assert run.id not in stack.log(slow) or '"run.succeeded"' not in stack.log(slow)
