"""The claim decision table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resumeai.v1 import storage_pb2
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
