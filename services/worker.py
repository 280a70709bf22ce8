"""The outbox worker: claims due deliveries (`models.outbox`), hands each to its channel, records the outcome.
First it writes the per-recipient rows of tenant and topic sends, which leave one row per channel
(`models.delivery.expand`).

Runs in every `serve` process unless DELIVERY_WORKER is off, and alone as `python main.py worker`; any number may
run against one database. A claim is a lease: a worker killed mid-batch loses nothing, its rows are due again when
the lease ends (and the one case where a repeat is possible, a crash after the provider accepted and before we
recorded it, carries the same stable id, `channels.base.delivery_key`).

What is claimed inside the user's quiet hours, or (email) before their digest window ends, is held: due again at
that time, its attempt given back (`services.timing`). A digest is one email for all of a user's due email.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, suppress
from datetime import datetime, timedelta

import channels
import metrics
from channels.base import Channel, Failed, Outcome, Retry, Sent
from models import delivery, outbox
from models.message import Priority
from services import timing
from services.errors import Unavailable
from services.runtime import Runtime
from settings import Settings

log = logging.getLogger("notifications.delivery")
# A result's status as an attempt's outcome (`metrics.delivered`).
_OUTCOMES = {outbox.SENT: "sent", outbox.PENDING: "retry", outbox.FAILED: "failed"}

# Deliveries one digest email lists at most; more in one window make several emails.
DIGEST_MAX = 100
# Batches a worker sends at once: while one is out, the next is claimed and sent, and the one before recorded.
IN_FLIGHT = 2
_SEND, _DIGEST = "send", "digest"


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
        """Work until cancelled: batches while there are due rows (`work_while_due`), then a look every poll
        interval."""
        while True:
            try:
                await self.work_while_due()
            except Unavailable:
                log.warning("outbox: the database is unavailable; trying again shortly")
            except Exception:
                # Whatever it was, the worker must outlive it: unrecorded claims come back after their lease.
                log.exception("outbox: a batch failed")
            await self._idle()

    async def work_while_due(self) -> int:
        """Batches until a claim finds less than a full one; returns how many rows were claimed. Up to IN_FLIGHT
        batches are out at once, each claimed only when it can start at once (its lease runs while it is sent, not
        while it waits) and recorded as soon as it is done, so one batch's claim and record overlap the others'
        sending."""
        await self.expand()
        claimed_total = 0
        sending: set[asyncio.Task[None]] = set()
        try:
            while True:
                if len(sending) >= IN_FLIGHT:
                    done, sending = await asyncio.wait(sending, return_when=asyncio.FIRST_COMPLETED)
                    # Each one's error read (two may fail together), the first raised.
                    failed = [error for error in [task.exception() for task in done] if error is not None]
                    if failed:
                        raise failed[0]
                now, claimed = await self._claim()
                claimed_total += len(claimed)
                if claimed:
                    sending.add(asyncio.create_task(self._deliver(claimed, now)))
                if len(claimed) < self.settings.delivery_batch:
                    break
        except asyncio.CancelledError:
            # The worker's end: the batches out are cut short, their rows due again when their leases end.
            for task in sending:
                task.cancel()
            raise
        finally:
            # Whatever else ended the round, the batches already out finish: sent and recorded.
            finished = await asyncio.gather(*sending, return_exceptions=True)
        for outcome in finished:
            if isinstance(outcome, BaseException):
                raise outcome
        return claimed_total

    async def _idle(self) -> None:
        """Until the next look: the poll interval (rows of other processes, retries coming due), or at once when
        a send of this process wrote rows."""
        written = self.runtime.outbox_written
        with suppress(TimeoutError):
            await asyncio.wait_for(written.wait(), self.settings.delivery_poll_seconds)
        written.clear()

    async def work_once(self) -> int:
        """One batch: claim, hold what must wait, deliver the rest concurrently, record. Returns how many were
        claimed."""
        await self.expand()
        now, claimed = await self._claim()
        if claimed:
            await self._deliver(claimed, now)
        return len(claimed)

    async def expand(self) -> int:
        """Write the recipients' rows of the sends that fanned out on this worker's channels (`delivery.expand`),
        each send in a transaction of its own; how many rows."""
        reaches = {name: channel.reach for name, channel in self.channels.items()}
        written = 0
        while True:
            async with self.runtime.transaction() as session:
                expanded = await delivery.expand(session, reaches)
            if expanded is None:
                return written
            written += expanded

    async def _claim(self) -> tuple[datetime, list[outbox.Claimed]]:
        """Up to a batch of due rows, leased to this worker, at the time returned."""
        now = self.runtime.now()
        lease = now + timedelta(seconds=self.settings.delivery_lease_seconds)
        # Each claim is one statement (on PostgreSQL), atomic on its own: its rows are leased once it returns.
        async with self.runtime.statements() as session:
            claimed = await outbox.claim(
                session, self.channels, now=now, lease_until=lease, limit=self.settings.delivery_batch
            )
            digesting = {item.user_id for item in claimed if self._plan(item, now) == _DIGEST}
            if digesting:
                # The rest of these users' due email, so that a window's digest is one email, not one per batch.
                claimed += await outbox.claim(
                    session, ["email"], now=now, lease_until=lease, limit=DIGEST_MAX * len(digesting), users=digesting
                )
        return now, claimed

    async def _deliver(self, claimed: list[outbox.Claimed], now: datetime) -> None:
        """Hold what must wait (as of `now`, the claim's time), deliver the rest concurrently, record every outcome
        in one transaction."""
        held: list[outbox.Result] = []
        singles: list[outbox.Claimed] = []
        digests: dict[int, list[outbox.Claimed]] = {}
        for item in claimed:
            plan = self._plan(item, now)
            if isinstance(plan, datetime):
                held.append(outbox.Result(item, outbox.PENDING, next_attempt_at=plan, held=True))
            elif plan == _DIGEST:
                digests.setdefault(item.user_id, []).append(item)
            else:
                singles.append(item)
        groups = [[item] for item in singles]
        for items in digests.values():
            items.sort(key=lambda item: (item.message.created_at, item.id))
            groups += [items[i : i + DIGEST_MAX] for i in range(0, len(items), DIGEST_MAX)]
        outcomes = await asyncio.gather(*(self._attempt(group) for group in groups))
        results = held + [
            result for group, outcome in zip(groups, outcomes, strict=True) for result in self._results(group, outcome)
        ]
        # Held rows were not attempted: they are no outcome.
        metrics.delivered((r.delivery.channel, _OUTCOMES[r.status]) for r in results if not r.held)
        async with self.runtime.statements() as session:
            await outbox.record(session, results)

    def _plan(self, item: outbox.Claimed, now: datetime) -> datetime | str:
        """What to do with `item` now: send it (`_SEND`), send it in its user's digest (`_DIGEST`), or hold it
        until the instant returned. URGENT is never held; channels that reach no person (webhooks) are not."""
        if not self.channels[item.channel].quiet or item.message.priority >= Priority.URGENT:
            return _SEND
        until = timing.quiet_until(now, item.timing)
        if until is not None:
            return until
        if item.channel == "email":
            due = timing.digest_due(item.message.created_at, item.timing)
            if due is not None:
                return due if due > now else _DIGEST
        return _SEND

    async def _attempt(self, items: list[outbox.Claimed]) -> Outcome:
        first = items[0]
        channel = self.channels[first.channel]
        try:
            async with asyncio.timeout(self.settings.delivery_timeout_seconds):
                if len(items) == 1 and not self._digested(first):
                    return await channel.deliver(first)
                return await channel.deliver_digest(items)
        except TimeoutError:
            return Retry(f"no answer within {self.settings.delivery_timeout_seconds:g} s")
        except Exception as error:
            # A channel's bug must not stop the others: this delivery is retried, and the error shows in the logs.
            log.exception("outbox: the %s channel failed on delivery %d", first.channel, first.id)
            return Retry(f"{type(error).__name__} in the {first.channel} channel")

    def _digested(self, item: outbox.Claimed) -> bool:
        return item.channel == "email" and item.timing.email_digest != "off" and item.message.priority < Priority.URGENT

    def _results(self, items: list[outbox.Claimed], outcome: Outcome) -> list[outbox.Result]:
        """The outcome of one message for each delivery it carried; a digest's retry is due at one time for all,
        so that they go together again."""
        now = self.runtime.now()
        if isinstance(outcome, Sent):
            return [outbox.Result(item, outbox.SENT, sent_at=now) for item in items]
        if isinstance(outcome, Failed):
            return [outbox.Result(item, outbox.FAILED, error=outcome.reason[:500]) for item in items]
        delay = backoff(max(item.attempt for item in items), self.settings) if outcome.after is None else outcome.after
        due = now + timedelta(seconds=min(delay, self.settings.delivery_retry_max_seconds))
        results = []
        for item in items:
            if item.attempt >= self.settings.delivery_max_attempts:
                reason = f"gave up after {item.attempt} attempts: {outcome.reason}"
                results.append(outbox.Result(item, outbox.FAILED, error=reason[:500]))
            else:
                results.append(outbox.Result(item, outbox.PENDING, next_attempt_at=due, error=outcome.reason[:500]))
        return results


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
