"""TLS on the gateway and mutual TLS to storage, with certificates from kit/tls.py's local
PKI: a client without a certificate, or with one from another CA, is refused; a service
identity storage does not allow is PERMISSION_DENIED; the gateway reaches storage with its
own identity and serves a TLS client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from kit.grpc_client import storage_channel
from kit.grpc_server import start_server
from kit.tls import TlsFiles, make_pki
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from resumeai.v1 import resume_builder_pb2
from storage_service.app import build_spec as build_storage
from storage_service.keys import create_api_key
from storage_service.settings import StorageSettings
from tests.conftest import free_port
from tests.integration.gateway.helpers import gateway_settings, start_gateway

OWNER = storage_pb2.ListResumesRequest(owner_id="00000000-0000-0000-0000-000000000000")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ours = tmp_path_factory.mktemp("pki")
    make_pki(ours)
    make_pki(ours / "other")  # another CA: its certificates must be refused
    return ours


def _identity(pki: Path, name: str, ca: Path | None = None) -> TlsFiles:
    return TlsFiles(str(pki / f"{name}.pem"), str(pki / f"{name}.key"), str(ca or pki / "ca.pem"))


@pytest.fixture
async def storage(pki: Path, database_url: str, service_token: str) -> AsyncIterator[str]:
    settings = StorageSettings(
        database_url=database_url,  # type: ignore[arg-type]
        service_token=service_token,  # type: ignore[arg-type]
        storage_host="127.0.0.1",
        storage_port=free_port(),
        internal_ca_file=str(pki / "ca.pem"),
        internal_cert_file=str(pki / "storage.pem"),
        internal_key_file=str(pki / "storage.key"),
    )
    spec = build_storage(settings)
    running = await start_server(spec)
    yield f"127.0.0.1:{running.port}"
    await running.server.stop(0)
    for hook in spec.on_shutdown:
        await hook()


async def _list(channel: grpc.aio.Channel, token: str) -> grpc.StatusCode:
    try:
        await storage_pb2_grpc.StorageServiceStub(channel).ListResumes(
            OWNER, metadata=(("x-service-token", token),), timeout=5
        )
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def test_storage_refuses_a_client_without_a_certificate_of_its_ca(
    storage: str, pki: Path, service_token: str
) -> None:
    async with grpc.aio.insecure_channel(storage) as plaintext:
        assert await _list(plaintext, service_token) == grpc.StatusCode.UNAVAILABLE
    no_cert = grpc.ssl_channel_credentials(root_certificates=(pki / "ca.pem").read_bytes())
    async with grpc.aio.secure_channel(storage, no_cert) as anonymous:
        assert await _list(anonymous, service_token) == grpc.StatusCode.UNAVAILABLE
    foreign = _identity(pki / "other", "gateway", ca=pki / "ca.pem").channel_credentials()
    async with grpc.aio.secure_channel(storage, foreign) as stranger:
        assert await _list(stranger, service_token) == grpc.StatusCode.UNAVAILABLE


async def test_storage_serves_only_the_identities_it_allows(
    storage: str, pki: Path, service_token: str
) -> None:
    gateway = _identity(pki, "gateway").channel_credentials()
    async with grpc.aio.secure_channel(storage, gateway) as channel:
        assert await _list(channel, service_token) == grpc.StatusCode.OK
    itself = _identity(pki, "storage").channel_credentials()  # ours, but not a caller
    async with grpc.aio.secure_channel(storage, itself) as channel:
        assert await _list(channel, service_token) == grpc.StatusCode.PERMISSION_DENIED


async def test_the_gateway_serves_tls_and_reaches_storage_with_its_identity(
    storage: str, pki: Path, service_token: str, amqp_url: str, database_url: str
) -> None:
    settings = gateway_settings(
        service_token,
        storage,
        amqp_url,
        gateway_tls_cert_file=str(pki / "gateway.pem"),
        gateway_tls_key_file=str(pki / "gateway.key"),
        internal_ca_file=str(pki / "ca.pem"),
        internal_cert_file=str(pki / "gateway.pem"),
        internal_key_file=str(pki / "gateway.key"),
    )
    gateway = await start_gateway(settings)  # its test channel is plaintext: refused
    try:
        _, key = await create_api_key(database_url, "tls-owner")
        metadata = (("authorization", f"Bearer {key}"),)
        request = resume_builder_pb2.ListResumesRequest()
        with pytest.raises(grpc.aio.AioRpcError) as plaintext:
            await gateway.client.ListResumes(request, metadata=metadata, timeout=5)
        assert plaintext.value.code() == grpc.StatusCode.UNAVAILABLE
        trusted = grpc.ssl_channel_credentials(root_certificates=(pki / "ca.pem").read_bytes())
        async with grpc.aio.secure_channel(f"localhost:{gateway.server.port}", trusted) as channel:
            from resumeai.v1 import resume_builder_pb2_grpc

            listed = await resume_builder_pb2_grpc.ResumeBuilderStub(channel).ListResumes(
                request, metadata=metadata, timeout=5
            )
        assert list(listed.resumes) == []
    finally:
        await gateway.stop()
    # The settings' storage channel is the one the gateway and the workers use.
    async with storage_channel(settings) as channel:
        assert await _list(channel, service_token) == grpc.StatusCode.OK


def test_internal_tls_settings_are_all_or_none(service_token: str) -> None:
    from pydantic import ValidationError

    from kit.settings import CommonSettings

    with pytest.raises(ValidationError, match="RESUMEAI_INTERNAL_CA_FILE"):
        CommonSettings(service_token=service_token, internal_ca_file="ca.pem")  # type: ignore[arg-type]
    assert CommonSettings(service_token=service_token).internal_tls() is None  # type: ignore[arg-type]
