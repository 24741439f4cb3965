"""The hot reads on asyncpg (storage_service/fast.py) answer what the repositories answer:
owner scoping, the result only when asked, a sealed result opened with a data key that is
loaded (not cached), and old rows whose result lives only in JSON left to the repositories."""

from __future__ import annotations

import base64
import hashlib
import os
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage_service.db.pg import Pg
from storage_service.errors import NotFound
from storage_service.fast import FastReads
from storage_service.keys import create_api_key
from storage_service.sealing import Sealer
from tests.integration.storage.conftest import new_owner
from tests.integration.storage.helpers import (
    TAILOR,
    claim,
    complete_run,
    make_result,
    start_run,
    storage_server,
)

MASTER = os.urandom(32)


async def test_a_sealed_run_reads_the_same_through_a_fresh_reader(
    database_url: str, service_token: str, db: AsyncEngine
) -> None:
    owner = await new_owner(database_url)
    keys = {"k": base64.b64encode(MASTER).decode()}
    async with storage_server(database_url, service_token, master_keys=keys) as stub:
        run_id = (await start_run(stub, owner)).run.id
        claimed = await claim(stub, TAILOR, run_id)
        stored = await complete_run(stub, run_id, claimed.lease_token, make_result())
    # A reader with its own sealer: nothing cached, the owner's key is loaded and unwrapped.
    pg = Pg(database_url, 2)
    reader = FastReads(pg, Sealer({"k": MASTER}, "k"))
    try:
        bare = await reader.tailor_run(owner, run_id, with_result=False)
        full = await reader.tailor_run(owner, run_id, with_result=True)
        assert bare is not None and full is not None
        assert not bare.HasField("result")
        assert full.result == make_result()
        assert (full.status, full.score_after, full.metadata.model) == (
            stored.status,
            77.25,
            "extractive",
        )
        assert full.create_time == stored.create_time and full.options == stored.options
        other = await new_owner(database_url)
        for owner_id, wanted in ((other, run_id), (owner, str(uuid.uuid4())), (owner, "nope")):
            with pytest.raises(NotFound):
                await reader.tailor_run(owner_id, wanted, with_result=True)
        # A row from before the binary result: the repositories read its JSON copy.
        async with db.begin() as conn:
            await conn.execute(
                text("UPDATE tailor_runs SET result_pb = NULL WHERE id = :id"), {"id": run_id}
            )
        assert await reader.tailor_run(owner, run_id, with_result=True) is None
    finally:
        await pg.close()
        # This owner's key is wrapped by a master key no other test configures; the
        # rotation test re-wraps every key in the database, so it goes.
        async with db.begin() as conn:
            await conn.execute(text("DELETE FROM owner_keys WHERE owner_id = :o"), {"o": owner})


async def test_a_key_grant_as_the_repositories_give_it(database_url: str, db: AsyncEngine) -> None:
    owner_id, key = await create_api_key(database_url, f"fast-{uuid.uuid4().hex}")
    pg = Pg(database_url, 1)
    reader = FastReads(pg, None)
    try:
        grant = await reader.grant(hashlib.sha256(key.encode()).hexdigest().upper())
        assert str(grant.owner_id) == str(owner_id) and "read" in grant.scopes
        async with db.begin() as conn:
            await conn.execute(
                text("UPDATE api_keys SET revoked_at = now() WHERE owner_id = :o"),
                {"o": str(owner_id)},
            )
        with pytest.raises(NotFound):
            await reader.grant(hashlib.sha256(key.encode()).hexdigest())
    finally:
        await pg.close()
