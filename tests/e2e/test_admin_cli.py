"""resumeai-admin, the installed entry point, against the running stack: keys made and revoked
reach the gateway; a dead-lettered job is requeued and its run finishes; the exit codes say
what happened."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
import grpc
import pytest

from kit.broker import DEAD_EXCHANGE
from kit.jobs import TAILOR
from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.e2e.conftest import auth, fresh_succeeded_run, wait_for
from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

ADMIN = Path(sys.executable).parent / "resumeai-admin"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def admin(database_url: str, amqp_url: str, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """(exit code, JSON lines printed, stderr) of one command."""
    done = subprocess.run(
        [str(ADMIN), "--database-url", database_url, "--amqp-url", amqp_url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "RESUMEAI_ENV_FILE": ""},
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, lines, done.stderr


async def test_keys_made_and_revoked_reach_the_gateway(
    stack: Stack,
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    database_url: str,
    amqp_url: str,
) -> None:
    owner = f"cli-{uuid.uuid4().hex[:8]}"
    code, [made], _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "keys", "create", "--owner", owner, "--scope", "read"
    )
    assert code == 0
    listing = resume_builder_pb2.ListTailorRunsRequest()
    await client.ListTailorRuns(listing, metadata=auth(made["api_key"]))

    code, keys, _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "keys", "list", "--owner", owner
    )
    assert code == 0 and len(keys) == 1 and keys[0]["scopes"] == ["read"]
    assert made["api_key"] not in json.dumps(keys)
    code, _, _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "keys", "revoke", keys[0]["id"]
    )
    assert code == 0

    async def refused() -> bool:
        try:
            await client.ListTailorRuns(listing, metadata=auth(made["api_key"]))
        except grpc.aio.AioRpcError as error:
            return error.code() == grpc.StatusCode.UNAUTHENTICATED
        return False

    assert await wait_for(refused, timeout_s=10)
    code, _, err = await asyncio.to_thread(
        admin, database_url, amqp_url, "keys", "revoke", str(uuid.uuid4())
    )
    assert code == 1 and "no API key" in err


async def test_a_dead_lettered_job_is_requeued_and_its_run_finishes(
    stack: Stack,
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    api_key: str,
    database_url: str,
    amqp_url: str,
) -> None:
    run_id = await fresh_succeeded_run(client, api_key)
    code, _, err = await asyncio.to_thread(admin, database_url, amqp_url, "runs", "retry", run_id)
    assert code == 1 and "succeeded, not failed" in err

    # As the last allowed delivery leaves it: the run FAILED, its job in tailor.dead.
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            "UPDATE tailor_runs SET status = $2, error = 'gave up after 6 attempts' WHERE id = $1",
            uuid.UUID(run_id),
            common_pb2.RUN_STATUS_FAILED,
        )
    finally:
        await connection.close()
    message_id = str(uuid.uuid4())
    broker = await aio_pika.connect(amqp_url)
    try:
        channel = await broker.channel()
        dead = await channel.get_exchange(DEAD_EXCHANGE)
        await dead.publish(
            aio_pika.Message(TAILOR.payload(run_id), message_id=message_id, type=TAILOR.type_name),
            routing_key=TAILOR.routing_key,
        )
    finally:
        await broker.close()

    code, shown, _ = await asyncio.to_thread(admin, database_url, amqp_url, "runs", "show", run_id)
    assert code == 0 and shown[0]["status"] == "failed" and shown[0]["error"]
    code, letters, _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "dead-letters", "list", "--queue", "tailor"
    )
    assert code == 0
    assert {"message_id": message_id, "item_id": run_id}.items() <= next(
        letter for letter in letters if letter["message_id"] == message_id
    ).items()

    code, handled, _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "dead-letters", "requeue", "--queue", "tailor",
        "--id", message_id,
    )  # fmt: skip
    assert code == 0 and handled == [
        {"message_id": message_id, "item_id": run_id, "outcome": "requeued"}
    ]

    async def succeeded() -> bool:
        run = await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run_id), metadata=auth(api_key)
        )
        return run.status == common_pb2.RUN_STATUS_SUCCEEDED

    assert await wait_for(succeeded, timeout_s=30)
    code, letters, _ = await asyncio.to_thread(
        admin, database_url, amqp_url, "dead-letters", "list", "--queue", "tailor"
    )
    assert message_id not in {letter["message_id"] for letter in letters}
    code, _, err = await asyncio.to_thread(
        admin, database_url, amqp_url, "dead-letters", "drop", "--queue", "tailor",
        "--id", message_id,
    )  # fmt: skip
    assert code == 1 and message_id in err


async def test_queues_and_an_unreachable_broker(
    stack: Stack, database_url: str, amqp_url: str
) -> None:
    code, rows, _ = await asyncio.to_thread(admin, database_url, amqp_url, "queues")
    assert code == 0
    assert {"tailor", "export", "tailor.dead", "export.dead"} <= {
        row["queue"] for row in rows if "queue" in row
    }
    assert any("outbox_pending" in row for row in rows)
    code, _, err = await asyncio.to_thread(
        admin, database_url, "amqp://guest:guest@127.0.0.1:1/", "queues"
    )
    assert code == 3 and "cannot reach" in err
