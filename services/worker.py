"""The outbox worker: claims due deliveries (`models.outbox`), hands each to its channel, records the outcome.

Runs in every `serve` process unless DELIVERY_WORKER is off, and alone as `python main.py worker`; any number may
run against one database. A claim is a lease: a worker killed mid-batch loses nothing, its rows are due again when
the lease ends (and the one case where a repeat is possible, a crash after the provider accepted and before we
recorded it, carries the same stable id, `channels.base.delivery_key`).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, suppress
from datetime import timedelta

import channels
import metrics
from channels.base import Channel, Failed, Outcome, Retry, Sent
from models import outbox
from models.base import utcnow
from services.errors import Unavailable
from services.runtime import Runtime
from settings import Settings

log = logging.getLogger("notifications.delivery")
# A result's status as an attempt's outcome (`metrics.delivered`).
_OUTCOMES = {outbox.SENT: "sent", outbox.PENDING: "retry", outbox.FAILED: "failed"}


def backoff(attempt: int, settings: Settings) -> float:
    """Seconds before the attempt after `attempt` (1: the first): doubling from the base, capped, half of it random
    so that deliveries failed together do not all come back together."""
    delay = min(settings.delivery_retry_max_seconds, settings.delivery_retry_base_seconds * 2.0 ** (attempt - 1))
    return delay / 2 + random.uniform(0, delay / 2)


class Worker:
    def __init__(self, runtime: Runtime, opened: Mapping[str, Channel]) -> None:
        self.runtime, self.channels = runtime, dict(opened)
        self.settings = runtime.settings

    async def run(self) -> None:
        """Work until cancelled: batch after batch while there are due rows, then a look every poll interval."""
        while True:
            try:
                worked = await self.work_once()
            except Unavailable:
                log.warning("outbox: the database is unavailable; trying again shortly")
                worked = 0
            except Exception:
                # Whatever it was, the worker must outlive it: unrecorded claims come back after their lease.
                log.exception("outbox: a batch failed")
                worked = 0
            if worked < self.settings.delivery_batch:
                await self._idle()

    async def _idle(self) -> None:
        """Until the next look: the poll interval (rows of other processes, retries coming due), or at once when
        a send of this process wrote rows."""
        written = self.runtime.outbox_written
        with suppress(TimeoutError):
            await asyncio.wait_for(written.wait(), self.settings.delivery_poll_seconds)
        written.clear()

    async def work_once(self) -> int:
        """One batch: claim, deliver concurrently, record. Returns how many were claimed."""
        now = utcnow()
        lease = now + timedelta(seconds=self.settings.delivery_lease_seconds)
        async with self.runtime.transaction() as session:
            claimed = await outbox.claim(
                session, self.channels, now=now, lease_until=lease, limit=self.settings.delivery_batch
            )
        if not claimed:
            return 0
        outcomes = await asyncio.gather(*(self._attempt(item) for item in claimed))
        results = [self._result(item, outcome) for item, outcome in zip(claimed, outcomes, strict=True)]
        metrics.delivered((result.delivery.channel, _OUTCOMES[result.status]) for result in results)
        async with self.runtime.transaction() as session:
            await outbox.record(session, results)
        return len(claimed)

    async def _attempt(self, item: outbox.Claimed) -> Outcome:
        try:
            async with asyncio.timeout(self.settings.delivery_timeout_seconds):
                return await self.channels[item.channel].deliver(item)
        except TimeoutError:
            return Retry(f"no answer within {self.settings.delivery_timeout_seconds:g} s")
        except Exception as error:
            # A channel's bug must not stop the others: this delivery is retried, and the error shows in the logs.
            log.exception("outbox: the %s channel failed on delivery %d", item.channel, item.id)
            return Retry(f"{type(error).__name__} in the {item.channel} channel")

    def _result(self, item: outbox.Claimed, outcome: Outcome) -> outbox.Result:
        now = utcnow()
        if isinstance(outcome, Sent):
            return outbox.Result(item, outbox.SENT, sent_at=now)
        if isinstance(outcome, Failed):
            return outbox.Result(item, outbox.FAILED, error=outcome.reason[:500])
        if item.attempt >= self.settings.delivery_max_attempts:
            reason = f"gave up after {item.attempt} attempts: {outcome.reason}"
            return outbox.Result(item, outbox.FAILED, error=reason[:500])
        delay = backoff(item.attempt, self.settings) if outcome.after is None else outcome.after
        due = now + timedelta(seconds=min(delay, self.settings.delivery_retry_max_seconds))
        return outbox.Result(item, outbox.PENDING, next_attempt_at=due, error=outcome.reason[:500])


@asynccontextmanager
async def delivering(runtime: Runtime) -> AsyncIterator[Worker | None]:
    """A worker on the configured channels for the block's duration (None, and nothing running, without any)."""
    if not runtime.settings.channel_names:
        yield None
        return
    opened = channels.opened(runtime.settings)
    worker = Worker(runtime, opened)
    task = asyncio.create_task(worker.run(), name="outbox-worker")
    try:
        yield worker
    finally:
        # Rows claimed by a batch cut short here are due again when their lease ends.
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        for channel in opened.values():
            await channel.aclose()
