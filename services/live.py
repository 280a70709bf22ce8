"""Live delivery inside one process: one feed per tenant with local subscribers, fanned out to bounded buffers.

Each process listens once per tenant channel, whatever the number of local subscribers, and resolves each event
once: who among its local users received a tenant-wide send is one query. Their new unread counts are read beside
the fan-out, not before it (`LiveInboxes._read_counts`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import inbox
from pubsub import RESYNC, Channels
from services.notification import Notification, decode_event, tenant_channel
from services.tasks import forget_cancellation

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
Receivers = tuple[Sequence["Subscriber"], Item]  # subscribers that each receive one item
# Subscribers offered events between two turns of the event loop: 10 served mutations sooner and delivered more
# than 50 (BENCHMARKS.md); 2,000 left a send's mutation waiting behind the whole fan-out of the one before.
YIELD_EVERY = 10


class Subscriber:
    """A bounded buffer between the feed and one subscription. Not an asyncio.Queue: a tenant-wide send puts into
    every local subscriber in turn, and this does the least per put (a deque append, a wake-up if waiting).

    `deliver_now`, when the consumer sets it, lets the feed hand items over without waking the consumer: it is
    tried only while the consumer waits in `next()` with nothing queued (so it has finished with every earlier
    item and order is kept), and returns how many of the leading items it took. The rest are queued, as is
    everything when it fails."""

    __slots__ = (
        "_buffer",
        "_items",
        "_on_overflow",
        "_waiter",
        "closed",
        "counts",
        "deliver_now",
        "overflowed",
        "user_id",
    )

    def __init__(
        self, user_id: int, buffer: int, *, counts: bool, on_overflow: Callable[[], None] | None = None
    ) -> None:
        self.user_id = user_id
        self.counts = counts
        self.overflowed = False
        self.closed = False
        self._buffer = buffer
        # Made when an item must wait and dropped once drained: an empty deque is about 600 bytes, and an idle
        # subscription on the direct path never queues anything.
        self._items: deque[Item] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._on_overflow = on_overflow
        self.deliver_now: Callable[[Sequence[Item]], int] | None = None

    def offer(self, item: Item) -> None:
        self.offer_all((item,))

    def offer_all(self, items: Sequence[Item]) -> None:
        """`items` in order: handed over directly as far as `deliver_now` takes them, the rest queued."""
        if self.overflowed or self.closed:
            return
        waiter = self._waiter
        if self.deliver_now is not None and waiter is not None and not waiter.done() and not self._items:
            try:
                taken = self.deliver_now(items)
            except Exception:
                log.exception("delivering items directly failed; queueing them")
                taken = 0
            if taken:
                items = items[taken:]
        for item in items:
            self._queue(item)

    def _queue(self, item: Item) -> None:
        if self.overflowed:
            return
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
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def close(self) -> None:
        """The subscription has ended: items still on their way to it are dropped (they must not fill a buffer
        nobody reads, whose overflow would close the connection)."""
        self.closed = True
        self._items = None
        self.deliver_now = self._on_overflow = None

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
    tenant_id: str
    subscribers: dict[int, set[Subscriber]] = field(default_factory=dict)
    # Users with a count subscription, and how many: only they need their count read after a send.
    counting: dict[int, int] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None
    # Every subscriber, kept between changes (`_all`): making it for each tenant-wide event cost 3 % of a burst.
    everyone: Everyone | None = None
    # Users whose count subscribers are owed a fresh count, and the one task that reads them (`_read_counts`).
    due: set[int] = field(default_factory=set)
    reader: asyncio.Task[None] | None = None
    # Counts read, waiting for the feed's loop to take them (`_COUNTS_READ`), with the `resyncs` they were read in.
    read: list[tuple[int, list[Receivers]]] = field(default_factory=list)
    # RESYNCs sent to everyone so far: counts read before the latest one may be older than what each subscriber
    # reads for itself on RESYNCED, and must not follow it.
    resyncs: int = 0

    def join(self, subscriber: Subscriber) -> None:
        mine = self.subscribers.setdefault(subscriber.user_id, set())
        if subscriber in mine:
            return
        mine.add(subscriber)
        self.everyone = None
        if subscriber.counts:
            self.counting[subscriber.user_id] = self.counting.get(subscriber.user_id, 0) + 1

    def leave(self, subscriber: Subscriber) -> None:
        user_id = subscriber.user_id
        mine = self.subscribers.get(user_id)
        if mine is None or subscriber not in mine:
            return
        mine.discard(subscriber)
        self.everyone = None
        if not mine:
            del self.subscribers[user_id]
        if subscriber.counts:
            left = self.counting[user_id] - 1
            if left:
                self.counting[user_id] = left
            else:
                del self.counting[user_id]


class LiveInboxes:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        read_sessions: async_sessionmaker[AsyncSession],
        channels: Channels,
        buffer: int,
    ) -> None:
        self._sessions = sessions  # counts, which may be counted again and kept: a transaction
        self._read_sessions = read_sessions  # who received a send: one SELECT, in autocommit
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
                feed = _Feed(tenant_id)
                started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                feed.task = asyncio.create_task(self._run(feed, started), name=f"feed:{tenant_id}")
                try:
                    await started
                except BaseException:
                    feed.task.cancel()
                    raise
                self._feeds[tenant_id] = feed
            feed.join(subscriber)
        try:
            yield subscriber
        finally:
            subscriber.close()
            # Before waiting for the lock, which a second cancellation could interrupt: a subscriber left in the feed
            # would keep it running for good. Leaving needs no lock (no await); stopping an empty feed does.
            feed.leave(subscriber)
            async with lock:
                if not feed.subscribers and feed.task is not None:
                    feed.task.cancel()
                    await asyncio.gather(feed.task, return_exceptions=True)
                    forget_cancellation(feed.task)  # its frames hold the feed, which holds it
                    if self._feeds.get(tenant_id) is feed:
                        del self._feeds[tenant_id]

    async def _run(self, feed: _Feed, started: asyncio.Future[None]) -> None:
        try:
            async with self._channels.listen(tenant_channel(feed.tenant_id)) as queue:
                started.set_result(None)
                outgoing = _Outgoing()
                try:
                    while True:
                        await self._take(feed, outgoing, queue, await queue.get())
                        while outgoing:
                            outgoing.send(YIELD_EVERY)
                            # Writing to 10,000 sockets takes 130 to 200 ms here: the loop serves requests, pings and
                            # the next sends in between, and events that arrive meanwhile join what is on its way.
                            await asyncio.sleep(0)
                            while not queue.empty():
                                await self._take(feed, outgoing, queue, queue.get_nowait())
                finally:
                    reader = feed.reader
                    if reader is not None:  # ended with the feed: its connection is back before the engine goes
                        reader.cancel()
                        await asyncio.gather(reader, return_exceptions=True)
                        forget_cancellation(reader)
        except Exception as error:
            if not started.done():
                started.set_exception(error)
                return
            raise

    async def _take(self, feed: _Feed, outgoing: _Outgoing, queue: asyncio.Queue[str], raw: str) -> None:
        """Adds the event `raw` to what goes out. A subscriber that joins while earlier events go out, or while this
        one is resolved, catches up from the database, which holds them already; its watermark drops duplicates."""
        if raw is _COUNTS_READ:
            read, feed.read = feed.read, []
            for resyncs, receivers in read:
                if resyncs == feed.resyncs:
                    outgoing.add_all(receivers)
            return
        try:
            receivers = await self._resolve(feed, raw)
        except Exception:
            # A failed lookup must not end the feed; the affected subscribers catch up on resync.
            log.exception("resolving an event of tenant %s failed", feed.tenant_id)
            receivers = _resync(feed)
        outgoing.add_all(receivers)
        if feed.due and (feed.reader is None or feed.reader.done()):
            feed.reader = asyncio.create_task(self._read_counts(feed, queue), name=f"counts:{feed.tenant_id}")

    async def _read_counts(self, feed: _Feed, queue: asyncio.Queue[str]) -> None:
        """Read the counts of the users that are due, until none are, and hand them to the feed's loop through its
        queue (`_COUNTS_READ`), so that they go out in the order they were read.

        Beside the fan-out, not before it: reading 10,000 bells' counts after each send to their tenant takes about
        as long as writing the send to them, and made every send wait for the count reads of all the sends before
        it (BENCHMARKS.md). One read at a time, so each is at least as recent as the one before: the sends that
        come during a read are counted by the next one, once, rather than each by its own. The last read after the
        last change is always right, so counts are re-read rather than taken from the events: count events from
        different processes may arrive in any order."""
        while feed.due:
            users, feed.due = feed.due, set()
            resyncs = feed.resyncs
            # Those subscribed as the read starts, and only they: one that starts during the read reads its own count,
            # which may be newer than this read's without any event left to say so. For the others, a change that
            # commits during the read has its own event, after which the count is read again.
            watching = [(u, s) for u in users for s in feed.subscribers.get(u, ()) if s.counts]
            receivers: list[Receivers]
            try:
                async with self._sessions() as session, session.begin():
                    counts = await inbox.unread_counts(session, list(users))
            except Exception:
                log.exception("reading counts of tenant %s failed", feed.tenant_id)
                receivers = [([s for _, s in watching], RESYNCED)]  # each reads its own count when it catches up
            else:
                receivers = [((subscriber,), counts[user_id]) for user_id, subscriber in watching]
            feed.read.append((resyncs, receivers))
            queue.put_nowait(_COUNTS_READ)

    async def _resolve(self, feed: _Feed, raw: str) -> list[Receivers]:
        """Who among the local subscribers receives the event `raw`, and what: groups that each receive one item.
        Users whose count changed are marked due (`_read_counts`)."""
        if raw == RESYNC:
            return _resync(feed)
        event: dict[str, Any] = decode_event(raw)
        if event["k"] == "count":
            if event["u"] in feed.counting:
                feed.due.add(event["u"])
            return []
        if event["k"] != "added":
            return []
        notification: Notification = event["n"]
        listed: list[int] | None = event["u"]
        subscribers, counting = feed.subscribers, feed.counting
        local = [u for u in listed if u in subscribers] if listed is not None else list(subscribers)
        if not local:
            return []
        lookup = listed is None and not event.get("all")
        if lookup:
            async with self._read_sessions() as session:
                members = await inbox.delivered_among(session, notification.id, local)
            local = [u for u in local if u in members]
        if not counting:  # the usual case: nobody here subscribed to counts
            if listed is None and not lookup:  # the whole tenant, as it is now (nothing was awaited): made in C
                return [(_all(feed), notification)]
            return [(list(chain.from_iterable(subscribers.get(u, ()) for u in local)), notification)]
        feed.due.update(counting if listed is None and not lookup else (u for u in local if u in counting))
        listening = [s for u in local for s in subscribers.get(u, ()) if not s.counts]
        return [(listening, notification)]


def _resync(feed: _Feed) -> list[Receivers]:
    """Everyone catches up from the database, counts included: the counts due or being read are not needed."""
    feed.resyncs += 1
    feed.due.clear()
    return [(_all(feed), RESYNCED)]


# Put in a feed's queue when counts were read (`LiveInboxes._read_counts`). Only this object is taken for it: an
# event from the channel is a string of its own, never this one.
_COUNTS_READ = "counts read"


class _Outgoing:
    """Items on their way to subscribers, who are reached in turn (`send`). An event that arrives before a subscriber
    was reached leaves with the ones before it, in one write: the write system call is most of what a delivery
    costs, and a burst of sends to a tenant is then one pass over its subscribers rather than one each.

    What a subscriber is owed is its own items, then the items for everyone (`_everyone`) from the one it was
    owed first on: an item for a whole tenant costs nothing for the subscribers not reached yet, which already
    wait for it. Own items are added after the ones for everyone that came before them."""

    __slots__ = ("_base", "_everyone", "_next", "_order", "_pending", "_trim_at")

    def __init__(self) -> None:
        # Per subscriber owed something: its own items, and the number of the first item for everyone it is owed.
        self._pending: dict[Subscriber, tuple[tuple[Item, ...], int]] = {}
        self._everyone: list[Item] = []  # items for everyone, numbered from `_base`
        self._base = 0
        self._trim_at = _TRIM_AT  # when to let go of the items for everyone that nobody is owed any more
        # Each subscriber with pending items appears once past `_next`, in the order it first had one.
        self._order: list[Subscriber] = []
        self._next = 0

    def __bool__(self) -> bool:
        return bool(self._pending)

    def add_all(self, receivers: list[Receivers]) -> None:
        """One event: groups of subscribers that each receive one item, in the order they are to be reached."""
        for subscribers, item in receivers:
            if not subscribers:
                continue  # nobody to owe it to: an item for everyone would wait for whoever comes next
            pending, order, everyone = self._pending, self._order, self._everyone
            head = self._base + len(everyone)  # the number the next item for everyone gets
            if not pending:  # a single send, or the first of a burst, often to the whole tenant: made in C
                if isinstance(subscribers, Everyone):
                    everyone.append(item)
                    self._pending = dict.fromkeys(subscribers, ((), head))
                else:
                    self._pending = dict.fromkeys(subscribers, ((item,), head))
                order.extend(self._pending)  # each once, if listed twice
                continue
            if isinstance(subscribers, Everyone):
                # Those owed something already are owed this too (`_everyone`); the others are owed from it on.
                everyone.append(item)
                fresh = [subscriber for subscriber in subscribers if subscriber not in pending]
                pending.update(dict.fromkeys(fresh, ((), head)))
                order.extend(fresh)
                continue
            for subscriber in subscribers:
                owed = pending.get(subscriber)
                if owed is None:
                    pending[subscriber] = ((item,), head)
                    order.append(subscriber)
                else:  # after what it is owed (it may be listed twice in this event)
                    own, first = owed
                    pending[subscriber] = ((*own, *everyone[first - self._base :], item), head)

    def send(self, count: int) -> None:
        """Offers their items to the next `count` subscribers."""
        order, pending, everyone, base, start = self._order, self._pending, self._everyone, self._base, self._next
        end = min(start + count, len(order))
        for subscriber in order[start:end]:
            try:
                own, first = pending.pop(subscriber)
                owed = everyone[first - base :]
                subscriber.offer_all((*own, *owed) if own else owed)
            except Exception:
                log.exception("offering items to a subscriber failed")
        if end == len(order):
            order.clear()
            end = 0
        elif end > 4096 and end * 2 > len(order):  # a long burst keeps adding: forget who was reached
            del order[:end]
            end = 0
        self._next = end
        if not pending:
            everyone.clear()
            self._base, self._trim_at = 0, _TRIM_AT
        elif len(everyone) >= self._trim_at:
            # Sends that keep coming faster than a pass never leave nothing pending: drop what nobody is owed.
            # Scanning everyone pending is paid for by the items that came since the last time.
            oldest = min(first for _, first in pending.values())
            del everyone[: oldest - base]
            self._base = oldest
            self._trim_at = max(_TRIM_AT, 2 * len(everyone))


_TRIM_AT = 64


class Everyone(tuple["Subscriber", ...]):
    """Every subscriber of a feed (`_all`), each once: a group `_Outgoing` need not look at one by one. A tuple:
    one is shared by every event until the feed changes."""


def _all(feed: _Feed) -> Everyone:
    everyone = feed.everyone
    if everyone is None:
        everyone = feed.everyone = Everyone(chain.from_iterable(feed.subscribers.values()))
    return everyone
