from __future__ import annotations

from dataclasses import dataclass

import grpc
import pytest

from kit.jobflow import run_claimed_job
from kit.metrics import WORK_ITEMS
from resumeai.storage.v1 import storage_pb2


@dataclass
class FakeClaim:
    outcome: int
    lease_token: str = "lease-1"


class Permanent(Exception):
    pass


class LeaseLost(grpc.aio.AioRpcError):
    def __init__(self) -> None:
        super().__init__(
            grpc.StatusCode.FAILED_PRECONDITION,
            grpc.aio.Metadata(),
            grpc.aio.Metadata(),
            details="lease lost",
        )


async def _flow(outcome: int, compute, complete=None, key: str = "item-1"):  # type: ignore[no-untyped-def]
    calls: list[tuple[str, object]] = []

    async def claim() -> FakeClaim:
        return FakeClaim(outcome)

    async def default_complete(c: FakeClaim, value: object) -> None:
        calls.append(("complete", value))

    async def fail(c: FakeClaim, reason: str) -> None:
        calls.append(("fail", reason))

    value = await run_claimed_job(
        key=key,
        claim=claim,
        compute=compute,
        complete=complete or default_complete,
        fail=fail,
        permanent_errors=(Permanent,),
    )
    return value, calls


async def _ok(c: FakeClaim) -> str:
    return "result"


async def test_claimed_job_is_computed_and_completed() -> None:
    value, calls = await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, _ok)
    assert value == "result" and calls == [("complete", "result")]


@pytest.mark.parametrize(
    "outcome",
    [storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED, storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE],
)
async def test_unclaimed_job_is_skipped_without_computing(outcome: int) -> None:
    async def must_not_run(c: FakeClaim) -> str:
        raise AssertionError("computed a job it does not hold")

    value, calls = await _flow(outcome, must_not_run)
    assert value is None and calls == []


async def test_permanent_error_fails_the_job_with_its_message() -> None:
    async def broken(c: FakeClaim) -> str:
        raise Permanent("the document contains no text")

    value, calls = await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, broken)
    assert value is None and calls == [("fail", "the document contains no text")]


async def test_other_errors_propagate_so_the_message_is_requeued() -> None:
    async def crash(c: FakeClaim) -> str:
        raise RuntimeError("storage down")

    with pytest.raises(RuntimeError):
        await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, crash)


async def test_lost_lease_on_complete_is_dropped_quietly() -> None:
    async def complete(c: FakeClaim, value: object) -> None:
        raise LeaseLost()

    value, _calls = await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, _ok, complete)
    assert value is None


async def test_a_duplicate_of_an_item_in_progress_is_skipped() -> None:
    import asyncio

    started, release = asyncio.Event(), asyncio.Event()
    computed: list[str] = []

    async def slow(c: FakeClaim) -> str:
        computed.append("x")
        started.set()
        await release.wait()
        return "result"

    first = asyncio.create_task(_flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, slow, key="run-7"))
    await started.wait()
    duplicate, calls = await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, slow, key="run-7")
    assert duplicate is None and calls == []  # not even claimed
    release.set()
    value, _ = await first
    assert value == "result" and computed == ["x"]
    again, _ = await _flow(storage_pb2.CLAIM_OUTCOME_CLAIMED, _ok, key="run-7")
    assert again == "result"  # the key is free once the first one finished


def _items(outcome: str) -> float:
    return WORK_ITEMS.labels("", outcome)._value.get()  # no delivery bound: queue ""


async def test_each_ending_is_counted_once_by_outcome() -> None:
    async def broken(c: FakeClaim) -> str:
        raise Permanent("the document contains no text")

    async def lost(c: FakeClaim, value: object) -> None:
        raise LeaseLost()

    cases = [
        (storage_pb2.CLAIM_OUTCOME_CLAIMED, _ok, None, "succeeded"),
        (storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED, _ok, None, "skipped"),
        (storage_pb2.CLAIM_OUTCOME_CLAIMED, broken, None, "failed"),
        (storage_pb2.CLAIM_OUTCOME_CLAIMED, _ok, lost, "skipped"),  # the lease went elsewhere
    ]
    for outcome, compute, complete, counted in cases:
        before = {name: _items(name) for name in ("succeeded", "skipped", "failed")}
        await _flow(outcome, compute, complete)
        moved = {name: _items(name) - before[name] for name in before}
        assert moved == {name: 1.0 if name == counted else 0.0 for name in before}
