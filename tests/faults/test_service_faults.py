"""Service and infrastructure faults under a stream of requests: storage killed, links cut,
gateway drained with SIGTERM, RabbitMQ stopped, Postgres restarted.

The last two stop shared infrastructure: `FAULTS_SKIP_INFRA=1` skips them, and they restore
what they stopped in `finally` whatever happens."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
import subprocess

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from resumeai.v1 import common_pb2, resume_builder_pb2
from tests.faults.conftest import SKIP_INFRA, Owner, report
from tests.faults.load import Db, Tally, request_ids, stream, verify_runs
from tests.faults.stack import FaultStack

pytestmark = [pytest.mark.slow, pytest.mark.e2e, pytest.mark.timeout(300)]

infra = pytest.mark.skipif(SKIP_INFRA, reason="FAULTS_SKIP_INFRA=1: leaves shared infra alone")


def assert_clean(outcome, tally: Tally) -> None:  # type: ignore[no-untyped-def]
    assert not tally.errors, tally.errors[:5]
    assert outcome.lost == 0 and outcome.duplicates == 0
    assert outcome.failed == 0
    # Accepted runs, plus any the client saw refused that storage had committed anyway
    # (the outbox still publishes them), all completed.
    assert outcome.completed >= outcome.accepted


async def test_storage_killed_and_restarted(faults: FaultStack, owner: Owner, db: Db) -> None:
    tally, rid = Tally("storage-sigkill-restart"), request_ids("sk")
    load = asyncio.create_task(stream(30, 0.2, lambda i: owner.client.start_run(tally, rid(i))))
    await asyncio.sleep(1.5)
    [storage] = faults.live("storage")
    await faults.kill(storage, signal.SIGKILL)
    await asyncio.sleep(3)
    faults.restart(storage)
    await faults.ensure_core()
    await load
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    report(outcome)
    assert tally.refused, "the outage was never seen by a client"
    assert_clean(outcome, tally)


async def test_links_cut_and_slowed_by_proxy(faults: FaultStack, owner: Owner, db: Db) -> None:
    """Every connection to storage and to RabbitMQ is reset several times and slowed for a
    while: gRPC channels and robust AMQP connections reconnect, nothing is lost."""
    tally, rid = Tally("links-cut-and-slowed"), request_ids("cut")
    coalesced_before = faults.events("tailor_runs.created", "asked", "storage").total()
    load = asyncio.create_task(stream(40, 0.15, lambda i: owner.client.start_run(tally, rid(i))))
    cut = 0
    for step in range(6):
        await asyncio.sleep(0.8)
        proxy = faults.storage_proxy if step % 2 == 0 else faults.amqp_proxy
        cut += await asyncio.to_thread(proxy.cut)
        if step == 2:
            faults.storage_proxy.set_delay(0.02)
            faults.amqp_proxy.set_delay(0.02)
    faults.storage_proxy.set_delay(0)
    faults.amqp_proxy.set_delay(0)
    await load
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    # The storage logs hold every case's calls: count this case's own.
    coalesced = faults.events("tailor_runs.created", "asked", "storage").total() - coalesced_before
    outcome.extra = f"connections_cut={cut} coalesced_calls={coalesced}"
    report(outcome)
    assert cut >= 6
    assert coalesced > 0, "no start went the coalesced way (CreateTailorRuns)"
    assert_clean(outcome, tally)


async def test_gateway_sigterm_drains_in_flight(
    faults: FaultStack, owner: Owner, db: Db
) -> None:
    await faults.set_workers("tailor_worker", 2, {"RESUMEAI_FAULT_JOB_DELAY_S": "1.5"})
    tally, rid = Tally("gateway-sigterm-drain"), request_ids("gw")
    run_ids = [await owner.client.start_run(tally, rid(i)) for i in range(6)]
    assert all(run_ids)

    async def watch(run_id: str) -> int:
        last = 0
        async for update in owner.client.stub.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run_id),
            metadata=owner.client.metadata, timeout=60,
        ):
            last = update.status
        return last

    watches = [asyncio.create_task(watch(r)) for r in run_ids if r]
    loop = asyncio.get_running_loop()
    health_channel = grpc.aio.insecure_channel(faults.stack.gateway_target)
    health = health_pb2_grpc.HealthStub(health_channel)
    await asyncio.sleep(0.5)  # the watches are open and polling

    [gateway] = faults.live("gateway")
    proc = faults.stack.procs[gateway]
    faults.stack.stopped.add(gateway)
    signalled = loop.time()
    proc.send_signal(signal.SIGTERM)
    # Health must say NOT_SERVING while the port is still open (a balancer's cue), before
    # new calls are refused.
    not_serving_after = -1.0
    for _ in range(100):
        try:
            reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.aio.AioRpcError:
            break  # refusing already: too late to have told anyone
        if reply.status == health_pb2.HealthCheckResponse.NOT_SERVING:
            not_serving_after = loop.time() - signalled
            break
        await asyncio.sleep(0.02)
    await health_channel.close()
    # Requests arriving during the drain: accepted (and later completed) or refused.
    await stream(10, 0.1, lambda i: owner.client.start_run(tally, rid(100 + i)))
    finals = await asyncio.gather(*watches, return_exceptions=True)
    exit_code = await asyncio.to_thread(proc.wait, 30)
    exited_after = loop.time() - signalled

    faults.restart(gateway)
    await faults.ensure_core()
    await faults.set_workers("tailor_worker", 1)
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id)
    outcome.extra = (
        f"watches_completed={sum(f == common_pb2.RUN_STATUS_SUCCEEDED for f in finals)}/"
        f"{len(finals)} not_serving_after={not_serving_after:.2f}s exited_after="
        f"{exited_after:.1f}s exit={exit_code}"
    )
    report(outcome)
    # In-flight streams ran to the end on the draining gateway instead of being cut.
    assert all(f == common_pb2.RUN_STATUS_SUCCEEDED for f in finals), finals
    assert 0 <= not_serving_after < exited_after and exit_code == 0
    assert_clean(outcome, tally)


# --- shared infrastructure (opt-in) ------------------------------------------------------


def _run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)


def _rabbitmqctl() -> str:
    return shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"


@infra
async def test_rabbitmq_stopped_and_started(faults: FaultStack, owner: Owner, db: Db) -> None:
    """Requests during the outage are accepted (outbox) or refused, never accepted and lost."""
    tally, rid = Tally("rabbitmq-stop-start"), request_ids("mq")
    ctl = _rabbitmqctl()
    load = asyncio.create_task(stream(40, 0.2, lambda i: owner.client.start_run(tally, rid(i))))
    try:
        await asyncio.sleep(1.5)
        await asyncio.to_thread(_run, ctl, "stop_app")
        await asyncio.sleep(5)
    finally:
        await asyncio.to_thread(_run, ctl, "start_app")
        await asyncio.to_thread(_run, ctl, "await_startup")
    await load
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id, timeout_s=180)
    report(outcome)
    assert_clean(outcome, tally)


def _pg_cluster() -> tuple[str, str]:
    """(version, name) of the local cluster on port 5432."""
    for line in _run("pg_lsclusters", "--no-header").stdout.splitlines():
        version, name, port, *_ = line.split()
        if port == "5432":
            return version, name
    raise RuntimeError("no Postgres cluster on port 5432")


@infra
async def test_postgres_restarted_under_load(faults: FaultStack, owner: Owner, db: Db) -> None:
    tally, rid = Tally("postgres-restart"), request_ids("pg")
    version, name = _pg_cluster()
    load = asyncio.create_task(stream(40, 0.2, lambda i: owner.client.start_run(tally, rid(i))))
    try:
        await asyncio.sleep(2)
        await asyncio.to_thread(
            _run, "pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"
        )
    finally:
        # Whatever happened, leave the cluster running.
        if _run("pg_ctlcluster", version, name, "status", check=False).returncode != 0:
            with contextlib.suppress(subprocess.CalledProcessError):
                await asyncio.to_thread(
                    _run, "pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"
                )
    await load
    outcome = await verify_runs(tally.case, tally, db, faults, owner.id, timeout_s=180)
    report(outcome)
    assert_clean(outcome, tally)

