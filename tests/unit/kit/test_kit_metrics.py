"""The gRPC metric labels: method names split, and the call type the contract declares."""

from __future__ import annotations

import pytest

from kit.grpc_server import grpc_type
from kit.metrics import serve_metrics, split_method


def test_split_method() -> None:
    assert split_method("/resumeai.v1.ResumeBuilder/StartTailoring") == (
        "resumeai.v1.ResumeBuilder",
        "StartTailoring",
    )
    assert split_method("garbage") == ("", "")


@pytest.mark.parametrize(
    ("method", "kind"),
    [
        ("/resumeai.v1.ResumeBuilder/StartTailoring", "unary"),
        ("/resumeai.v1.ResumeBuilder/WatchTailorRun", "server_stream"),
        ("/resumeai.v1.ResumeBuilder/DownloadArtifact", "server_stream"),
        ("/resumeai.storage.v1.StorageService/ClaimWork", "unary"),
        ("/grpc.health.v1.Health/Watch", "server_stream"),
        ("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "bidi_stream"),
        ("/no.such.Service/Method", "unknown"),
    ],
)
def test_grpc_type_is_read_from_the_contract(method: str, kind: str) -> None:
    import grpc_health.v1.health_pb2  # noqa: F401
    import grpc_reflection.v1alpha.reflection  # noqa: F401  # registers its descriptors

    import resumeai.storage.v1.storage_pb2
    import resumeai.v1.resume_builder_pb2  # noqa: F401

    assert grpc_type(method) == kind


def test_metrics_are_not_served_unless_a_port_is_set() -> None:
    assert serve_metrics(None) is None


def test_the_endpoint_serves_the_registry_and_closes() -> None:
    import urllib.request

    server = serve_metrics(0)
    assert server is not None
    try:
        url = f"http://127.0.0.1:{server.port}/metrics"
        with urllib.request.urlopen(url, timeout=5) as response:
            text = response.read().decode()
        assert "# TYPE grpc_server_handled_total counter" in text
        assert "# TYPE resumeai_work_items_total counter" in text
    finally:
        server.close()


def test_codes_are_spelled_as_grpc_metrics_spell_them() -> None:
    from kit.grpc_server import code_label

    assert code_label("OK") == "OK"
    assert code_label("DEADLINE_EXCEEDED") == "DeadlineExceeded"
    assert code_label("UNAVAILABLE") == "Unavailable"


def test_polled_calls_that_succeed_are_logged_at_debug() -> None:
    import logging

    from kit.grpc_server import PROBES, done_level
    from storage_service.app import POLLED

    poll = "/resumeai.storage.v1.StorageService/ClaimOutboxJobs"
    assert done_level(poll, "OK", PROBES | POLLED) == logging.DEBUG
    assert done_level("/grpc.health.v1.Health/Check", "OK") == logging.DEBUG
    assert done_level(poll, "UNAVAILABLE", PROBES | POLLED) == logging.INFO
    assert done_level("/resumeai.storage.v1.StorageService/ClaimWork", "OK", POLLED) == logging.INFO
