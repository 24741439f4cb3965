"""kit.jobs: each job kind's routing key, body message and payload, defined once."""

from __future__ import annotations

import uuid

import pytest

from kit.broker import EXPORT_QUEUE, JOB_QUEUES, TAILOR_QUEUE
from kit.jobs import EXPORT, KINDS, TAILOR, UndecodableJob
from resumeai.storage.v1 import jobs_pb2


def test_payloads_round_trip_and_name_their_message() -> None:
    run_id, artifact_id = uuid.uuid4(), uuid.uuid4()
    assert jobs_pb2.TailorJob.FromString(TAILOR.payload(run_id)).run_id == str(run_id)
    assert EXPORT.item_id(EXPORT.payload(artifact_id)) == str(artifact_id)
    assert (TAILOR.type_name, EXPORT.type_name) == (
        "resumeai.storage.v1.TailorJob",
        "resumeai.storage.v1.ExportJob",
    )


def test_queues_and_routing_keys_are_the_kinds() -> None:
    assert (TAILOR.routing_key, EXPORT.routing_key) == (TAILOR_QUEUE, EXPORT_QUEUE)
    assert set(JOB_QUEUES) == set(KINDS)


@pytest.mark.parametrize("body", [b"\xff\xff\xff", jobs_pb2.TailorJob().SerializeToString()])
def test_a_body_naming_no_item_is_undecodable(body: bytes) -> None:
    with pytest.raises(UndecodableJob):
        TAILOR.item_id(body)
