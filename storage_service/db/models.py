"""SQLAlchemy 2 typed models: the whole schema, mirrored by the initial Alembic revision.

Enum columns (formats, statuses, kinds, templates) are SMALLINT holding the proto enum number,
guarded by a CHECK constraint: the mapping to and from protobuf is the identity (no lookup
table to keep in step), rows stay compact, and the CHECK keeps UNSPECIFIED or unknown numbers
out. Adding a proto value is a one-line migration changing the CHECK.

Large or personal columns (resume bytes, job text, results, artifact bytes) are deferred with
raiseload: they are only read by code that asks for them with `undefer`, so a list query cannot
pull document text by accident (touching one without undefer raises instead of lazy-loading).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    false,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's declared hook
        uuid.UUID: UUID(as_uuid=True),
        datetime: DateTime(timezone=True),
        str: Text(),
        int: Integer(),
        float: Float(),
        bytes: LargeBinary(),
        dict[str, Any]: JSONB(),
    }


def _now() -> Any:
    return mapped_column(server_default=func.now(), nullable=False)


def _pk() -> Any:
    return mapped_column(primary_key=True, default=uuid.uuid4)


def _owner_fk() -> Any:
    return mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), nullable=False)


def _unfinished_index(table: str) -> Index:
    """What the stale-item sweeper scans: QUEUED / RUNNING live rows by age."""
    return Index(
        f"ix_{table}_unfinished",
        "created_at",
        postgresql_where=text("status IN (1, 2) AND deleted_at IS NULL"),
    )


def _list_index(table: str) -> Index:
    """The keyset-paging index for lists: newest first, live rows of one owner."""
    return Index(
        f"ix_{table}_owner_list",
        "owner_id",
        text("created_at DESC"),
        text("id DESC"),
        postgresql_where=text("deleted_at IS NULL"),
    )


class Owner(Base):
    __tablename__ = "owners"

    id: Mapped[uuid.UUID] = _pk()
    name: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[datetime] = _now()


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = _pk()
    owner_id: Mapped[uuid.UUID] = _owner_fk()
    # Only the hash is stored; the raw key is shown once by the CLI.
    key_sha256: Mapped[str] = mapped_column(unique=True)
    key_prefix: Mapped[str]
    created_at: Mapped[datetime] = _now()
    revoked_at: Mapped[datetime | None]
    # What the key may do (read, write, export, admin; SCOPES in storage_service.keys), and
    # when it stops working by itself (NULL: never).
    scopes: Mapped[list[str]] = mapped_column(
        ARRAY(Text()), server_default=text("'{read,write,export}'"), nullable=False
    )
    expires_at: Mapped[datetime | None]
    label: Mapped[str | None]


class OwnerKey(Base):
    """An owner's data key, wrapped by a master key (storage_service/sealing.py). Deleting
    the row destroys every sealed byte of the owner (crypto-shredding)."""

    __tablename__ = "owner_keys"

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("owners.id", ondelete="CASCADE"), primary_key=True
    )
    wrapped_dek: Mapped[bytes]
    master_key_id: Mapped[str]
    created_at: Mapped[datetime] = _now()


class AuditEvent(Base):
    """An administrative action on keys: who did what to which key, never a key or a hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = _now()
    actor: Mapped[str]  # "cli:<os user>" for the operator CLI
    action: Mapped[str]  # key.created, key.revoked, key.expiry_set
    owner_id: Mapped[uuid.UUID | None]
    key_id: Mapped[uuid.UUID | None]
    detail: Mapped[dict[str, Any]] = mapped_column(
        JSONB(), server_default=text("'{}'::jsonb"), nullable=False
    )


class Resume(Base):
    __tablename__ = "resumes"
    __table_args__ = (
        CheckConstraint("format IN (1, 2, 3)", name="format"),
        _list_index("resumes"),
    )

    id: Mapped[uuid.UUID] = _pk()
    owner_id: Mapped[uuid.UUID] = _owner_fk()
    display_name: Mapped[str] = mapped_column(server_default="")
    format: Mapped[int] = mapped_column(SmallInteger)
    filename: Mapped[str] = mapped_column(server_default="")
    content: Mapped[bytes] = mapped_column(deferred=True, deferred_raiseload=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str]
    # Sent inside StartTailoring rather than stored by CreateResume: deleting its run
    # deletes it too (unless another live run uses it).
    inline: Mapped[bool] = mapped_column(server_default=false())
    created_at: Mapped[datetime] = _now()
    deleted_at: Mapped[datetime | None]


class JobPosting(Base):
    __tablename__ = "job_postings"
    __table_args__ = (_list_index("job_postings"),)

    id: Mapped[uuid.UUID] = _pk()
    owner_id: Mapped[uuid.UUID] = _owner_fk()
    title: Mapped[str] = mapped_column(server_default="")
    company: Mapped[str] = mapped_column(server_default="")
    text: Mapped[str] = mapped_column(deferred=True, deferred_raiseload=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str]
    inline: Mapped[bool] = mapped_column(server_default=false())  # see Resume.inline
    created_at: Mapped[datetime] = _now()
    deleted_at: Mapped[datetime | None]


