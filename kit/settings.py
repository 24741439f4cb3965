"""Configuration from the environment, validated at start (pydantic-settings).

Every service reads `RESUMEAI_*` variables (and an optional `.env`); a missing or invalid
value stops the process with a message naming the variable, before any port is opened.
"""

from __future__ import annotations

import os

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kit.tls import TlsFiles

# Where a `.env` is read from (RESUMEAI_ENV_FILE; the test suite points it at nothing, so a
# developer's `.env` from `make run` never leaks into the tests' settings).
ENV_FILE = os.environ.get("RESUMEAI_ENV_FILE", ".env") or None
SETTINGS_CONFIG = SettingsConfigDict(
    env_prefix="RESUMEAI_", env_file=ENV_FILE, extra="ignore", frozen=True
)


class CommonSettings(BaseSettings):
    """What every service needs."""

    model_config = SETTINGS_CONFIG

    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    # Shared secret that internal callers present to storage_service (x-service-token).
    service_token: SecretStr = Field(min_length=16)
    storage_target: str = "127.0.0.1:50052"
    # Deadline applied to every internal gRPC call that does not set its own.
    internal_deadline_s: float = Field(10.0, gt=0, le=300)
    # Seconds given to in-flight work on SIGTERM before the process exits.
    shutdown_grace_s: float = Field(15.0, ge=0, le=600)
    # Largest gRPC message accepted or sent (artifacts travel whole to storage).
    max_message_bytes: int = Field(32 * 1024 * 1024, ge=1024 * 1024)
    # Mutual TLS inside the deployment (all three, or none: plaintext on a trusted network).
    # This service's internal identity (a certificate whose common name is the service) and
    # the internal CA every peer's certificate must chain to (kit/tls.py).
    internal_ca_file: str = ""
    internal_cert_file: str = ""
    internal_key_file: str = ""
    # Prometheus scrape endpoint (/metrics, kit/metrics.py): unset, not served; 0 picks a
    # free port. The container image listens on 0.0.0.0 and compose / Kubernetes set ports.
    metrics_port: int | None = Field(None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    # OpenTelemetry traces (kit/tracing.py) go to this OTLP/HTTP collector, e.g.
    # http://otel-collector:4318; empty: tracing is off.
    otlp_endpoint: str = ""

    @model_validator(mode="after")
    def _internal_tls_whole(self) -> CommonSettings:
        given = [bool(self.internal_ca_file), bool(self.internal_cert_file)]
        given.append(bool(self.internal_key_file))
        if any(given) and not all(given):
            raise ValueError(
                "set all of RESUMEAI_INTERNAL_CA_FILE, RESUMEAI_INTERNAL_CERT_FILE and "
                "RESUMEAI_INTERNAL_KEY_FILE, or none"
            )
        return self

    def internal_tls(self) -> TlsFiles | None:
        if not self.internal_ca_file:
            return None
        return TlsFiles(self.internal_cert_file, self.internal_key_file, self.internal_ca_file)


class BrokerSettings(CommonSettings):
    """Services that talk to RabbitMQ."""

    amqp_url: SecretStr = SecretStr("amqp://guest:guest@127.0.0.1:5672/")
    # Redeliveries a job gets before it is dead-lettered (quorum queue x-delivery-limit).
    delivery_limit: int = Field(5, ge=1, le=100)
