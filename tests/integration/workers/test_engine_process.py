"""The engine's steps in the worker's child process: the same result as in threads, the
job's CPU budget counted across the processes and enforced in the child, and a child that
dies fails only the step it ran (transiently), the next step starting a new child."""

from __future__ import annotations

import os
import signal
from datetime import date
from pathlib import Path

import pytest

from kit.budget import BudgetExceeded, CpuBudget
from kit.documents import extract_text
from resumeai.v1 import common_pb2
from tailor_worker.engine_process import EngineProcess, EngineProcessLost
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 11, 27)


def _inputs() -> tuple[list[str], str]:
    document = extract_text((EXAMPLES / "resume.txt").read_bytes(), common_pb2.DOCUMENT_FORMAT_TXT)
    return document.lines, (EXAMPLES / "job.txt").read_text()


@pytest.fixture
def engine() -> EngineProcess:
    process = EngineProcess()
    yield process  # type: ignore[misc]
    process.close()


async def test_a_run_in_the_child_equals_a_run_in_threads(engine: EngineProcess) -> None:
    lines, job = _inputs()
    budget = CpuBudget(60)
    there = await tailor(
        lines, job, provider=OfflineProvider(), today=TODAY, budget=budget, steps=engine
    )
    here = await tailor(lines, job, provider=OfflineProvider(), today=TODAY)
    there.metadata.latency_ms = here.metadata.latency_ms = 0
    assert there == here
    assert there.bullets
    assert budget.spent > 0  # the child's CPU time, counted here


def _spin() -> None:
    from kit.checkpoints import spend

    while True:
        spend()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def test_the_budget_is_enforced_in_the_child(engine: EngineProcess) -> None:
    with pytest.raises(BudgetExceeded) as stopped:
        await engine.run(CpuBudget(0.2, "this step"), _spin)
    assert "this step needs more than its budget of 0.2 s" in str(stopped.value)


async def test_a_dead_child_fails_its_step_and_the_next_step_gets_a_new_one(
    engine: EngineProcess,
) -> None:
    with pytest.raises(EngineProcessLost):
        await engine.run(CpuBudget(60), _die)
    assert await engine.run(CpuBudget(60), max, 2, 3) == 3


def test_the_child_leaves_when_the_worker_is_killed(tmp_path: Path) -> None:
    """A worker killed outright cannot shut its pool down: its child, busy with a step of a
    long budget, must not live on."""
    import subprocess
    import sys
    import time

    script = tmp_path / "worker.py"
    script.write_text(
        "import asyncio, os\n"
        "from kit.budget import CpuBudget\n"
        "from tailor_worker.engine_process import EngineProcess\n"
        "from tests.integration.workers.test_engine_process import _spin\n"
        "async def main():\n"
        "    engine = EngineProcess()\n"
        "    print(await engine.run(CpuBudget(60), os.getpid), flush=True)\n"
        "    await engine.run(CpuBudget(60), _spin)\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main())\n"
    )
    root = Path(__file__).resolve().parents[3]
    worker = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert worker.stdout is not None
        child = int(worker.stdout.readline())
        time.sleep(0.5)  # the child is spinning in a step now
        os.kill(child, 0)  # alive
        worker.kill()
        worker.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the engine's child outlived its worker")
    finally:
        worker.kill()


def test_a_child_whose_worker_died_before_it_started_leaves_at_once() -> None:
    """The worker's pid comes from the worker: a child that starts after its worker was
    killed must not take its new parent (the reaper) for the worker and wait forever."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    gone = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tailor_worker.engine_process import _exit_with\n"
            "import os; _exit_with(os.getppid() + 1_000_000)",
        ],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        timeout=30,
    )
    assert gone.returncode == 0
