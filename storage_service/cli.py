"""Operator commands: `python -m storage_service.cli create-key --owner NAME | migrate |
purge --older-than-seconds N`. The database URL comes from --database-url or
RESUMEAI_DATABASE_URL. create-key prints the new key, once, and nothing else."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from storage_service.db.engine import make_engine, make_sessions
from storage_service.keys import create_api_key
from storage_service.migrate import upgrade
from storage_service.repositories.purge import purge_deleted
from storage_service.settings import DatabaseSettings


async def _purge(database_url: str, older_than_seconds: int) -> dict[str, int]:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            return await purge_deleted(session, older_than_seconds)
    finally:
        await engine.dispose()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m storage_service.cli")
    parser.add_argument("--database-url", default=None, help="default: RESUMEAI_DATABASE_URL")
    commands = parser.add_subparsers(dest="command", required=True)
    key = commands.add_parser("create-key", help="create an API key (and the owner if new)")
    key.add_argument("--owner", required=True, help="owner name")
    commands.add_parser("migrate", help="migrate the database to the latest revision")
    purge = commands.add_parser("purge", help="hard-delete rows soft-deleted long enough ago")
    purge.add_argument("--older-than-seconds", type=int, required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database_url or DatabaseSettings().database_url.get_secret_value()  # type: ignore[call-arg]
    if args.command == "create-key":
        _owner_id, raw_key = asyncio.run(create_api_key(url, args.owner))
        sys.stdout.write(raw_key + "\n")
    elif args.command == "migrate":
        upgrade(url)
    elif args.command == "purge":
        removed = asyncio.run(_purge(url, args.older_than_seconds))
        sys.stdout.write(json.dumps(removed, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
