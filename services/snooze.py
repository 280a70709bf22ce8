"""Snoozed notifications coming back: every process looks for ended snoozes, claims them (`models.snooze`), and
announces each on its tenant's channel once, so that every process delivers it to its open subscriptions
(`services.live`) and re-reads the counts watched there."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from models import snooze
from models.base import utcnow
from services.errors import Unavailable
from services.notification import Notification, tenant_channel, woke_event
from services.runtime import Runtime
from services.tasks import forget_cancellation

log = logging.getLogger("notifications.snooze")

# How often a process looks for ended snoozes: how late, at most, one is delivered live.
WAKE_EVERY = 1.0
WAKE_BATCH = 1_000


async def wake_due(runtime: Runtime) -> int:
    """Claim the snoozes ended by now, a batch at most, and announce them; how many rows were claimed."""
    async with runtime.transaction() as session:
        claimed = await snooze.claim_due(session, utcnow(), WAKE_BATCH)
        found = await snooze.messages(session, {message_id for _, message_id in claimed})
    users: dict[int, list[int]] = defaultdict(list)
    for user, message_id in claimed:
        users[message_id].append(user)
    for message in found:
        notification = replace(Notification.of(message), woke=True)
        await runtime.channels.publish(tenant_channel(message.tenant_id), woke_event(notification, users[message.id]))
    return len(claimed)


async def wake_snoozed(runtime: Runtime) -> None:
    """Runs for the life of the process: batch after batch while snoozes are due, then a look every WAKE_EVERY."""
    failing = False
    while True:
        try:
            claimed = await wake_due(runtime)
            failing = False
        except Unavailable:
            claimed = 0
            if not failing:
                log.warning("waking snoozed notifications: the database is unavailable; trying again")
            failing = True
        except Exception:
            claimed = 0
            log.exception("waking snoozed notifications failed; trying again")
        if claimed < WAKE_BATCH:
            await asyncio.sleep(WAKE_EVERY)


@asynccontextmanager
async def waking(runtime: Runtime) -> AsyncIterator[None]:
    """`wake_snoozed` for the block's duration: a server process's."""
    task = asyncio.create_task(wake_snoozed(runtime), name="wake-snoozed")
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        forget_cancellation(task)
