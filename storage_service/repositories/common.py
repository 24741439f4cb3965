"""Helpers shared by repositories: id parsing and keyset paging."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import asyncpg
from google.protobuf.message import Message
from sqlalchemy import Select, literal, null, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from kit import limits
from storage_service.errors import AlreadyExists, InvalidArgument, NotFound

# What a deletion wipes at once, in the deleting transaction: the personal payload of the
# row (the rest stays for the purge, which removes the row for good). Nothing reads a deleted
# row's payload: every read and claim skips deleted rows.
WIPED_RESUME: dict[str, Any] = {"content": b""}
# (null(): SQL NULL; a plain None would be stored in the JSONB column as JSON null.)
WIPED_RUN: dict[str, Any] = {"result": null(), "result_pb": None}
WIPED_ARTIFACT: dict[str, Any] = {"content": None}


def parse_id(value: str, what: str) -> uuid.UUID:
    """A UUID, or NotFound: a malformed id cannot name a row, so it is reported like one
    that does not exist (the caller learns nothing from the difference)."""
    parsed = try_parse_id(value)
    if parsed is None:
        raise NotFound(what)
    return parsed


def try_parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return None


@dataclass(frozen=True)
class PageRequest:
    size: int
    after: tuple[datetime, uuid.UUID] | None


def page_request(page_size: int, page_token: str, kind: str) -> PageRequest:
    if page_size < 0:
        raise InvalidArgument("page_size", f"must be between 0 and {limits.MAX_PAGE_SIZE}")
    size = limits.DEFAULT_PAGE_SIZE if page_size == 0 else min(page_size, limits.MAX_PAGE_SIZE)
    after = decode_token(page_token, kind) if page_token else None
    return PageRequest(size=size, after=after)


def encode_token(kind: str, created_at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps({"k": kind, "t": created_at.isoformat(), "i": str(row_id)})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


_TOKEN_YEARS = (2000, 9000)  # any row's created_at is within these


def decode_token(token: str, kind: str) -> tuple[datetime, uuid.UUID]:
    """Opaque to callers; a token of another list kind or a tampered one is rejected."""
    try:
        padded = token + "=" * (-len(token) % 4)
        data: Any = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(data, dict) or data.get("k") != kind:
            raise ValueError("wrong kind")
        created_at = datetime.fromisoformat(data["t"])
        if created_at.tzinfo is None:
            raise ValueError("naive time")
        # A forged time the database cannot hold ("0001-01-01T00:00:00+05:00") would fail
        # the query itself: only times a row of ours could have pass.
        if not _TOKEN_YEARS[0] <= created_at.astimezone(UTC).year <= _TOKEN_YEARS[1]:
            raise ValueError("time out of range")
        if not isinstance(data["i"], str):
            raise TypeError("id is not a string")
        return created_at, uuid.UUID(data["i"])
    except (ValueError, KeyError, TypeError, OverflowError, binascii.Error, UnicodeError) as exc:
        raise InvalidArgument("page_token", "invalid page token") from exc


def paged(stmt: Select[Any], model: Any, page: PageRequest) -> Select[Any]:
    """Newest first, id as tie-break; fetches one extra row to know if a next page exists."""
    if page.after is not None:
        created_at, row_id = page.after
        stmt = stmt.where(
            tuple_(model.created_at, model.id) < tuple_(literal(created_at), literal(row_id))
        )
    return stmt.order_by(model.created_at.desc(), model.id.desc()).limit(page.size + 1)


def split_page(rows: list[Any], page: PageRequest, kind: str) -> tuple[list[Any], str]:
    if len(rows) <= page.size:
        return rows, ""
    rows = rows[: page.size]
    last = rows[-1]
    return rows, encode_token(kind, last.created_at, last.id)


def request_fingerprint(request: Message) -> str:
    """What makes two requests with one request id the same request: every field but the
    id, serialised deterministically and hashed."""
    copy = type(request)()
    copy.CopyFrom(request)
    copy.ClearField("request_id")
    return hashlib.sha256(copy.SerializeToString(deterministic=True)).hexdigest()


def same_request(existing: Any, fingerprint: str) -> None:
    """Raise AlreadyExists when `existing` (a run or an artifact found by its request id)
    was created by a different request. Rows from before fingerprints (NULL) pass."""
    if existing.request_sha256 is not None and existing.request_sha256 != fingerprint:
        raise AlreadyExists("request_id: already used for a different request")


async def insert_row(connection: asyncpg.Connection, row: Any) -> None:
    """Writes a new row object (a model instance used only to hold values) with one prepared
    INSERT of the attributes it was given, on the hot path's asyncpg connection; server
    defaults fill the rest, and the creation time is read back with the insert."""
    values = {key: value for key, value in vars(row).items() if not key.startswith("_")}
    sql = _insert_sql(type(row).__tablename__, tuple(values))
    row.created_at = await connection.fetchval(sql, *values.values())


@functools.lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    placeholders = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) RETURNING created_at"
    )


class Sql(Protocol):
    """One SQL statement with $n parameters in the call's transaction: an asyncpg
    connection (the hot calls), or a session through `SessionSql`. Rules written once in
    SQL (quota.py) serve both."""

    async def fetchrow(self, query: str, *args: Any) -> Any: ...


class SessionSql:
    """`Sql` on a session: the statement goes to the driver as written, in the session's
    transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def fetchrow(self, query: str, *args: Any) -> Any:
        connection = await self._session.connection()
        return (await connection.exec_driver_sql(query, args)).first()
