"""storage_service configuration (RESUMEAI_* environment variables)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings

from kit.settings import SETTINGS_CONFIG, CommonSettings


class DatabaseSettings(BaseSettings):
    """Only the database URL: what the operator CLI needs (it has no service token)."""

    model_config = SETTINGS_CONFIG

    # e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/resumeai
    database_url: SecretStr


class SealingSettings(BaseSettings):
    """The master keys (storage and the operator CLI's rewrap read them)."""

    model_config = SETTINGS_CONFIG

    # Encryption at rest (storage_service/sealing.py): master keys by id, each base64 of 32
    # random bytes, and the id that wraps new data keys. Unset: stored as it comes (a warning
    # at start). Rotate: add a key, make it current, `python -m storage_service.cli rewrap`,
    # then drop the old one.
    master_keys: dict[str, SecretStr] = Field(default_factory=dict)
    master_key_id: str = ""


class StorageSettings(SealingSettings, CommonSettings):
    """Everything the storage server needs."""

    database_url: SecretStr
    storage_host: str = "127.0.0.1"  # the container image sets 0.0.0.0
    # With internal TLS on, the identities (certificate common names) storage serves; a
    # caller with another certificate of the internal CA is PERMISSION_DENIED.
    storage_allowed_identities: list[str] = Field(
        default_factory=lambda: ["gateway", "tailor_worker", "export_worker"]
    )
    storage_port: int = Field(50052, ge=0, le=65535)
    db_pool_size: int = Field(10, ge=1, le=200)
    db_max_overflow: int = Field(10, ge=0, le=200)
    db_pool_timeout_s: float = Field(10.0, gt=0, le=120)
    # How long a worker's claim on a run / artifact lasts before another worker may take it
    # over (a crashed worker's item becomes claimable again after this).
    # Per-owner quotas on new work in any rolling hour (0: unlimited); over it, StartTailoring
    # / StartExport answer RESOURCE_EXHAUSTED.
    runs_per_hour: int = Field(200, ge=0, le=1_000_000)
    exports_per_hour: int = Field(500, ge=0, le=1_000_000)
    # What one owner may keep stored (0: unlimited): bytes of resumes and job postings (a
    # deleted resume's content is wiped at once; a posting's text stays until the purge, as
    # runs may use it), and live documents. Past them CreateResume / CreateJobPosting /
    # StartTailoring with inline documents answer RESOURCE_EXHAUSTED.
    stored_bytes_per_owner: int = Field(100 * 1024 * 1024, ge=0)
    documents_per_owner: int = Field(1000, ge=0)
    # Clients' connections are closed after this long (0: never), so gateways and workers
    # balancing over a DNS name spread onto replicas added since. Their long feeds (key
    # revocations, run changes) reconnect and resync, so not much shorter than this.
    max_connection_age_s: float = Field(1800.0, ge=0, le=7 * 86_400)
    run_lease_s: int = Field(600, ge=1, le=86_400)
    artifact_lease_s: int = Field(300, ge=1, le=86_400)
    # Stale-item sweep (every storage replica runs it; replicas skip each other's rows).
    # How often to look for RUNNING items whose lease expired and QUEUED items whose published
    # job never led to a claim; 0 disables the sweep.
    sweep_interval_s: float = Field(30.0, ge=0, le=86_400)
    # A QUEUED item this old whose outbox job is published (none pending) gets a new job; an
    # item is re-queued at most once per this many seconds.
    stale_queued_s: int = Field(300, ge=1, le=7 * 86_400)
    # Attempts (claims, or jobs the sweep added) after which the sweep marks a stranded item
    # FAILED ("gave up: no worker finished it after N attempts") instead of re-queueing it.
    max_attempts: int = Field(6, ge=1, le=1000)
    # Erasure: how often soft-deleted rows are purged for good (0 disables), and how long a
    # soft-deleted row is kept before that (default 7 days).
    purge_interval_s: float = Field(3600.0, ge=0, le=7 * 86_400)
    purge_after_s: int = Field(7 * 86_400, ge=0, le=365 * 86_400)
