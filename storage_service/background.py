"""Storage's periodic tasks (ServerSpec.background): the stale-item sweep and the purge of
soft-deleted rows. Each pass is one short transaction per kind; a failed pass (database down)
is logged and retried on the next tick. Logs carry ids and counts only."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

from kit.logging import get_logger
from storage_service.db.engine import SessionFactory, transaction
from storage_service.repositories import purge, sweep, work

log = get_logger(__name__)


async def sweep_once(
    sessions: SessionFactory, *, stale_queued_s: int, max_attempts: int
) -> dict[str, sweep.Swept]:
    """One sweep of runs and artifacts; a full batch is followed by another right away."""
    swept: dict[str, sweep.Swept] = {}
    for name, kind in (("tailor_run", work.RUNS), ("artifact", work.EXPORTS)):
        total = swept.setdefault(name, sweep.Swept())
        while True:
            async with transaction(sessions) as session:
                done = await sweep.sweep(
                    session, kind, stale_queued_s=stale_queued_s, max_attempts=max_attempts
                )
            total.requeued += done.requeued
            total.failed += done.failed
            for item_id in done.requeued:
                log.info(f"{name}.requeued", **{f"{name}_id": str(item_id)})
            for item_id in done.failed:
                log.warning(f"{name}.gave_up", **{f"{name}_id": str(item_id)})
            if len(done.requeued) + len(done.failed) < sweep.BATCH:
                break
    return swept


async def purge_once(sessions: SessionFactory, *, purge_after_s: int) -> dict[str, int]:
    async with transaction(sessions) as session:
        removed = await purge.purge_deleted(session, purge_after_s)
    if any(removed.values()):
        log.info("purge.done", **{f"removed_{k}": v for k, v in removed.items()})
    return removed


def periodic(
    name: str, interval_s: float, job: Callable[[], Awaitable[object]]
) -> Callable[[], Awaitable[None]]:
    """A background task running `job` every `interval_s` (with jitter, so replicas started
    together do not sweep in lockstep), surviving its failures."""

    async def loop() -> None:
        while True:
            await asyncio.sleep(interval_s * random.uniform(0.75, 1.25))
            try:
                await job()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning(f"{name}.failed", error=type(error).__name__)

    return loop
