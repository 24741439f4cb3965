"""Key administration: scopes and expiry reach AuthenticateApiKey; revocation and expiry
refuse the key; each admin action is audited without a key or a hash; the CLI lists keys
without secrets; revocations are pushed to watchers as they commit."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from kit.api_keys import key_sha256
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from storage_service.keys import (
    create_api_key,
    expire_api_key,
    list_api_keys,
    revoke_api_key,
)


async def _authenticate(
    stub: storage_pb2_grpc.StorageServiceStub, raw: str
) -> storage_pb2.AuthenticateApiKeyResponse:
    return await stub.AuthenticateApiKey(
        storage_pb2.AuthenticateApiKeyRequest(key_sha256=key_sha256(raw))
    )


async def _key_id(database_url: str, owner: str) -> uuid.UUID:
    (info,) = await list_api_keys(database_url, owner)
    return info.id


async def test_scopes_and_expiry_reach_authentication(
    stub: storage_pb2_grpc.StorageServiceStub, database_url: str
) -> None:
    owner = f"keys-{uuid.uuid4().hex[:8]}"
    later = datetime.now(UTC) + timedelta(days=3)
    _, raw = await create_api_key(database_url, owner, scopes=("read",), expires_at=later)
    grant = await _authenticate(stub, raw)
    assert list(grant.scopes) == ["read"]
    assert abs(grant.expire_time.ToDatetime(tzinfo=UTC) - later) < timedelta(seconds=1)
    assert grant.key_id == str(await _key_id(database_url, owner))


async def test_a_revoked_or_expired_key_is_refused_and_each_action_is_audited(
    stub: storage_pb2_grpc.StorageServiceStub, database_url: str, db: AsyncEngine
) -> None:
    owner = f"keys-{uuid.uuid4().hex[:8]}"
    _, revoked = await create_api_key(database_url, owner, actor="cli:test")
    _, expired = await create_api_key(database_url, owner, actor="cli:test")
    first, second = (k.id for k in await list_api_keys(database_url, owner))
    await revoke_api_key(database_url, first, actor="cli:test")
    await expire_api_key(database_url, second, datetime.now(UTC), actor="cli:test")
    for raw in (revoked, expired):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await _authenticate(stub, raw)
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    async with db.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT actor, action, key_id, detail::text FROM audit_log "
                    "WHERE key_id IN (:a, :b) ORDER BY id"
                ),
                {"a": first, "b": second},
            )
        ).all()
    assert [(r.actor, r.action) for r in rows] == [
        ("cli:test", "key.created"),
        ("cli:test", "key.created"),
        ("cli:test", "key.revoked"),
        ("cli:test", "key.expiry_set"),
    ]
    everything = " ".join(str(v) for row in rows for v in row)
    for raw in (revoked, expired):
        assert raw not in everything and key_sha256(raw) not in everything


async def test_revoking_an_unknown_key_is_not_found(database_url: str) -> None:
    from storage_service.errors import NotFound

    with pytest.raises(NotFound):
        await revoke_api_key(database_url, uuid.uuid4())


async def test_a_revocation_is_pushed_to_watchers_as_it_commits(
    stub: storage_pb2_grpc.StorageServiceStub, database_url: str
) -> None:
    owner = f"keys-{uuid.uuid4().hex[:8]}"
    _, raw = await create_api_key(database_url, owner)
    feed = stub.WatchRevokedKeys(storage_pb2.WatchRevokedKeysRequest())
    assert (await asyncio.wait_for(feed.read(), 10)).key_sha256 == ""  # "forget all" first
    await revoke_api_key(database_url, await _key_id(database_url, owner))
    pushed = await asyncio.wait_for(feed.read(), 5)
    assert pushed.key_sha256 == key_sha256(raw)
    feed.cancel()


def test_the_cli_creates_lists_and_revokes_keys_without_showing_secrets(
    database_url: str,
) -> None:
    owner = f"keys-cli-{uuid.uuid4().hex[:8]}"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "storage_service.cli", "--database-url", database_url, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    created = cli(
        "create-key", "--owner", owner, "--scope", "read", "--expires-in-days", "2",
        "--label", "dashboard",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    raw = created.stdout.strip()
    assert raw.startswith("rba_")
    listed = cli("list-keys", "--owner", owner)
    (entry,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert entry["scopes"] == ["read"] and entry["label"] == "dashboard"
    assert entry["expires_at"] and entry["revoked_at"] is None
    assert raw not in listed.stdout and key_sha256(raw) not in listed.stdout
    assert cli("revoke-key", entry["id"]).returncode == 0
    (after,) = [json.loads(line) for line in cli("list-keys", "--owner", owner).stdout.splitlines()]
    assert after["revoked_at"]
    missing = cli("revoke-key", str(uuid.uuid4()))
    assert missing.returncode == 1 and "no API key with id" in missing.stderr
    refused = cli("create-key", "--owner", owner, "--scope", "everything")
    assert refused.returncode != 0
    assert cli("erase-owner", owner).returncode == 0
    unknown = cli("erase-owner", f"nobody-{uuid.uuid4().hex}")
    assert unknown.returncode == 1 and "no owner named" in unknown.stderr
