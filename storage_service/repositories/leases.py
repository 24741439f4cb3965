"""The claim rule of every kind of leased work (tailor runs and artifacts).

QUEUED is claimed. RUNNING is taken over only when the broker says the message was
redelivered (the previous holder's channel is gone) or its lease ran out (the holder is
presumed dead); otherwise it is a duplicate message and someone else is working on it.
Anything else (finished, cancelled, deleted, missing) means: ack and skip.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2

# The lease states, by name from the contract. Every kind's status column holds its own
# enum's numbers; the machinery reads them through these names, so the enums must agree on
# them, which is checked here rather than assumed.
QUEUED: int = common_pb2.RUN_STATUS_QUEUED
RUNNING: int = common_pb2.RUN_STATUS_RUNNING
SUCCEEDED: int = common_pb2.RUN_STATUS_SUCCEEDED
FAILED: int = common_pb2.RUN_STATUS_FAILED
_ARTIFACT_STATES: tuple[int, ...] = (
    common_pb2.ARTIFACT_STATUS_QUEUED,
    common_pb2.ARTIFACT_STATUS_RUNNING,
    common_pb2.ARTIFACT_STATUS_SUCCEEDED,
    common_pb2.ARTIFACT_STATUS_FAILED,
)
if _ARTIFACT_STATES != (QUEUED, RUNNING, SUCCEEDED, FAILED):
    raise RuntimeError("ArtifactStatus and RunStatus disagree on the lease states' numbers")


def decide(
    *, status: int | None, lease_expires_at: datetime | None, now: datetime, redelivered: bool
) -> int:
    """ClaimOutcome for an item in `status` (None: missing or deleted)."""
    if status == QUEUED:
        return storage_pb2.CLAIM_OUTCOME_CLAIMED
    if status == RUNNING:
        expired = lease_expires_at is None or lease_expires_at <= now
        if redelivered or expired:
            return storage_pb2.CLAIM_OUTCOME_CLAIMED
        return storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE
    return storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED


@dataclass(frozen=True)
class Lease:
    token: uuid.UUID
    expires_at: datetime


def new_lease(now: datetime, seconds: int) -> Lease:
    return Lease(token=uuid.uuid4(), expires_at=now + timedelta(seconds=seconds))
