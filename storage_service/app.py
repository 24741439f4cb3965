"""Wires settings, database and servicer into a ServerSpec for kit.grpc_server."""

from __future__ import annotations

import grpc

from kit.grpc_server import ServerSpec
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from storage_service import background
from storage_service.auth import IdentityInterceptor, ServiceTokenInterceptor
from storage_service.backlog import watch_backlog
from storage_service.db.engine import make_engine, make_read_sessions, make_sessions
from storage_service.db.pg import Pg
from storage_service.notifications import REVOKED_KEYS, RUN_CHANGED, NotificationFeed
from storage_service.repositories.quota import StoreLimits
from storage_service.sealing import Sealer, parse_master_keys
from storage_service.servicer import StorageServicer
from storage_service.settings import SealingSettings, StorageSettings

log = get_logger(__name__)

SERVICE_NAME = storage_pb2.DESCRIPTOR.services_by_name["StorageService"].full_name
# The gateways' outbox relays poll this every few seconds (kit.grpc_server: logged at DEBUG).
POLLED = frozenset({f"/{SERVICE_NAME}/ClaimOutboxJobs"})


def make_sealer(settings: SealingSettings) -> Sealer | None:
    """The sealer of the configured master keys, or None (a warning: data is stored as it
    comes)."""
    if not settings.master_keys:
        log.warning("storage.encryption_off", reason="RESUMEAI_MASTER_KEYS is not set")
        return None
    keys = parse_master_keys({k: v.get_secret_value() for k, v in settings.master_keys.items()})
    current = settings.master_key_id or (next(iter(keys)) if len(keys) == 1 else "")
    return Sealer(keys, current)


def build_spec(settings: StorageSettings) -> ServerSpec:
    engine = make_engine(
        settings.database_url.get_secret_value(),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout_s=settings.db_pool_timeout_s,
    )
    sealer = make_sealer(settings)
    sessions = make_sessions(engine, sealer)
    notifications = NotificationFeed(
        settings.database_url.get_secret_value(), (REVOKED_KEYS, RUN_CHANGED)
    )
    tls = settings.internal_tls()  # mutual: every caller presents its service identity
    pg = Pg(settings.database_url.get_secret_value(), settings.db_pool_size)
    servicer = StorageServicer(
        sessions,
        reads=make_read_sessions(engine, sealer),
        run_lease_s=settings.run_lease_s,
        artifact_lease_s=settings.artifact_lease_s,
        run_quota=settings.runs_per_hour,
        export_quota=settings.exports_per_hour,
        notifications=notifications,
        store=StoreLimits(settings.stored_bytes_per_owner, settings.documents_per_owner),
        pg=pg,
        sealer=sealer,
    )

    def register(server: grpc.aio.Server) -> list[str]:
        storage_pb2_grpc.add_StorageServiceServicer_to_server(servicer, server)
        return [SERVICE_NAME]

    tasks = []
    if settings.sweep_interval_s > 0:

        async def sweep() -> None:
            await background.sweep_once(
                sessions,
                stale_queued_s=settings.stale_queued_s,
                max_attempts=settings.max_attempts,
            )

        tasks.append(background.periodic("sweep", settings.sweep_interval_s, sweep))
    if settings.metrics_port is not None:

        async def backlog() -> None:
            await watch_backlog(pg)

        tasks.append(backlog)
    if settings.purge_interval_s > 0:

        async def purge() -> None:
            await background.purge_once(sessions, purge_after_s=settings.purge_after_s)

        tasks.append(background.periodic("purge", settings.purge_interval_s, purge))

    return ServerSpec(
        name="storage",
        port=settings.storage_port,
        host=settings.storage_host,
        metrics_port=settings.metrics_port,
        metrics_host=settings.metrics_host,
        register=register,
        polled_methods=POLLED,
        interceptors=[
            ServiceTokenInterceptor(settings.service_token.get_secret_value()),
            *([IdentityInterceptor(settings.storage_allowed_identities)] if tls else []),
        ],
        credentials=tls.server_credentials() if tls else None,
        max_message_bytes=settings.max_message_bytes,
        max_connection_age_s=settings.max_connection_age_s or None,
        shutdown_grace_s=settings.shutdown_grace_s,
        on_shutdown=[notifications.close, pg.close, engine.dispose],
        background=tasks,
    )
