"""Wires the gateway: storage channel, broker publisher, auth, servicer and outbox relay."""

from __future__ import annotations

import grpc

from gateway.admission import Admission, AdmissionLimits
from gateway.auth import KeyResolver
from gateway.front_door import FrontDoor
from gateway.relay import OutboxRelay
from gateway.revocations import follow_revocations
from gateway.run_changes import follow_run_changes
from gateway.servicer import ResumeBuilderServicer
from gateway.settings import GatewaySettings
from kit.broker import Publisher
from kit.grpc_client import storage_channel
from kit.grpc_server import ServerSpec
from kit.tls import TlsFiles
from resumeai.storage.v1 import storage_pb2_grpc
from resumeai.v1 import resume_builder_pb2, resume_builder_pb2_grpc

SERVICE_NAME = resume_builder_pb2.DESCRIPTOR.services_by_name["ResumeBuilder"].full_name


def front_door(
    settings: GatewaySettings, storage: storage_pb2_grpc.StorageServiceAsyncStub
) -> FrontDoor:
    keys = KeyResolver(
        storage,
        settings.auth_cache_ttl_s,
        settings.internal_deadline_s,
        unknown_lookups=settings.auth_unknown_lookups,
        unknown_lookups_per_s=settings.auth_unknown_lookups_per_s,
        lane_wait_s=settings.auth_lane_wait_s,
        refused_ttl_s=settings.auth_refused_ttl_s,
    )
    limits = AdmissionLimits(
        max_calls=settings.max_concurrent_rpcs,
        max_calls_per_owner=settings.max_calls_per_owner,
        max_streams_per_owner=settings.max_streams_per_owner,
    )
    return FrontDoor(keys, Admission(limits), settings.receive_timeout_s)


def build_spec(settings: GatewaySettings) -> ServerSpec:
    """The gateway server. Call it inside a running event loop (grpc.aio channels bind to it).

    The broker connection is opened lazily on the first publish, so the gateway starts (and
    keeps accepting runs into the outbox) while RabbitMQ is down.
    """
    channel = storage_channel(settings)
    storage = storage_pb2_grpc.StorageServiceStub(channel)
    publisher = Publisher(settings.amqp_url.get_secret_value(), settings.delivery_limit)
    servicer = ResumeBuilderServicer(settings, storage, publisher)
    relay = OutboxRelay(
        storage,
        publisher,
        interval_s=settings.relay_interval_s,
        min_age_ms=settings.relay_min_age_ms,
        deadline_s=settings.internal_deadline_s,
    )

    door = front_door(settings, storage)

    async def revocations() -> None:
        await follow_revocations(storage, door.keys)

    async def run_changes() -> None:
        await follow_run_changes(storage, servicer.watches, servicer.finished)

    def register(server: grpc.aio.Server) -> list[str]:
        resume_builder_pb2_grpc.add_ResumeBuilderServicer_to_server(servicer, server)
        return [SERVICE_NAME]

    async def close() -> None:
        # In-flight inline publishes first, while the broker connection is still open.
        await servicer.inline.drain(settings.shutdown_grace_s)
        await publisher.close()
        await channel.close(None)

    return ServerSpec(
        name="gateway",
        port=settings.gateway_port,
        host=settings.gateway_host,
        metrics_port=settings.metrics_port,
        metrics_host=settings.metrics_host,
        register=register,
        interceptors=[door],
        credentials=(
            TlsFiles(
                settings.gateway_tls_cert_file, settings.gateway_tls_key_file
            ).server_credentials()
            if settings.gateway_tls_cert_file
            else None
        ),
        max_message_bytes=settings.max_message_bytes,
        # Above the largest legal request (a file or pasted text, plus a job text; UTF-8 is at
        # most 4 bytes a character): anything bigger is refused before it is parsed.
        max_receive_bytes=(
            settings.max_file_bytes
            + 4 * (settings.max_resume_chars + settings.max_job_chars)
            + 1024 * 1024
        ),
        max_streams_per_connection=settings.max_streams_per_connection,
        stream_window_bytes=64 * 1024,
        shutdown_grace_s=settings.shutdown_grace_s,
        drain_delay_s=settings.drain_delay_s,
        on_shutdown=[close],
        background=[relay.run_forever, revocations, run_changes],
    )