class TailorRun(Base):
    __tablename__ = "tailor_runs"
    __table_args__ = (
        CheckConstraint("status BETWEEN 1 AND 5", name="status"),
        # RunNotice numbers; the same one-line change as a status CHECK when one is added.
        CheckConstraint("notices <@ ARRAY[1, 2, 3, 4, 5]::smallint[]", name="notices"),
        _list_index("tailor_runs"),
        _unfinished_index("tailor_runs"),
        # Idempotency key; a deleted run frees its key (a retry then makes a new run).
        Index(
            "uq_tailor_runs_owner_request",
            "owner_id",
            "request_id",
            unique=True,
            postgresql_where=text("request_id IS NOT NULL AND deleted_at IS NULL"),
        ),
        # Reproducibility lookups: an owner's finished runs by cache key.
        Index(
            "ix_tailor_runs_owner_cache_key",
            "owner_id",
            "cache_key",
            postgresql_where=text("cache_key IS NOT NULL AND status = 3 AND deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = _pk()
    owner_id: Mapped[uuid.UUID] = _owner_fk()
    resume_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("resumes.id"), index=True)
    job_posting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("job_postings.id"), index=True)
    request_id: Mapped[str | None]
    # sha256 of the request without its id (repositories.common.request_fingerprint).
    request_sha256: Mapped[str | None] = mapped_column(String(64))
    options: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    status: Mapped[int] = mapped_column(SmallInteger)
    attempts: Mapped[int] = mapped_column(server_default="0")
    lease_token: Mapped[uuid.UUID | None]
    lease_expires_at: Mapped[datetime | None]
    worker_id: Mapped[str] = mapped_column(server_default="")
    error: Mapped[str] = mapped_column(server_default="")
    # Audit columns, copied from result.metadata on completion.
    prompt_version: Mapped[str | None]
    prompt_sha256: Mapped[str | None]
    engine_version: Mapped[str | None]
    provider: Mapped[str | None]
    model: Mapped[str | None]
    parameters: Mapped[dict[str, Any] | None]
    prompt_tokens: Mapped[int | None] = mapped_column(BigInteger)
    completion_tokens: Mapped[int | None] = mapped_column(BigInteger)
    cost_micro_usd: Mapped[int | None] = mapped_column(BigInteger)
    latency_ms: Mapped[int | None] = mapped_column(BigInteger)
    resume_sha256: Mapped[str | None]
    job_sha256: Mapped[str | None]
    score_before: Mapped[float | None]
    score_after: Mapped[float | None]
    # What the result lacks (RunNotice numbers, storage_service.notices), set on success.
    notices: Mapped[list[int] | None] = mapped_column(ARRAY(SmallInteger))
    # sha256 over inputs, prompt, engine, provider, model and parameters (set on success).
    cache_key: Mapped[str | None]
    # The TailoringResult as proto3 JSON (json_format), field names as in the .proto.
    result: Mapped[dict[str, Any] | None] = mapped_column(deferred=True, deferred_raiseload=True)
    # The same result as serialized protobuf: the read path (decoding it is ~200x cheaper
    # than parsing the JSON); the JSONB copy stays for SQL queries and audits.
    result_pb: Mapped[bytes | None] = mapped_column(deferred=True, deferred_raiseload=True)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class Artifact(Base):
    __tablename__ = "artifacts"
    __table_args__ = (
        CheckConstraint("kind IN (1, 2, 3)", name="kind"),
        CheckConstraint("format IN (1, 2)", name="format"),
        CheckConstraint("template IN (1, 2, 3)", name="template"),
        CheckConstraint("status BETWEEN 1 AND 4", name="status"),
        _list_index("artifacts"),
        _unfinished_index("artifacts"),
        Index(
            "uq_artifacts_owner_request",
            "owner_id",
            "request_id",
            unique=True,
            postgresql_where=text("request_id IS NOT NULL AND deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = _pk()
    owner_id: Mapped[uuid.UUID] = _owner_fk()
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tailor_runs.id"), index=True)
    kind: Mapped[int] = mapped_column(SmallInteger)
    format: Mapped[int] = mapped_column(SmallInteger)
    template: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[int] = mapped_column(SmallInteger)
    request_id: Mapped[str | None]
    # sha256 of the request without its id (repositories.common.request_fingerprint).
    request_sha256: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(deferred=True, deferred_raiseload=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger, server_default="0")
    sha256: Mapped[str] = mapped_column(server_default="")
    content_type: Mapped[str] = mapped_column(server_default="")
    filename: Mapped[str] = mapped_column(server_default="")
    attempts: Mapped[int] = mapped_column(server_default="0")
    lease_token: Mapped[uuid.UUID | None]
    lease_expires_at: Mapped[datetime | None]
    worker_id: Mapped[str] = mapped_column(server_default="")
    error: Mapped[str] = mapped_column(server_default="")
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()
    deleted_at: Mapped[datetime | None]


class OutboxJob(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        # The relay's scan: unpublished jobs, oldest first.
        Index(
            "ix_outbox_pending",
            "created_at",
            postgresql_where=text("published_at IS NULL"),
        ),
    )

    # Also the AMQP message_id, so consumers can de-duplicate.
    id: Mapped[uuid.UUID] = _pk()
    routing_key: Mapped[str]
    payload: Mapped[bytes]
    created_at: Mapped[datetime] = _now()
    published_at: Mapped[datetime | None]
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(server_default="0")
    # AMQP headers the job is published with: the creating call's request id (never text).
    headers: Mapped[dict[str, Any]] = mapped_column(
        JSONB(), server_default=text("'{}'::jsonb"), nullable=False
    )
