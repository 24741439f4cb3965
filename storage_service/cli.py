"""Database commands of the storage image (`python -m storage_service.cli --help`): what its
migration step runs, and the key commands scripts have called since the start. The operator's
whole command line -- these, plus runs, exports, dead letters and queues -- is
`resumeai-admin` (resumeai_admin/), which shares the helpers below.


    create-key --owner NAME [--scope read --scope write ...] [--expires-in-days N] [--label L]
    list-keys [--owner NAME]
    revoke-key KEY_ID
    expire-key KEY_ID (--in-days N | --now)
    erase-owner NAME        delete everything of an owner and destroy its data key
    rewrap                  re-wrap every data key with the current master key (rotation)
    migrate
    purge --older-than-seconds N

The database URL comes from --database-url or RESUMEAI_DATABASE_URL. create-key prints the
new key, once, and nothing else; list-keys prints one JSON object per key (id, owner, display
prefix, label, scopes, dates), never a key or its hash. Every key command is written to the
audit log (audit_log) with the operator's name."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.app import make_sealer
from storage_service.db.engine import make_engine, make_sessions
from storage_service.errors import NotFound
from storage_service.keys import (
    DEFAULT_SCOPES,
    SCOPES,
    cli_actor,
    create_api_key,
    expire_api_key,
    list_api_keys,
    revoke_api_key,
)
from storage_service.migrate import upgrade
from storage_service.owners import erase_owner
from storage_service.repositories.purge import purge_deleted
from storage_service.settings import DatabaseSettings, SealingSettings


async def purge_rows(database_url: str, older_than_seconds: int) -> dict[str, int]:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            return await purge_deleted(session, older_than_seconds)
    finally:
        await engine.dispose()


T = TypeVar("T")


def add_create_key_arguments(create: argparse.ArgumentParser) -> None:
    """A key's owner, scopes, expiry and label (this CLI's create-key, resumeai-admin's)."""
    create.add_argument("--owner", required=True, help="owner name")
    create.add_argument(
        "--scope",
        action="append",
        choices=SCOPES,
        help=f"what the key may do (repeat; default: {' '.join(DEFAULT_SCOPES)})",
    )
    create.add_argument("--expires-in-days", type=float, help="the key stops working after")
    create.add_argument("--label", help="a name for the key, shown when keys are listed")


def add_expire_key_arguments(expire: argparse.ArgumentParser) -> None:
    expire.add_argument("key_id", type=uuid.UUID)
    when = expire.add_mutually_exclusive_group(required=True)
    when.add_argument("--in-days", type=float)
    when.add_argument("--now", action="store_true")


async def create_key_from(url: str, args: argparse.Namespace) -> tuple[str, str]:
    """(owner id, the key) made from `add_create_key_arguments`' arguments; audited."""
    expires = days_from_now(args.expires_in_days) if args.expires_in_days else None
    return await create_api_key(
        url,
        args.owner,
        scopes=tuple(args.scope or DEFAULT_SCOPES),
        expires_at=expires,
        label=args.label,
        actor=cli_actor(),
    )


def expiry_from(args: argparse.Namespace) -> datetime:
    """When the key expires, from `add_expire_key_arguments`' arguments."""
    return datetime.now(UTC) if args.now else days_from_now(args.in_days)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m storage_service.cli")
    parser.add_argument("--database-url", default=None, help="default: RESUMEAI_DATABASE_URL")
    commands = parser.add_subparsers(dest="command", required=True)
    add_create_key_arguments(
        commands.add_parser("create-key", help="create an API key (and the owner if new)")
    )
    listing = commands.add_parser("list-keys", help="list keys (never the key or its hash)")
    listing.add_argument("--owner", help="only this owner's keys")
    revoke = commands.add_parser("revoke-key", help="revoke a key; gateways refuse it at once")
    revoke.add_argument("key_id", type=uuid.UUID)
    add_expire_key_arguments(commands.add_parser("expire-key", help="set when a key stops working"))
    erase = commands.add_parser(
        "erase-owner", help="delete all of an owner's data, revoke its keys, destroy its data key"
    )
    erase.add_argument("name")
    commands.add_parser("rewrap", help="re-wrap every owner's data key with the current master key")
    commands.add_parser("migrate", help="migrate the database to the latest revision")
    purge = commands.add_parser("purge", help="hard-delete rows soft-deleted long enough ago")
    purge.add_argument("--older-than-seconds", type=int, required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database_url or DatabaseSettings().database_url.get_secret_value()  # type: ignore[call-arg]
    if args.command == "create-key":
        _owner_id, raw_key = asyncio.run(create_key_from(url, args))
        sys.stdout.write(raw_key + "\n")
    elif args.command == "list-keys":
        for info in asyncio.run(list_api_keys(url, args.owner)):
            sys.stdout.write(json.dumps(plain(info), sort_keys=True) + "\n")
    elif args.command == "erase-owner":
        try:
            asyncio.run(in_transaction(url, lambda s: erase_owner(s, args.name, cli_actor())))
        except NotFound:
            sys.stderr.write(f"no owner named {args.name!r}\n")
            return 1
    elif args.command == "rewrap":
        sealer = make_sealer(SealingSettings())
        if sealer is None:
            sys.stderr.write("RESUMEAI_MASTER_KEYS is not set: nothing to re-wrap with\n")
            return 1
        rewrapped = asyncio.run(in_transaction(url, sealer.rewrap))
        sys.stdout.write(json.dumps({"rewrapped": rewrapped}) + "\n")
    elif args.command in ("revoke-key", "expire-key"):
        try:
            if args.command == "revoke-key":
                asyncio.run(revoke_api_key(url, args.key_id, actor=cli_actor()))
            else:
                asyncio.run(expire_api_key(url, args.key_id, expiry_from(args), actor=cli_actor()))
        except NotFound:
            sys.stderr.write(f"no API key with id {args.key_id}\n")
            return 1
    elif args.command == "migrate":
        upgrade(url)
    elif args.command == "purge":
        removed = asyncio.run(purge_rows(url, args.older_than_seconds))
        sys.stdout.write(json.dumps(removed, sort_keys=True) + "\n")
    return 0


async def in_transaction(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            done = await work(session)
            await session.commit()
            return done
    finally:
        await engine.dispose()


def days_from_now(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def plain(value: object) -> object:
    """`value` (dataclasses, dicts, sequences, dates, ids) as JSON-ready values."""
    if hasattr(value, "__dataclass_fields__"):
        value = asdict(value)  # type: ignore[call-overload]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


if __name__ == "__main__":
    raise SystemExit(main())
