"""The finished-run cache: answers only its owner, only while storage's change feed is live,
forgets a run that changed, refuses a read that a change overtook, and stays within its
bytes."""

from __future__ import annotations

from gateway.finished_runs import FinishedRuns
from resumeai.v1 import common_pb2, resources_pb2

SUCCEEDED = common_pb2.RUN_STATUS_SUCCEEDED


def _run(run_id: str, padding: int = 0) -> resources_pb2.TailorRun:
    return resources_pb2.TailorRun(id=run_id, status=SUCCEEDED, request_id="x" * padding)


def _live(max_bytes: int = 1 << 20) -> FinishedRuns:
    cache = FinishedRuns(max_bytes)
    cache.forget_all(live=True)
    return cache


def test_a_kept_run_is_answered_to_its_owner_only() -> None:
    cache = _live()
    cache.keep("alice", _run("r1"), cache.ticket())
    found = cache.get("alice", "r1")
    assert found is not None and found.id == "r1"
    assert cache.get("bob", "r1") is None


def test_nothing_is_kept_or_answered_while_the_feed_is_down() -> None:
    cache = FinishedRuns(1 << 20)  # the feed has not started
    cache.keep("alice", _run("r1"), cache.ticket())
    assert cache.get("alice", "r1") is None
    cache = _live()
    cache.keep("alice", _run("r1"), cache.ticket())
    cache.forget_all(live=False)  # the feed was lost
    assert cache.get("alice", "r1") is None
    cache.forget_all(live=True)  # back: what was kept before is not trusted
    assert cache.get("alice", "r1") is None


def test_a_change_forgets_the_run() -> None:
    cache = _live()
    cache.keep("alice", _run("r1"), cache.ticket())
    cache.keep("alice", _run("r2"), cache.ticket())
    cache.changed("r1")  # deleted, say
    assert cache.get("alice", "r1") is None
    assert cache.get("alice", "r2") is not None


def test_a_read_overtaken_by_a_change_is_not_kept() -> None:
    cache = _live()
    ticket = cache.ticket()  # the read goes to storage ...
    cache.changed("r1")  # ... and the run is deleted before the answer is back
    cache.keep("alice", _run("r1"), ticket)
    assert cache.get("alice", "r1") is None
    # A read that started after the change is kept.
    cache.keep("alice", _run("r1"), cache.ticket())
    assert cache.get("alice", "r1") is not None


def test_a_read_overtaken_by_a_resync_is_not_kept() -> None:
    cache = _live()
    ticket = cache.ticket()
    cache.forget_all(live=True)  # the feed came back: anything may have changed
    cache.keep("alice", _run("r1"), ticket)
    assert cache.get("alice", "r1") is None


def test_the_least_recently_read_run_goes_first_when_full() -> None:
    one = _run("r0", padding=100).ByteSize()
    cache = _live(max_bytes=8 * one + 4)  # room for eight, and each under an eighth
    for i in range(8):
        cache.keep("alice", _run(f"r{i}", padding=100), cache.ticket())
    assert cache.get("alice", "r0") is not None  # read: now the most recent
    cache.keep("alice", _run("r8", padding=100), cache.ticket())
    assert cache.get("alice", "r1") is None  # the least recently read went
    assert cache.get("alice", "r0") is not None
    assert cache.get("alice", "r8") is not None


def test_a_run_bigger_than_an_eighth_of_the_cache_is_not_kept() -> None:
    cache = _live(max_bytes=800)
    cache.keep("alice", _run("big", padding=200), cache.ticket())
    assert cache.get("alice", "big") is None
