"""Retention: `python main.py purge`, and the same pass every `RETENTION_INTERVAL_SECONDS` in each server process.

Deletes expired notifications, read ones read more than `RETENTION_DAYS` ago (when set), and messages left with no
inbox row (by this pass, or by their recipients deleting theirs), in batches of `RETENTION_BATCH` rows, each its own
short transaction, so that sends and reads wait at most one batch for a lock. On PostgreSQL one process purges at a
time.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from models import retention
from models.base import utcnow
from services.errors import ServiceError
from services.runtime import Runtime

log = logging.getLogger("notifications.retention")

# A message no inbox row refers to (it reached nobody, or its recipients deleted their rows) is kept this long: a
# repeat of its send with the same idempotency key finds it.
KEEP_UNDELIVERED = timedelta(days=1)
_USERS_PER_BATCH = 100
_MESSAGES_PER_BATCH = 50
_LOCK_KEYS = (0x4E6F74, 0x5075)  # "Not", "Pu": apart from the tenants' send locks (services/runtime.py)


@dataclass
class Purged:
    inbox_rows: int = 0
    messages: int = 0
    skipped: bool = False  # another process was purging


async def purge(runtime: Runtime, now: datetime | None = None) -> Purged:
    """One pass over every user's inbox and every message."""
    now = now or utcnow()
    settings = runtime.settings
    days = settings.retention_days
    read_before = now - timedelta(days=days) if days is not None else None
    async with _alone(runtime) as alone:
        if not alone:
            return Purged(skipped=True)
        purged = Purged()
        candidates = await _inbox(runtime, now, read_before, settings.retention_batch, purged)
        await _messages(runtime, now, candidates, purged)
    log.info("purged %d inbox rows and %d messages", purged.inbox_rows, purged.messages)
    return purged


async def _inbox(runtime: Runtime, now: datetime, read_before: datetime | None, batch: int, purged: Purged) -> set[int]:
    """Deletes the due inbox rows, user by user; returns the messages they were of."""
    of: set[int] = set()
    after = 0
    while True:
        async with runtime.reading() as session:
            users = await retention.users_after(session, after, _USERS_PER_BATCH)
        if not users:
            return of
        after = users[-1]
        while True:
            async with runtime.transaction() as session:
                gone = await retention.delete_inbox_rows(session, users, now, read_before, batch)
            purged.inbox_rows += len(gone)
            of.update(gone)
            if len(gone) < batch:
                break


async def _messages(runtime: Runtime, now: datetime, candidates: set[int], purged: Purged) -> None:
    """Deletes the messages of `candidates` no row refers to any more, the expired ones and the old undelivered."""
    created_before = now - KEEP_UNDELIVERED
    after: int | None = 0
    while after is not None:
        async with runtime.reading() as session:
            chosen, after = await retention.messages_after(
                session, after, runtime.settings.retention_batch, now, created_before
            )
        candidates.update(chosen)
        if after is None or len(candidates) >= _MESSAGES_PER_BATCH:
            ordered = sorted(candidates)
            candidates.clear()
            for start in range(0, len(ordered), _MESSAGES_PER_BATCH):
                async with runtime.transaction() as session:
                    chunk = ordered[start : start + _MESSAGES_PER_BATCH]
                    purged.messages += await retention.delete_unreferenced_messages(session, chunk)


@asynccontextmanager
async def _alone(runtime: Runtime) -> AsyncIterator[bool]:
    """Whether this process may purge now: on PostgreSQL, holding a session advisory lock while it does."""
    if runtime.engine.dialect.name != "postgresql":
        yield True
        return
    async with runtime.connection() as connection:
        got = bool(await connection.scalar(select(func.pg_try_advisory_lock(*_LOCK_KEYS))))
        await connection.commit()  # the lock outlives the transaction; an open one would hold back VACUUM
        try:
            yield got
        finally:
            if got:
                await connection.execute(select(func.pg_advisory_unlock(*_LOCK_KEYS)))
                await connection.commit()


@asynccontextmanager
async def purging(runtime: Runtime) -> AsyncIterator[None]:
    """A purge every `RETENTION_INTERVAL_SECONDS` for the block's duration (nothing when it is 0)."""
    interval = runtime.settings.retention_interval_seconds
    if interval <= 0:
        yield
        return

    async def every() -> None:
        # Processes started together (a deploy) should not all look at once; only one purges anyway.
        await asyncio.sleep(random.uniform(0.5, 1.0) * interval)
        while True:
            try:
                await purge(runtime)
            except ServiceError as error:
                log.warning("purge failed (%s); trying again in %g s", error.message, interval)
            await asyncio.sleep(interval)

    task = asyncio.create_task(every(), name="retention")
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
