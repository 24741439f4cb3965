"""resumeai-admin: the operator's command line.

Every command prints JSON lines (one object per item) on stdout, so scripts can read it;
messages for people go to stderr. Exit codes: 0 done; 1 the thing asked for does not exist
or is in the wrong state (nothing was changed); 2 a usage error; 3 the database or the broker
could not be reached. Nothing printed holds document text: ids, statuses, counts, dates.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import aio_pika
from pydantic import SecretStr
from pydantic_settings import BaseSettings

from kit.jobs import KINDS
from kit.settings import SETTINGS_CONFIG
from resumeai_admin import dead_letters
from storage_service import operations
from storage_service.app import make_sealer
from storage_service.backlog import snapshot
from storage_service.cli import (
    add_create_key_arguments,
    add_expire_key_arguments,
    create_key_from,
    expiry_from,
    in_transaction,
    plain,
    purge_rows,
)
from storage_service.db.pg import Pg
from storage_service.errors import FailedPrecondition, NotFound
from storage_service.keys import (
    cli_actor,
    expire_api_key,
    list_api_keys,
    revoke_api_key,
)
from storage_service.migrate import upgrade
from storage_service.owners import erase_owner
from storage_service.settings import SealingSettings

T = TypeVar("T")
DONE, REFUSED, USAGE, UNREACHABLE = 0, 1, 2, 3
QUEUES = tuple(KINDS)  # tailor, export
_ITEM_KINDS = {"runs": "run", "exports": "export"}


class AdminSettings(BaseSettings):
    """Where the database and the broker are (flags override; .env is read as by services)."""

    model_config = SETTINGS_CONFIG

    database_url: SecretStr = SecretStr("postgresql+asyncpg://postgres@127.0.0.1:5432/resumeai")
    amqp_url: SecretStr = SecretStr("amqp://guest:guest@127.0.0.1:5672/")


class Refused(Exception):
    """Exit 1: the message says what does not exist or what state is in the way."""


def _print(item: object) -> None:
    sys.stdout.write(json.dumps(plain(item), sort_keys=True) + "\n")


# --- commands ---------------------------------------------------------------------------


async def _keys(args: argparse.Namespace, db: str) -> None:
    if args.command == "create":
        owner_id, raw_key = await create_key_from(db, args)
        # The key itself is shown once, here, and stored only as a hash.
        _print({"owner_id": owner_id, "api_key": raw_key})
    elif args.command == "list":
        for info in await list_api_keys(db, args.owner):
            _print(info)
    else:
        try:
            if args.command == "revoke":
                await revoke_api_key(db, args.key_id, actor=cli_actor())
            else:
                await expire_api_key(db, args.key_id, expiry_from(args), actor=cli_actor())
        except NotFound:
            raise Refused(f"no API key with id {args.key_id}") from None
        _print({"key_id": args.key_id, "done": args.command})


async def _items(args: argparse.Namespace, db: str) -> None:
    kind = operations.KINDS[_ITEM_KINDS[args.group]]

    async def act(session: Any) -> object:
        if args.command == "show":
            return await operations.show(session, kind, args.id)
        if args.command == "retry":
            await operations.retry(session, kind, args.id)
        else:
            await operations.fail(session, kind, args.id, args.reason)
        return {"id": args.id, "done": args.command}

    try:
        _print(await in_transaction(db, act))
    except (NotFound, FailedPrecondition) as error:
        raise Refused(str(error)) from None


async def _dead_letters(args: argparse.Namespace, db: str, amqp: str) -> None:
    if args.command == "list":
        for queue in [args.queue] if args.queue else QUEUES:
            for letter in await dead_letters.peek(amqp, queue, args.limit):
                _print(letter)
        return
    wanted = set(args.id or ())

    def selected(letter: dead_letters.DeadLetter) -> bool:
        return args.all or letter.message_id in wanted

    retry: Callable[[str], Awaitable[str]] | None = None
    if args.command == "requeue":
        kind = next(k for k in operations.KINDS.values() if k.name == args.queue)

        async def retry(item_id: str) -> str:
            async def again(session: Any) -> None:
                await operations.retry(session, kind, item_id)

            try:
                await in_transaction(db, again)
            except (NotFound, FailedPrecondition) as error:
                return f"dropped: {error}"
            return "requeued"

    handled = await dead_letters.settle(amqp, args.queue, selected, retry)
    for item in handled:
        _print(item)
    missing = wanted - {item.message_id for item in handled}
    if missing:
        raise Refused(f"not in {args.queue}.dead: {', '.join(sorted(missing))}")


async def _queues(db: str, amqp: str) -> None:
    connection = await aio_pika.connect(amqp)
    try:
        channel = await connection.channel()
        for name in (*QUEUES, *(f"{q}.dead" for q in QUEUES)):
            declared = await channel.declare_queue(name, passive=True)
            result = declared.declaration_result
            _print(
                {
                    "queue": name,
                    "messages": result.message_count,
                    "consumers": result.consumer_count,
                }
            )
    finally:
        await connection.close()
    pg = Pg(db, 1)
    try:
        async with pg.connection(transaction=False) as sql:
            now = await snapshot(sql)
    finally:
        await pg.close()
    for (kind, status), count in sorted(now.items.items()):
        _print({"backlog": kind, "status": status, "items": count})
    for kind, age in sorted(now.oldest_queued_s.items()):
        _print({"backlog": kind, "oldest_queued_s": round(age, 1)})
    _print({"outbox_pending": now.outbox_pending, "oldest_s": round(now.outbox_oldest_s, 1)})


async def _db(args: argparse.Namespace, db: str) -> None:
    if args.command == "migrate":
        await asyncio.to_thread(upgrade, db)
        _print({"migrated": True})
    elif args.command == "purge":
        _print(await purge_rows(db, args.older_than_seconds))
    else:
        sealer = make_sealer(SealingSettings())
        if sealer is None:
            raise Refused("RESUMEAI_MASTER_KEYS is not set: nothing to re-wrap with")
        _print({"rewrapped": await in_transaction(db, sealer.rewrap)})


async def _owners(args: argparse.Namespace, db: str) -> None:
    try:
        await in_transaction(db, lambda s: erase_owner(s, args.name, cli_actor()))
    except NotFound:
        raise Refused(f"no owner named {args.name!r}") from None
    _print({"erased": args.name})


# --- parser -----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="resumeai-admin",
        description=__doc__.split("\n\n", 1)[0],
        epilog="exit codes: 0 done, 1 not found or wrong state (nothing changed), "
        "2 usage, 3 database or broker unreachable",
    )
    top.add_argument("--database-url", help="default: RESUMEAI_DATABASE_URL")
    top.add_argument("--amqp-url", help="default: RESUMEAI_AMQP_URL")
    groups = top.add_subparsers(dest="group", required=True, metavar="GROUP")

    keys = groups.add_parser("keys", help="API keys: create, list, revoke, expire")
    key = keys.add_subparsers(dest="command", required=True)
    add_create_key_arguments(
        key.add_parser("create", help="a new key (and its owner if new); printed once")
    )
    key.add_parser("list", help="keys (never a key or its hash)").add_argument(
        "--owner", help="only this owner's keys"
    )
    key.add_parser("revoke", help="gateways refuse it at once").add_argument(
        "key_id", type=uuid.UUID
    )
    add_expire_key_arguments(key.add_parser("expire", help="set when a key stops working"))

    for group, noun in (("runs", "tailor run"), ("exports", "export")):
        items = groups.add_parser(group, help=f"one {noun}: show, retry, fail")
        item = items.add_subparsers(dest="command", required=True)
        item.add_parser("show", help="status, attempts, worker, lease, error").add_argument("id")
        item.add_parser("retry", help="a FAILED one back to the queue").add_argument("id")
        fail = item.add_parser("fail", help="end a queued or running one as FAILED")
        fail.add_argument("id")
        fail.add_argument("--reason", required=True, help="stored as its error")

    dead = groups.add_parser("dead-letters", help="jobs that failed every delivery")
    letter = dead.add_subparsers(dest="command", required=True)
    listing = letter.add_parser("list", help="ids, reason and count (the queue is unchanged)")
    listing.add_argument("--queue", choices=QUEUES, help="default: every queue")
    listing.add_argument("--limit", type=int, default=100)
    for command, what in (
        ("requeue", "retry each item (FAILED back to QUEUED) and remove its dead letter"),
        ("drop", "remove dead letters without retrying their items"),
    ):
        settle = letter.add_parser(command, help=what)
        settle.add_argument("--queue", choices=QUEUES, required=True)
        chosen = settle.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--id", action="append", help="a message id from list (repeat)")
        chosen.add_argument("--all", action="store_true")

    groups.add_parser("queues", help="messages and consumers per queue; the database backlog")

    owners = groups.add_parser("owners", help="erase an owner's data")
    owner = owners.add_subparsers(dest="command", required=True)
    owner.add_parser(
        "erase", help="delete all of an owner's data, revoke its keys, destroy its data key"
    ).add_argument("name")

    db = groups.add_parser("db", help="migrate, purge, re-wrap data keys")
    upkeep = db.add_subparsers(dest="command", required=True)
    upkeep.add_parser("migrate", help="to the latest revision")
    upkeep.add_parser("purge", help="hard-delete rows soft-deleted long enough ago").add_argument(
        "--older-than-seconds", type=int, required=True
    )
    upkeep.add_parser("rewrap", help="re-wrap every data key with the current master key")
    return top


def _run(work: Coroutine[Any, Any, None]) -> int:
    try:
        asyncio.run(work)
    except Refused as refused:
        sys.stderr.write(f"resumeai-admin: {refused}\n")
        return REFUSED
    except (OSError, aio_pika.exceptions.AMQPError) as error:
        # Connection refused, DNS, a closed broker channel (e.g. a queue not declared yet).
        sys.stderr.write(f"resumeai-admin: cannot reach the service: {type(error).__name__}\n")
        return UNREACHABLE
    return DONE


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = AdminSettings()
    db = args.database_url or settings.database_url.get_secret_value()
    amqp = args.amqp_url or settings.amqp_url.get_secret_value()
    if args.group == "keys":
        return _run(_keys(args, db))
    if args.group in _ITEM_KINDS:
        return _run(_items(args, db))
    if args.group == "dead-letters":
        return _run(_dead_letters(args, db, amqp))
    if args.group == "queues":
        return _run(_queues(db, amqp))
    if args.group == "owners":
        return _run(_owners(args, db))
    return _run(_db(args, db))
