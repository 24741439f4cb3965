"""Configuration from the environment, validated at start (pydantic-settings).

Every service reads `RESUMEAI_*` variables (and an optional `.env`); a missing or invalid
value stops the process with a message naming the variable, before any port is opened.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """What every service needs."""

    model_config = SettingsConfigDict(
        env_prefix="RESUMEAI_", env_file=".env", extra="ignore", frozen=True
    )

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


class BrokerSettings(CommonSettings):
    """Services that talk to RabbitMQ."""

    amqp_url: SecretStr = SecretStr("amqp://guest:guest@127.0.0.1:5672/")
    # Redeliveries a job gets before it is dead-lettered (quorum queue x-delivery-limit).
    delivery_limit: int = Field(5, ge=1, le=100)
