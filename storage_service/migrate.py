"""Programmatic migrations: `upgrade(database_url)` brings a database to the latest revision."""

from __future__ import annotations

import asyncio
import concurrent.futures
from pathlib import Path

from alembic import command
from alembic.config import Config

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def alembic_config(database_url: str) -> Config:
    cfg = Config(str(ALEMBIC_INI))
    # Passed as an attribute, not through the ini: a URL may hold '%' (escaped passwords),
    # which ConfigParser interpolation would mangle.
    cfg.attributes["database_url"] = database_url
    return cfg


def _upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def upgrade(database_url: str) -> None:
    """Migrates to head. Sync; the async env runs its own event loop with asyncio.run, so when
    called from a thread that already runs a loop it does the work in a helper thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _upgrade(database_url)
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_upgrade, database_url).result()
