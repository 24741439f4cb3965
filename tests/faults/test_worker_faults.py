"""Worker faults: SIGKILL mid-job under a stream, a poison job, transient and permanent
failures. Each case prints `FAULT <case>: accepted=… completed=… duplicates=0 lost=0`."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import signal
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import aio_pika
import pytest

from kit.broker import TAILOR_QUEUE
from kit.jobflow import InjectedFault, gave_up_reason
from resumeai.v1 import common_pb2
from tests.faults.conftest import DELIVERY_LIMIT, Owner, report
from tests.faults.load import (
    FAILED,
    SUCCEEDED,
    Db,
    Tally,
    request_ids,
    stream,
    verify_artifacts,
    verify_runs,
)
from tests.faults.stack import FaultStack
from tests.integration.openai.fake_server import FakeOpenAI, Step, answer, serve

pytestmark = [pytest.mark.slow, pytest.mark.e2e, pytest.mark.timeout(300)]

SLOW_JOB = {"RESUMEAI_FAULT_JOB_DELAY_S": "1.0"}


async def kill_loop(
    faults: FaultStack, role: str, every_s: float, stop: asyncio.Event, env: dict[str, str]
) -> int:
    """SIGKILLs a random live worker of `role` every `every_s` and starts a replacement
    (same fault settings), until `stop`; returns how many it killed."""
    kills = 0
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), every_s)
            break
        except TimeoutError:
            pass
        live = faults.live(role)
        if live:
            await faults.kill(random.choice(live), signal.SIGKILL)
            kills += 1
        faults.start_worker(role, env)
    return kills


async def taken_over(db: Db, table: str, owner_id: str) -> int:
    rows = await db.fetch(
        f"SELECT count(*) AS n FROM {table} WHERE owner_id = $1 AND attempts > 1",
        uuid.UUID(owner_id),
    )
    return int(rows[0]["n"])


async def test_tailor_workers_sigkilled_mid_job(faults: FaultStack, owner: Owner, db: Db) -> None:
    await faults.set_workers("tailor_worker", 2, SLOW_JOB)
    tally, rid = Tally("tailor-worker-sigkill"), request_ids("tk")
    stop = asyncio.Event()
    killer = asyncio.create_task(kill_loop(faults, "tailor_worker", 1.5, stop, SLOW_JOB))
    await stream(30, 0.2, lambda i: owner.client.start_run(tally, rid(i)))
    await asyncio.sleep(3)  # keep killing while the backlog drains
    stop.set()
    kills = await killer
    # Plain workers finish what is left quickly.
    await faults.set_workers("tailor_worker", 2)
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    over = await taken_over(db, "tailor_runs", owner.id)
    outcome.extra = f"kills={kills} runs_taken_over={over}"
    report(outcome)
    assert not tally.errors
    assert kills >= 4 and over >= 1, "the kills never caught a run mid-job"
    assert outcome.lost == 0 and outcome.duplicates == 0
    assert outcome.completed == outcome.accepted == 30 and outcome.failed == 0


async def test_export_workers_sigkilled_mid_job(faults: FaultStack, owner: Owner, db: Db) -> None:
    runs, rid = Tally("export-setup"), request_ids("ek-run")
    await stream(12, 0.05, lambda i: owner.client.start_run(runs, rid(i)))
    assert await db.wait_terminal("tailor_runs", owner.id, 60) == 0
    await faults.set_workers("export_worker", 2, SLOW_JOB)
    tally, eid = Tally("export-worker-sigkill"), request_ids("ek")
    formats = (common_pb2.EXPORT_FORMAT_PDF, common_pb2.EXPORT_FORMAT_DOCX)
    pairs = [(run_id, fmt) for run_id in runs.accepted.values() for fmt in formats]
    stop = asyncio.Event()
    killer = asyncio.create_task(kill_loop(faults, "export_worker", 1.5, stop, SLOW_JOB))
    await stream(
        len(pairs), 0.2, lambda i: owner.client.start_export(tally, eid(i), *pairs[i])
    )
    await asyncio.sleep(3)
    stop.set()
    kills = await killer
    await faults.set_workers("export_worker", 2)
    outcome = await verify_artifacts(tally.case, tally, db, faults, owner.id)
    over = await taken_over(db, "artifacts", owner.id)
    outcome.extra = f"kills={kills} artifacts_taken_over={over}"
    report(outcome)
    assert not tally.errors and not runs.errors
    assert kills >= 4 and over >= 1, "the kills never caught an export mid-job"
    assert outcome.lost == 0 and outcome.duplicates == 0
    assert outcome.completed == outcome.accepted == len(pairs) and outcome.failed == 0


async def dead_letters(amqp_url: str, queue: str) -> int:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return int(declared.declaration_result.message_count or 0)
    finally:
        await connection.close()


async def test_poison_job_is_dead_lettered_and_its_run_failed(
    faults: FaultStack, owner: Owner, db: Db, amqp_url: str
) -> None:
    dead_before = await dead_letters(amqp_url, f"{TAILOR_QUEUE}.dead")
    # Every delivery of every job fails after the claim: a poison job.
    await faults.set_workers("tailor_worker", 1, {"RESUMEAI_FAULT_FAIL_DELIVERIES": "1000"})
    tally, rid = Tally("poison-message"), request_ids("poison")
    loop = asyncio.get_running_loop()
    started = loop.time()
    run_id = await owner.client.start_run(tally, rid(0))
    assert run_id is not None
    assert await db.wait_terminal("tailor_runs", owner.id, 60) == 0
    elapsed = loop.time() - started
    # The nack that dead-letters it follows the FAILED mark; give the broker a moment.
    for _ in range(20):
        dead = await dead_letters(amqp_url, f"{TAILOR_QUEUE}.dead") - dead_before
        if dead:
            break
        await asyncio.sleep(0.25)
    [row] = await db.fetch(
        "SELECT status, error, attempts FROM tailor_runs WHERE id = $1", uuid.UUID(run_id)
    )
    # No hot loop: no delivery after the dead-lettering, and the requeues were spaced out.
    await asyncio.sleep(3)
    [later] = await db.fetch("SELECT attempts FROM tailor_runs WHERE id = $1", uuid.UUID(run_id))
    outcome = await verify_runs(
        tally.case, tally, db, faults, owner.id,
        extra=f"attempts={row['attempts']} dead_lettered={dead} took={elapsed:.1f}s "
        f"reason={row['error']!r}",
    )
    report(outcome)
    assert row["status"] == FAILED
    assert row["error"] == gave_up_reason(DELIVERY_LIMIT + 1, InjectedFault())
    assert row["attempts"] == DELIVERY_LIMIT + 1 == later["attempts"]
    assert dead == 1
    # Requeue pauses are 0.25 s, 0.5 s, 1 s, 2 s (x0.8..1 jitter) before the last delivery.
    assert elapsed >= 0.8 * sum(0.25 * 2**n for n in range(DELIVERY_LIMIT))
    assert outcome.lost == 0 and outcome.duplicates == 0


async def test_transient_failure_is_retried_with_backoff(
    faults: FaultStack, owner: Owner, db: Db
) -> None:
    # The engine's ProviderUnavailable is deliberately not an EngineError, so the worker
    # treats it like this injected fault: requeue with backoff, not FAILED.
    from tailor_worker.engine.errors import EngineError
    from tailor_worker.providers.errors import ProviderUnavailable

    assert not issubclass(ProviderUnavailable, EngineError)
    await faults.set_workers("tailor_worker", 1, {"RESUMEAI_FAULT_FAIL_DELIVERIES": "2"})
    tally, rid = Tally("transient-failure-retried"), request_ids("transient")
    await stream(6, 0.1, lambda i: owner.client.start_run(tally, rid(i)))
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    rows = await db.fetch(
        "SELECT attempts, extract(epoch FROM finished_at - created_at) AS took "
        "FROM tailor_runs WHERE owner_id = $1",
        uuid.UUID(owner.id),
    )
    outcome.extra = f"attempts={sorted({r['attempts'] for r in rows})}"
    report(outcome)
    assert outcome.completed == outcome.accepted == 6
    assert outcome.lost == 0 and outcome.duplicates == 0
    assert all(r["attempts"] == 3 for r in rows)
    assert all(float(r["took"]) >= 0.8 * (0.25 + 0.5) for r in rows)


async def test_unconfigured_provider_fails_the_run_with_its_reason(
    faults: FaultStack, owner: Owner, db: Db
) -> None:
    # A provider this deployment cannot use is a permanent error: one attempt, FAILED, and a
    # reason the caller can read (the baseline workers have no OpenAI key).
    tally, rid = Tally("provider-not-configured"), request_ids("permanent")
    run_id = await owner.client.start_run(
        tally, rid(0), common_pb2.TailorOptions(provider="openai")
    )
    assert run_id is not None
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    [row] = await db.fetch(
        "SELECT status, error, attempts FROM tailor_runs WHERE id = $1", uuid.UUID(run_id)
    )
    outcome.extra = f"attempts={row['attempts']} reason={row['error']!r}"
    report(outcome)
    assert row["status"] == FAILED and row["attempts"] == 1
    assert "provider" in row["error"]
    assert outcome.lost == 0 and outcome.duplicates == 0
    assert outcome.completed == 0 and outcome.failed == 1


# --- the real openai provider against the local fake OpenAI-compatible server ------------


def _cite_evidence(body: dict[str, Any]) -> Step:
    """A valid structured answer: the first evidence lines verbatim, each citing itself (the
    guard keeps them: nothing is claimed that the evidence lacks)."""
    content = body["messages"][-1]["content"]
    data = json.loads(content.partition("<<<DATA\n")[2].partition("\nDATA>>>")[0])
    work = [e for e in data["evidence"] if e["id"].startswith("W")][:6]
    return answer(*((e["text"], [e["id"]]) for e in work))


@pytest.fixture(scope="module")
def fake_llm() -> Iterator[FakeOpenAI]:
    with serve() as fake:
        yield fake


def _llm_env(fake: FakeOpenAI) -> dict[str, str]:
    return {
        "RESUMEAI_OPENAI_BASE_URL": fake.url,
        "RESUMEAI_OPENAI_API_KEY": "sk-faults-test",
        # Two quick attempts per provider call, then the message is requeued.
        "RESUMEAI_OPENAI_MAX_ATTEMPTS": "2",
        "RESUMEAI_OPENAI_BACKOFF_S": "0.1",
    }


def _failing_first(n: int, status: int) -> Callable[[dict[str, Any]], Step]:
    calls = itertools.count()
    return lambda body: (
        Step(status=status, content="overloaded") if next(calls) < n else _cite_evidence(body)
    )


OPENAI = common_pb2.TailorOptions(provider="openai")


async def test_provider_transient_outage_is_retried_with_backoff(
    faults: FaultStack, owner: Owner, db: Db, fake_llm: FakeOpenAI
) -> None:
    # 5 x 503: two provider attempts on each of the first two deliveries, then one more 503
    # and a good answer on the third delivery.
    fake_llm.reset(responder=_failing_first(5, 503))
    await faults.set_workers("tailor_worker", 1, _llm_env(fake_llm))
    tally, rid = Tally("provider-transient-retried"), request_ids("llm-transient")
    run_id = await owner.client.start_run(tally, rid(0), OPENAI)
    assert run_id is not None
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    [row] = await db.fetch(
        "SELECT status, error, attempts, provider FROM tailor_runs WHERE id = $1",
        uuid.UUID(run_id),
    )
    outcome.extra = f"provider_calls={len(fake_llm.requests)} deliveries={row['attempts']}"
    report(outcome)
    assert row["status"] == SUCCEEDED, row["error"]
    assert row["provider"] == "openai"
    assert len(fake_llm.requests) == 6 and row["attempts"] == 3
    assert outcome.lost == 0 and outcome.duplicates == 0


async def test_provider_down_for_good_ends_failed_after_the_delivery_limit(
    faults: FaultStack, owner: Owner, db: Db, fake_llm: FakeOpenAI
) -> None:
    fake_llm.reset(responder=_failing_first(10_000, 503))
    await faults.set_workers("tailor_worker", 1, _llm_env(fake_llm))
    tally, rid = Tally("provider-unavailable-gave-up"), request_ids("llm-down")
    run_id = await owner.client.start_run(tally, rid(0), OPENAI)
    assert run_id is not None
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    [row] = await db.fetch(
        "SELECT status, error, attempts FROM tailor_runs WHERE id = $1", uuid.UUID(run_id)
    )
    outcome.extra = f"provider_calls={len(fake_llm.requests)} reason={row['error']!r}"
    report(outcome)
    assert row["status"] == FAILED
    assert row["error"] == f"gave up after {DELIVERY_LIMIT + 1} attempts; last error: " \
        "ProviderUnavailable"
    assert len(fake_llm.requests) == 2 * (DELIVERY_LIMIT + 1)
    assert outcome.lost == 0 and outcome.duplicates == 0


async def test_provider_refusal_is_permanent(
    faults: FaultStack, owner: Owner, db: Db, fake_llm: FakeOpenAI
) -> None:
    fake_llm.reset(responder=lambda body: Step(status=400, content="bad request"))
    await faults.set_workers("tailor_worker", 1, _llm_env(fake_llm))
    tally, rid = Tally("provider-permanent-error"), request_ids("llm-400")
    run_id = await owner.client.start_run(tally, rid(0), OPENAI)
    assert run_id is not None
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    [row] = await db.fetch(
        "SELECT status, error, attempts FROM tailor_runs WHERE id = $1", uuid.UUID(run_id)
    )
    outcome.extra = f"provider_calls={len(fake_llm.requests)} reason={row['error']!r}"
    report(outcome)
    assert row["status"] == FAILED and row["attempts"] == 1
    assert row["error"] and "gave up" not in row["error"]
    assert len(fake_llm.requests) == 1  # a 4xx is not retried
    assert outcome.lost == 0 and outcome.duplicates == 0
