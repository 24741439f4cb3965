"""Attacks on a live stack, each with bounded traffic on loopback. Each prints what an
authenticated bystander saw during it beside a quiet period just before, and the gateway's
peak memory. Targets (issue 11): no RESOURCE_EXHAUSTED for the bystander and its p99 under 5x
the quiet p99 during every no-key attack; gateway peak memory under 512 MiB; quotas exact."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid

import grpc
import pytest

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.attack.conftest import RUNS_PER_HOUR
from tests.attack.measure import (
    Seen,
    cpu_seconds,
    note,
    peak_memory_mib,
    record,
    watch_as_bystander,
)
from tests.e2e.harness import Stack, new_api_key

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

QUIET_S = 5.0
ATTACK_S = 10.0
RAMP_S = 1.5  # the attack's own start-up before the bystander measures
MEMORY_LIMIT_MIB = 512


class Bystander:
    def __init__(self, stack: Stack, key: str, resume_id: str) -> None:
        self.stack, self.key, self.resume_id = stack, key, resume_id

    async def look(self, seconds: float) -> Seen:
        return await watch_as_bystander(
            self.stack.gateway_target, self.key, self.resume_id, seconds
        )


@pytest.fixture(scope="module")
async def bystander(stack: Stack, database_url: str) -> Bystander:
    key = await new_api_key(database_url, "attack-bystander")
    async with grpc.aio.insecure_channel(stack.gateway_target) as channel:
        resume = await resume_builder_pb2_grpc.ResumeBuilderStub(channel).CreateResume(
            resume_builder_pb2.CreateResumeRequest(
                display_name="bystander",
                text="Jane Doe\nExperience\nEngineer, Acme, 2019-2024\n- Built Python services\n",
            ),
            metadata=(("authorization", f"Bearer {key}"),),
        )
    return Bystander(stack, key, resume.id)


async def _under_attack(
    stack: Stack, bystander: Bystander, kind: str, *args: str
) -> tuple[Seen, Seen, dict[str, int]]:
    quiet = await bystander.look(QUIET_S)
    gateway, storage = stack.procs["gateway"].pid, stack.procs["storage"].pid
    cpu_before = cpu_seconds(gateway), cpu_seconds(storage)
    attacker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.attack.attacker",
        kind,
        stack.gateway_target,
        str(ATTACK_S),
        *args,
        stdout=subprocess.PIPE,
    )
    await asyncio.sleep(RAMP_S)
    during = await bystander.look(ATTACK_S - RAMP_S - 0.5)
    out, _ = await asyncio.wait_for(attacker.communicate(), ATTACK_S + 60)
    assert attacker.returncode == 0
    got = json.loads(out.decode().strip().splitlines()[-1])
    got["gateway cpu s"] = round(cpu_seconds(gateway) - cpu_before[0], 1)
    got["storage cpu s"] = round(cpu_seconds(storage) - cpu_before[1], 1)
    return quiet, during, got


def _gateway_peak(stack: Stack) -> float:
    return peak_memory_mib(stack.procs["gateway"].pid)


def _assert_held(quiet: Seen, during: Seen, stack: Stack, *, keyless: bool = True) -> None:
    """The bystander was served throughout; during an attack without a key, at under 5x its
    quiet p99 too (a tenant past its share is refused, but each refusal costs the gateway a
    little: its p99 is printed, not held to 5x)."""
    assert during.codes["RESOURCE_EXHAUSTED"] == 0, during.codes
    assert during.errors == 0, during.codes
    if keyless:
        assert during.percentile(99) < 5 * quiet.percentile(99)
    assert _gateway_peak(stack) < MEMORY_LIMIT_MIB


async def test_streams_without_a_key_that_never_send_a_body(
    stack: Stack, bystander: Bystander
) -> None:
    quiet, during, got = await _under_attack(stack, bystander, "silent-streams")
    record("1,000 silent streams, no key", quiet, during, _gateway_peak(stack), f"attacker {got}")
    assert "OK" not in got and "held to the end" not in got
    _assert_held(quiet, during, stack)


async def test_large_bodies_without_a_key(stack: Stack, bystander: Bystander) -> None:
    quiet, during, got = await _under_attack(stack, bystander, "big-bodies")
    record("100 x 7.4 MB bodies, no key", quiet, during, _gateway_peak(stack), f"attacker {got}")
    assert "OK" not in got
    _assert_held(quiet, during, stack)


async def test_a_flood_of_made_up_keys(stack: Stack, bystander: Bystander) -> None:
    quiet, during, got = await _under_attack(stack, bystander, "made-up-keys")
    record("200 callers, made-up keys", quiet, during, _gateway_peak(stack), f"attacker {got}")
    assert "OK" not in got
    _assert_held(quiet, during, stack)


async def test_one_tenants_silent_streams_stay_within_its_share(
    stack: Stack, bystander: Bystander, database_url: str
) -> None:
    key = await new_api_key(database_url, f"attack-tenant-{uuid.uuid4().hex[:8]}")
    quiet, during, got = await _under_attack(stack, bystander, "silent-streams", key)
    record("1,000 silent streams, own key", quiet, during, _gateway_peak(stack), f"attacker {got}")
    assert got.get("RESOURCE_EXHAUSTED", 0) > 0  # past its share, refused at once
    _assert_held(quiet, during, stack, keyless=False)


async def test_one_tenants_thousand_watches(
    stack: Stack, bystander: Bystander, database_url: str
) -> None:
    key = await new_api_key(database_url, f"attack-watcher-{uuid.uuid4().hex[:8]}")
    async with grpc.aio.insecure_channel(stack.gateway_target) as channel:
        run = await resume_builder_pb2_grpc.ResumeBuilderStub(channel).StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                resume_text="Jane Doe\nExperience\nEngineer, Acme, 2019-2024\n- Built APIs\n",
                job_text="Backend engineer with Python",
                options=common_pb2.TailorOptions(provider="offline"),
            ),
            metadata=(("authorization", f"Bearer {key}"),),
        )
    quiet, during, got = await _under_attack(stack, bystander, "watch-flood", key, run.id)
    record(
        "1,000 watches of one run, own key", quiet, during, _gateway_peak(stack), f"attacker {got}"
    )
    _assert_held(quiet, during, stack)


@pytest.mark.parametrize("stored", [False, True], ids=["inline", "stored"])
async def test_quota_is_exact_under_200_concurrent_starts(
    stack: Stack, database_url: str, stored: bool
) -> None:
    """Inline documents are created one call each; starts that name stored documents are
    coalesced by the gateway (CreateTailorRuns), and the quota holds inside each batch."""
    key = await new_api_key(database_url, f"attack-quota-{uuid.uuid4().hex[:8]}")
    metadata = (("authorization", f"Bearer {key}"),)
    # Four connections of 50 calls: past a connection's stream limit a call may be refused
    # (UNAVAILABLE, retryable) rather than queued.
    channels = [
        grpc.aio.insecure_channel(
            stack.gateway_target, options=[("grpc.use_local_subchannel_pool", 1)]
        )
        for _ in range(4)
    ]
    clients = [resume_builder_pb2_grpc.ResumeBuilderStub(c) for c in channels]
    try:
        client = clients[0]
        resume_text = "Jane Doe\nExperience\nEngineer, Acme, 2019-2024\n- Built\n"
        job_text = "Backend engineer with Python"
        documents: dict[str, str] = {"resume_text": resume_text, "job_text": job_text}
        if stored:
            resume = await client.CreateResume(
                resume_builder_pb2.CreateResumeRequest(display_name="cv", text=resume_text),
                metadata=metadata,
            )
            posting = await client.CreateJobPosting(
                resume_builder_pb2.CreateJobPostingRequest(title="job", text=job_text),
                metadata=metadata,
            )
            documents = {"resume_id": resume.id, "job_posting_id": posting.id}

        async def start(n: int) -> str:
            try:
                await clients[n % 4].StartTailoring(
                    resume_builder_pb2.StartTailoringRequest(
                        request_id=f"quota-{n}-{uuid.uuid4().hex}",
                        options=common_pb2.TailorOptions(provider="offline"),
                        **documents,  # type: ignore[arg-type]
                    ),
                    metadata=metadata,
                )
                return "OK"
            except grpc.aio.AioRpcError as exc:
                return f"{exc.code().name}: {exc.details()}"

        codes = await asyncio.gather(*(start(n) for n in range(200)))
        listed = await client.ListTailorRuns(
            resume_builder_pb2.ListTailorRunsRequest(page_size=100), metadata=metadata
        )
    finally:
        for channel in channels:
            await channel.close()
    case = f"200 concurrent starts, quota {RUNS_PER_HOUR}" + (" (stored)" if stored else "")
    note(
        f"{case:<34} created {len(listed.runs)}  codes { {c: codes.count(c) for c in set(codes)} }"
    )
    assert codes.count("OK") == RUNS_PER_HOUR
    assert len(listed.runs) == RUNS_PER_HOUR
    assert {c.partition(":")[0] for c in codes} == {"OK", "RESOURCE_EXHAUSTED"}
