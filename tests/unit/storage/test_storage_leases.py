"""The claim decision table, and the lease states every kind's status enum shares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2
from storage_service.repositories import leases

NOW = datetime(2025, 1, 1, tzinfo=UTC)
LIVE = NOW + timedelta(seconds=30)
GONE = NOW - timedelta(seconds=1)
CLAIMED = storage_pb2.CLAIM_OUTCOME_CLAIMED
HELD = storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE
FINISHED = storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED


@pytest.mark.parametrize(
    ("status", "expires", "redelivered", "outcome"),
    [
        (leases.QUEUED, None, False, CLAIMED),
        (leases.QUEUED, None, True, CLAIMED),
        (leases.RUNNING, LIVE, False, HELD),
        (leases.RUNNING, LIVE, True, CLAIMED),
        (leases.RUNNING, GONE, False, CLAIMED),
        (leases.RUNNING, NOW, False, CLAIMED),
        (leases.SUCCEEDED, None, True, FINISHED),
        (leases.FAILED, LIVE, False, FINISHED),
        (5, None, False, FINISHED),  # cancelled
        (None, None, True, FINISHED),  # missing or deleted
    ],
)
def test_decide(
    status: int | None, expires: datetime | None, redelivered: bool, outcome: int
) -> None:
    assert (
        leases.decide(status=status, lease_expires_at=expires, now=NOW, redelivered=redelivered)
        == outcome
    )


def test_new_lease_is_fresh() -> None:
    a, b = leases.new_lease(NOW, 600), leases.new_lease(NOW, 600)
    assert a.token != b.token and a.expires_at == NOW + timedelta(seconds=600)


@pytest.mark.parametrize(
    ("state", "run_status", "artifact_status"),
    [
        (leases.QUEUED, common_pb2.RUN_STATUS_QUEUED, common_pb2.ARTIFACT_STATUS_QUEUED),
        (leases.RUNNING, common_pb2.RUN_STATUS_RUNNING, common_pb2.ARTIFACT_STATUS_RUNNING),
        (
            leases.SUCCEEDED,
            common_pb2.RUN_STATUS_SUCCEEDED,
            common_pb2.ARTIFACT_STATUS_SUCCEEDED,
        ),
        (leases.FAILED, common_pb2.RUN_STATUS_FAILED, common_pb2.ARTIFACT_STATUS_FAILED),
    ],
)
def test_lease_states_are_both_enums_numbers(
    state: int, run_status: int, artifact_status: int
) -> None:
    assert state == run_status == artifact_status


def test_lease_states_are_distinct_and_named_in_both_enums() -> None:
    states = {
        "QUEUED": leases.QUEUED,
        "RUNNING": leases.RUNNING,
        "SUCCEEDED": leases.SUCCEEDED,
        "FAILED": leases.FAILED,
    }
    assert len(set(states.values())) == 4
    for name, number in states.items():
        assert common_pb2.RunStatus.Name(number) == f"RUN_STATUS_{name}"  # type: ignore[arg-type]
        assert common_pb2.ArtifactStatus.Name(number) == f"ARTIFACT_STATUS_{name}"  # type: ignore[arg-type]
