"""A run's notices from its result (storage_service.notices), and their mapping onto its
TailorRunRecord."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from resumeai.v1 import common_pb2, result_pb2
from storage_service import records
from storage_service.db.models import TailorRun
from storage_service.notices import run_notices
from tests.run_notice_cases import CASES, NO_BULLETS, NO_ROLES, Notices


@pytest.mark.parametrize(("result", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_notices_of_a_result(result: result_pb2.TailoringResult, expected: Notices) -> None:
    assert run_notices(result) == expected


def test_every_notice_is_reachable() -> None:
    reached = {n for _name, _result, notices in CASES for n in notices}
    assert reached == set(common_pb2.RunNotice.values()) - {common_pb2.RUN_NOTICE_UNSPECIFIED}


def _row(status: int, notices: list[int] | None) -> TailorRun:
    now = datetime.now(UTC)
    return TailorRun(
        id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        resume_id=uuid.uuid4(),
        job_posting_id=uuid.uuid4(),
        options={},
        status=status,
        attempts=1,
        error="",
        notices=notices,
        created_at=now,
        updated_at=now,
    )


def test_notices_reach_the_run_once_it_succeeded() -> None:
    done = records.run_record(_row(common_pb2.RUN_STATUS_SUCCEEDED, [NO_ROLES, NO_BULLETS]))
    assert list(done.notices) == [NO_ROLES, NO_BULLETS]
    assert not records.run_record(_row(common_pb2.RUN_STATUS_SUCCEEDED, [])).notices
    # Not derived (unfinished), or a row that holds some while not SUCCEEDED: none shown.
    for status in (common_pb2.RUN_STATUS_RUNNING, common_pb2.RUN_STATUS_FAILED):
        assert not records.run_record(_row(status, None)).notices
        assert not records.run_record(_row(status, [NO_ROLES])).notices
