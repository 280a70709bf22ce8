"""Live delivery inside one process: one feed per tenant with local subscribers, fanned out to bounded buffers.

Each process listens once per tenant channel, whatever the number of local subscribers, and resolves each event
once: who among its local users received a tenant-wide send is one query, their new unread counts another.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import inbox
from pubsub import RESYNC, Channels
from services.notification import Notification, decode_event, tenant_channel

log = logging.getLogger("notifications.live")


class Signal:
    """In-band markers in a subscriber's buffer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Signal({self.name})"


RESYNCED = Signal("resynced")  # pub/sub was interrupted: catch up from the database
OVERFLOWED = Signal("overflowed")  # the buffer filled: this subscriber is finished

Item = Notification | int | Signal
YIELD_EVERY = 2000  # subscribers offered an event between two turns of the event loop


class Subscriber:
    """A bounded buffer between the feed and one subscription. Not an asyncio.Queue: a tenant-wide send puts into
    every local subscriber at once, and this does the least per put (a deque append, a wake-up if waiting).

    `deliver_now`, when the consumer sets it, lets the feed hand an item over without waking the consumer: it is
    tried only while the consumer waits in `next()` with nothing queued (so it has finished with every earlier
    item and order is kept), and returns True if it took the item. Anything it declines or fails on is queued."""

    __slots__ = ("_buffer", "_items", "_on_overflow", "_waiter", "counts", "deliver_now", "overflowed", "user_id")

    def __init__(
        self, user_id: int, buffer: int, *, counts: bool, on_overflow: Callable[[], None] | None = None
    ) -> None:
        self.user_id = user_id
        self.counts = counts
        self.overflowed = False
        self._buffer = buffer
        # Made when an item must wait and dropped once drained: an empty deque is about 600 bytes, and an idle
        # subscription on the direct path never queues anything.
        self._items: deque[Item] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._on_overflow = on_overflow
        self.deliver_now: Callable[[Item], bool] | None = None

    def offer(self, item: Item) -> None:
        if self.overflowed:
            return
        waiter = self._waiter
        if self.deliver_now is not None and waiter is not None and not waiter.done() and not self._items:
            try:
                if self.deliver_now(item):
                    return
            except Exception:
                log.exception("delivering an item directly failed; queueing it")
        items = self._items
        if items is None:
            items = self._items = deque()
        if len(items) >= self._buffer:
            # Never block the feed for one slow reader: drop its buffer and tell it to go.
            self.overflowed = True
            items.clear()
            item = OVERFLOWED
            # The reader may be stuck writing to a socket nobody reads, so it cannot be relied on to notice.
            if self._on_overflow is not None:
                self._on_overflow()
        items.append(item)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def next(self) -> Item:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        items = self._items
        item = items.popleft()
        if not items:
            self._items = None
        return item


@dataclass
class _Feed:
    subscribers: dict[int, set[Subscriber]] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None


class LiveInboxes:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channels: Channels, buffer: int) -> None:
        self._sessions = sessions
        self._channels = channels
        self._buffer = buffer
        self._feeds: dict[str, _Feed] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def subscriber_count(self) -> int:
        return sum(len(s) for feed in self._feeds.values() for s in feed.subscribers.values())

    @asynccontextmanager
    async def watch(
        self, tenant_id: str, user_id: int, *, counts: bool, on_overflow: Callable[[], None] | None = None
    ) -> AsyncIterator[Subscriber]:
        """A buffer that receives `user_id`'s events from the moment this returns until the block ends.
        `on_overflow` is called if it fills up (the subscriber is then finished)."""
        subscriber = Subscriber(user_id, self._buffer, counts=counts, on_overflow=on_overflow)
        # A tenant's lock is never dropped: a waiter on a dropped lock and a newcomer on a fresh one would each
        # think they own the feed. One small lock per tenant ever seen is the price.
        lock = self._locks.setdefault(tenant_id, asyncio.Lock())
        async with lock:
            feed = self._feeds.get(tenant_id)
            if feed is None or feed.task is None or feed.task.done():
                feed = _Feed()
                started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                feed.task = asyncio.create_task(self._run(tenant_id, feed, started), name=f"feed:{tenant_id}")
                try:
                    await started
                except BaseException:
                    feed.task.cancel()
                    raise
                self._feeds[tenant_id] = feed
            feed.subscribers.setdefault(user_id, set()).add(subscriber)
        try:
            yield subscriber
        finally:
            async with lock:
                mine = feed.subscribers.get(user_id, set())
                mine.discard(subscriber)
                if not mine:
                    feed.subscribers.pop(user_id, None)
                if not feed.subscribers and feed.task is not None:
                    feed.task.cancel()
                    await asyncio.gather(feed.task, return_exceptions=True)
                    if self._feeds.get(tenant_id) is feed:
                        del self._feeds[tenant_id]

    async def _run(self, tenant_id: str, feed: _Feed, started: asyncio.Future[None]) -> None:
        try:
            async with self._channels.listen(tenant_channel(tenant_id)) as queue:
                started.set_result(None)
                while True:
                    raw = await queue.get()
                    try:
                        await self._dispatch(feed, raw)
                    except Exception:
                        # A failed lookup must not end the feed; the affected subscribers catch up on resync.
                        log.exception("dispatching an event of tenant %s failed", tenant_id)
                        for subscriber in _all(feed):
                            subscriber.offer(RESYNCED)
        except Exception as error:
            if not started.done():
                started.set_exception(error)
                return
            raise

    async def _dispatch(self, feed: _Feed, raw: str) -> None:
        if raw == RESYNC:
            for subscriber in _all(feed):
                subscriber.offer(RESYNCED)
            return
        event: dict[str, Any] = decode_event(raw)
        if event["k"] == "count":
            # Re-read rather than trust the payload: count events from different processes may arrive in any
            # order, and the last read after the last change is always right.
            counting = [s for s in feed.subscribers.get(event["u"], ()) if s.counts]
            if counting:
                async with self._sessions() as session:
                    unread = (await inbox.unread_counts(session, [event["u"]]))[event["u"]]
                for subscriber in counting:
                    subscriber.offer(unread)
            return
        if event["k"] != "added":
            return
        notification: Notification = event["n"]
        listed: list[int] | None = event["u"]
        local = [u for u in listed if u in feed.subscribers] if listed is not None else list(feed.subscribers)
        if not local:
            return
        counted = [u for u in local if any(s.counts for s in feed.subscribers.get(u, ()))]
        counts: dict[int, int] = {}
        lookup = listed is None and not event.get("all")
        if lookup or counted:
            async with self._sessions() as session:
                if lookup:
                    members = await inbox.delivered_among(session, notification.id, local)
                    local = [u for u in local if u in members]
                    counted = [u for u in counted if u in members]
                counts = await inbox.unread_counts(session, counted)
        for done, user_id in enumerate(local, 1):
            for subscriber in list(feed.subscribers.get(user_id, ())):
                if not subscriber.counts:
                    subscriber.offer(notification)
                elif user_id in counts:  # one that joined during the lookup read its count after this commit
                    subscriber.offer(counts[user_id])
            if done % YIELD_EVERY == 0:
                # Writing to 10,000 sockets takes about 180 ms here: let the loop serve requests and pings in between
                # (in one run each, every 500 cost a third of the throughput; every 2,000 showed no loss). A subscriber
                # that joins meanwhile catches up from the database, which holds this notification already; its
                # watermark drops the duplicate.
                await asyncio.sleep(0)


def _all(feed: _Feed) -> list[Subscriber]:
    return [s for subs in feed.subscribers.values() for s in subs]
