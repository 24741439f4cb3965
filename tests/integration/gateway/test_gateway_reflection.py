"""Reflection on the gateway describes the public API only, though the process has loaded
the internal storage API's protos (resumeai.storage.v1.StorageService, for its storage
client)."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from google.protobuf.descriptor_pool import DescriptorPool
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from tests.integration.gateway.conftest import Gateway


def _reflect(port: int) -> tuple[list[str], DescriptorPool]:
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    database = ProtoReflectionDescriptorDatabase(channel)
    return list(database.get_services()), DescriptorPool(database)


async def test_reflection_lists_and_describes_only_what_the_gateway_serves(
    gateway: Gateway,
) -> None:
    services, pool = await asyncio.to_thread(_reflect, gateway.server.port)
    assert "resumeai.v1.ResumeBuilder" in services
    assert not [s for s in services if "Storage" in s]
    assert "resumeai.storage.v1.StorageService" not in services
    public = await asyncio.to_thread(pool.FindServiceByName, "resumeai.v1.ResumeBuilder")
    assert public.FindMethodByName("StartTailoring") is not None
    with pytest.raises(KeyError):
        await asyncio.to_thread(pool.FindServiceByName, "resumeai.storage.v1.StorageService")
    with pytest.raises(KeyError):
        await asyncio.to_thread(pool.FindFileByName, "resumeai/storage/v1/storage.proto")
