"""Every service listens on loopback unless told otherwise (the container image says
0.0.0.0 behind its own boundary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.settings import GatewaySettings
from kit.grpc_server import ServerSpec
from kit.worker import WorkerSettings
from storage_service.settings import StorageSettings

TOKEN = "x" * 32


def test_every_service_binds_loopback_by_default() -> None:
    assert GatewaySettings(service_token=TOKEN).gateway_host == "127.0.0.1"  # type: ignore[arg-type]
    storage = StorageSettings(service_token=TOKEN, database_url="postgresql+asyncpg://x/y")  # type: ignore[arg-type]
    assert storage.storage_host == "127.0.0.1"
    assert WorkerSettings(service_token=TOKEN).health_host == "127.0.0.1"  # type: ignore[arg-type]
    assert ServerSpec(name="x", port=0).host == "127.0.0.1"


def test_the_address_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESUMEAI_GATEWAY_HOST", "0.0.0.0")
    assert GatewaySettings(service_token=TOKEN).gateway_host == "0.0.0.0"  # type: ignore[arg-type]


def test_the_container_image_listens_on_its_own_address() -> None:
    dockerfile = (Path(__file__).parents[3] / "deploy" / "Dockerfile").read_text()
    for name in ("RESUMEAI_GATEWAY_HOST", "RESUMEAI_STORAGE_HOST", "RESUMEAI_HEALTH_HOST"):
        assert f"{name}=0.0.0.0" in dockerfile
