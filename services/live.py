"""Live delivery inside one process: one feed per tenant with local subscribers, fanned out to bounded buffers.

An event's way through a process:
1. `LiveInboxes._run`: the process listens once per tenant channel, whatever the number of local subscribers.
2. `LiveInboxes._resolve`: who among the local subscribers receives the event, resolved once: who among its local
   users received a tenant-wide send is one query. Their new unread counts are read beside the fan-out, not
   before it (`LiveInboxes._read_counts`).
3. `_Outgoing`: the items on their way. Subscribers are reached in turn, a few per turn of the event loop, each
   offered everything it is owed by then at once.
4. `Subscriber`: each subscription's bounded buffer. While its consumer waits with nothing queued, items go past
   the buffer to its `Handover` (`services.subscriptions`), which hands them to the connection's outlet: the
   transport frames and writes them in the feed's own turn of the loop.

No event is lost for good, whichever process failed to publish it: a tenant's events are numbered without holes
(`models.sequence`), so a feed that hears a number out of turn has every subscriber catch up from the database, and
a lost last event is found by `LiveInboxes.check_numbers`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import logs
import metrics
from models import delivery, sequence, unread
from pubsub import RESYNC, Channels
from services.notification import Notification, decode_event, tenant_channel
from services.tasks import forget_cancellation

log = logging.getLogger("notifications.live")


class Signal(Enum):
    """In-band markers in a subscriber's buffer: its consumer acts on them rather than sending them."""

    RESYNCED = "resynced"  # pub/sub was interrupted: catch up from the database
    OVERFLOWED = "overflowed"  # the buffer filled: this subscriber is finished


RESYNCED = Signal.RESYNCED
OVERFLOWED = Signal.OVERFLOWED

Item = Notification | int | Signal
Receivers = tuple[Sequence["Subscriber"], Item]  # subscribers that each receive one item
# How often a process compares its feeds' event numbers with the database's (`LiveInboxes.check_numbers`).
CHECK_EVERY = 2.0
# Subscribers offered events between two turns of the event loop: few, so that the next sends' mutations are served
# during a pass rather than after it (BENCHMARKS.md, *Coalesced fan-out*).
YIELD_EVERY = 10


class Handover(Protocol):
    """A subscription's way past its buffer, set by its consumer: it sends items to the subscription's connection
    without waking the consumer (`services.subscriptions`)."""

    def take(self, items: Sequence[Item]) -> int:
        """Sends the leading items of `items` it can, at once, in one write; how many of them it took."""
        ...


class Subscriber:
    """A bounded buffer between the feed and one subscription. Not an asyncio.Queue: a tenant-wide send puts into
    every local subscriber in turn, and this does the least per put (a deque append, a wake-up if waiting).

    - Items reach the consumer in the order offered, whichever way they go. `handover` is tried only while the
      consumer waits in `next()` with nothing queued (it has finished with every earlier item); what it does not
      take, and everything offered otherwise, is queued behind what is queued already.
    - At most `buffer` items are queued. One more overflows it: what is queued is dropped for OVERFLOWED, the last
      item the consumer gets, and `on_overflow` is called.
    - Only an `open` subscriber takes items. It stops for good when it overflows or its subscription ends (`close`).
    """

    __slots__ = ("_buffer", "_items", "_on_overflow", "_waiter", "counts", "handover", "open", "user_id")

    def __init__(
        self, user_id: int, buffer: int, *, counts: bool, on_overflow: Callable[[], None] | None = None
    ) -> None:
        self.user_id = user_id
        self.counts = counts
        self.open = True
        self.handover: Handover | None = None
        self._buffer = buffer
        # Made when an item must wait and dropped once drained: an idle subscription on the direct path never queues
        # anything, and an empty deque per idle bell adds up (BENCHMARKS.md, *Memory per connection*).
        self._items: deque[Item] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._on_overflow = on_overflow

    def offer(self, item: Item) -> None:
        self.offer_all((item,))

    def offer_all(self, items: Sequence[Item]) -> None:
        """`items` in order: handed over as far as `handover` takes them, the rest queued."""
        if not self.open:
            return
        waiter, handover = self._waiter, self.handover
        if handover is not None and waiter is not None and not waiter.done() and not self._items:
            try:
                taken = handover.take(items)
            except Exception:
                log.exception("handing items over failed; queueing them")
                taken = 0
            if taken:
                items = items[taken:]
        for item in items:
            self._queue(item)

    def _queue(self, item: Item) -> None:
        if not self.open:
            return
        items = self._items
        if items is None:
            items = self._items = deque()
        if len(items) >= self._buffer:
            # Never block the feed for one slow reader: drop its buffer and tell it to go.
            self.open = False
            items.clear()
            item = OVERFLOWED
            metrics.slow_client_dropped()
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
        self.open = False
        self._items = None
        self.handover = self._on_overflow = None

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
    """One tenant's channel, listened to while the tenant has local subscribers (`LiveInboxes._run`).

    - `subscribers` holds each local subscription under its user; `counting`, how many of a user's are count
      subscriptions: only those users need their count read after a send.
    - `everyone`, while set, is every subscriber in `subscribers` (`_all`); joining or leaving unsets it.
    - `read` holds only counts whose read began after the latest RESYNC to everyone (`resyncs` numbers those): a
      count read before may be older than the one each subscriber reads for itself on RESYNCED.
    - Every event numbered up to `seen` is in what the subscribers have had, live or by catching up
      (`models.sequence`); None: not known (the database could not be read), until `check_numbers` has everyone
      catch up.
    """

    tenant_id: str
    subscribers: dict[int, set[Subscriber]] = field(default_factory=dict)
    counting: dict[int, int] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None
    # Kept between changes rather than made for each tenant-wide event.
    everyone: Everyone | None = None
    # Users whose count subscribers are owed a fresh count, and the one task that reads them (`_read_counts`).
    due: set[int] = field(default_factory=set)
    reader: asyncio.Task[None] | None = None
    read: list[list[Receivers]] = field(default_factory=list)  # waiting for the feed's loop (`_COUNTS_READ`)
    resyncs: int = 0
    seen: int | None = None
    # The database's number at the last check, if it was ahead of `seen`: an event may have been lost.
    behind: int = 0
    queue: asyncio.Queue[str] | None = None  # the channel's messages, our own RESYNCs (`check_numbers`), _COUNTS_READ
    # When the events of the fan-out on its way were published (`metrics.fanned_out`).
    published: list[float] = field(default_factory=list)

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
        self.check_every = CHECK_EVERY  # this process's own: a test that changes it changes no other runtime's

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
                # The tenant's feed, not its first subscriber's: log lines carry no caller's ids.
                feed.task = asyncio.create_task(
                    self._run(feed, started), name=f"feed:{tenant_id}", context=logs.unattributed()
                )
                try:
                    await started
                except BaseException:
                    feed.task.cancel()
                    # Not awaited (this one may be cancelled again): its cancellation is let go of when it ends.
                    feed.task.add_done_callback(forget_cancellation)
                    raise
                self._feeds[tenant_id] = feed
            feed.join(subscriber)
        metrics.subscription_started()
        try:
            yield subscriber
        finally:
            metrics.subscription_ended()
            subscriber.close()
            # Before waiting for the lock, which a second cancellation could interrupt: a subscriber left in the feed
            # would keep it running for good. Leaving needs no lock (no await); stopping an empty feed does.
            feed.leave(subscriber)
            if not feed.subscribers:
                # Shielded: a second cancellation here would leave an empty feed listening, or its task's frames
                # (which hold the feed) to the collector.
                await asyncio.shield(self._stop_if_empty(feed, lock))

    async def _stop_if_empty(self, feed: _Feed, lock: asyncio.Lock) -> None:
        async with lock:
            if not feed.subscribers and feed.task is not None:
                feed.task.cancel()
                await asyncio.gather(feed.task, return_exceptions=True)
                forget_cancellation(feed.task)  # its frames hold the feed, which holds it
                if self._feeds.get(feed.tenant_id) is feed:
                    del self._feeds[feed.tenant_id]

    async def _run(self, feed: _Feed, started: asyncio.Future[None]) -> None:
        try:
            async with self._channels.listen(tenant_channel(feed.tenant_id)) as queue:
                # Listening first, then the number: an event numbered above it is heard. Before any subscriber
                # reads the database, so one numbered at or below it is in what they read.
                feed.queue = queue
                feed.seen = await self._latest(feed.tenant_id)
                started.set_result(None)
                outgoing = _Outgoing()
                try:
                    while True:
                        await self._take(feed, outgoing, queue, await queue.get())
                        while outgoing:
                            outgoing.send(YIELD_EVERY)
                            # A pass over a large tenant's sockets is long: the loop serves requests, pings and the
                            # next sends in between, and events that arrive meanwhile join what is on its way.
                            await asyncio.sleep(0)
                            while not queue.empty():
                                await self._take(feed, outgoing, queue, queue.get_nowait())
                        if feed.published:
                            metrics.fanned_out(feed.published)
                            feed.published.clear()
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
        if raw == _COUNTS_READ:
            for receivers in feed.read:
                outgoing.add_all(receivers)
            feed.read.clear()
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
        it (BENCHMARKS.md, *Counts beside the fan-out*). One read at a time, so each is at least as recent as the
        one before: the sends that come during a read are counted by the next one, once, rather than each by its
        own. The last read after the last change is always right, so counts are re-read rather than taken from the
        events: count events from different processes may arrive in any order."""
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
                    counts = await unread.unread_counts(session, list(users))
            except Exception:
                log.exception("reading counts of tenant %s failed", feed.tenant_id)
                receivers = [([s for _, s in watching], RESYNCED)]  # each reads its own count when it catches up
            else:
                receivers = [((subscriber,), counts[user_id]) for user_id, subscriber in watching]
            if resyncs == feed.resyncs:  # else everyone was told to read their own since the read began
                feed.read.append(receivers)
                queue.put_nowait(_COUNTS_READ)

    async def _resolve(self, feed: _Feed, raw: str) -> list[Receivers]:
        """Who among the local subscribers receives the event `raw`, and what: groups that each receive one item.
        Users whose count changed are marked due (`_read_counts`)."""
        if raw == RESYNC:
            # Read before anyone catches up: what it numbers is then in what they read.
            feed.seen = await self._latest(feed.tenant_id)
            return _resync(feed)
        event: dict[str, Any] = decode_event(raw)
        if event["k"] == "count":
            if event["u"] in feed.counting:
                feed.due.add(event["u"])
            return []
        if event["k"] == "woke":
            return self._woke(feed, event)
        if event["k"] != "added":
            return []
        seen, seq = feed.seen, event.get("s")  # none from a process of an earlier version
        if seen is not None and seq is not None:
            if seq <= seen:
                return []  # stored before a catch-up that everyone here has made since
            feed.seen = seq
            if seq != seen + 1:
                # An event was lost (its publish failed, or its sender died): all of them are stored by now.
                return _resync(feed)
        notification: Notification = event["n"]
        listed: list[int] | None = event["u"]
        subscribers, counting = feed.subscribers, feed.counting
        local = [u for u in listed if u in subscribers] if listed is not None else list(subscribers)
        if not local:
            return []
        published = event.get("t")  # none from a process of an earlier version
        if published is not None:
            feed.published.append(published)
        lookup = listed is None and not event.get("all")
        if lookup:
            async with self._read_sessions() as session:
                members = await delivery.delivered_among(session, notification.id, local)
            local = [u for u in local if u in members]
        if not counting:  # the usual case: nobody here subscribed to counts
            if listed is None and not lookup:  # the whole tenant, as it is now (nothing was awaited): made in C
                return [(_all(feed), notification)]
            return [(list(chain.from_iterable(subscribers.get(u, ()) for u in local)), notification)]
        feed.due.update(counting if listed is None and not lookup else (u for u in local if u in counting))
        listening = [s for u in local for s in subscribers.get(u, ()) if not s.counts]
        return [(listening, notification)]

    def _woke(self, feed: _Feed, event: dict[str, Any]) -> list[Receivers]:
        """A notification back from a snooze (`services.snooze`): to its users' notification subscribers again, and
        their counts read anew."""
        local = [u for u in event["u"] if u in feed.subscribers]
        feed.due.update(u for u in local if u in feed.counting)
        listening = [s for u in local for s in feed.subscribers[u] if not s.counts]
        return [(listening, event["n"])]

    async def check_numbers(self) -> None:
        """Runs for the life of the process. A lost event with none after it is not noticed by its feed: every
        `check_every` seconds, one query reads the latest numbers of the tenants listened to here, and a feed that
        has still not heard of the number the database had at the check before catches up (an event is published
        only after it is committed, so it may be on its way for a while)."""
        failing = False
        while True:
            await asyncio.sleep(self.check_every)
            failing = await self._check_numbers_once(failing)

    async def _check_numbers_once(self, failing: bool) -> bool:
        """One check of `check_numbers`; whether it failed. A frame of its own: the feeds it looked at are let go of
        when it returns, not held through the sleep until the next check (for good, if the tenants have gone)."""
        feeds = [feed for feed in self._feeds.values() if feed.queue is not None]
        if not feeds:
            return failing
        try:
            async with self._read_sessions() as session:
                latest = await sequence.latest(session, {feed.tenant_id for feed in feeds})
        except Exception as error:
            if not failing:
                log.warning("checking the tenants' event numbers failed (%s); trying again", error)
            return True
        for feed in feeds:
            seen, queue = feed.seen, feed.queue
            if queue is None or not queue.empty():
                continue  # events not taken yet may be the ones missing: the next check decides
            if seen is None or seen < feed.behind:
                queue.put_nowait(RESYNC)  # in turn with the events, as a reconnected Redis's
                feed.behind = 0
            else:
                feed.behind = latest[feed.tenant_id] if latest[feed.tenant_id] > seen else 0
        return False

    async def _latest(self, tenant_id: str) -> int | None:
        """The number of the tenant's latest event, or None if the database cannot say now. A feed cancelled while it
        starts lets the read end rather than cut it: a query cancelled on asyncpg leaves an error nobody retrieves."""
        read = asyncio.ensure_future(self._read_latest(tenant_id))
        try:
            return await asyncio.shield(read)
        except asyncio.CancelledError:
            await asyncio.wait({read})  # not gather: cancelled again, it would cancel the read too
            raise

    async def _read_latest(self, tenant_id: str) -> int | None:
        try:
            async with self._read_sessions() as session:
                return (await sequence.latest(session, [tenant_id]))[tenant_id]
        except Exception as error:
            log.warning("reading tenant %s's event number failed (%s); checking again later", tenant_id, error)
            return None


def _resync(feed: _Feed) -> list[Receivers]:
    """Everyone catches up from the database, counts included: the counts due, being read or read are not needed."""
    feed.resyncs += 1
    feed.due.clear()
    feed.read.clear()
    everyone = _all(feed)
    metrics.resynced(len(everyone))
    return [(everyone, RESYNCED)]


# Put in a feed's queue when counts were read (`LiveInboxes._read_counts`). A string like the channel's messages, and
# equal to none of them: events are JSON objects, and pub/sub's RESYNC is another string.
_COUNTS_READ = "\x00counts read"


class _Outgoing:
    """Items on their way to a feed's subscribers, who are reached in turn (`send`), each offered everything it is
    owed at once. An event that arrives before a subscriber was reached leaves with the ones before it, in one
    write: the write system call is most of what a delivery costs, and a burst of sends to a tenant is then one
    pass over its subscribers rather than one each.

    An item for a whole feed (a group that is `Everyone`) is kept once, in `_everyone`, and numbered: it costs
    nothing for the subscribers not reached yet, which already wait for it.

    - `_owed` holds each subscriber owed anything, as `(own, since)`: it is owed the items `own`, then every item
      for everyone numbered `since` or later, in that order.
    - `_turn` holds the subscribers of `_owed`, each once, in the order they came to be owed: `send` reaches them
      from its front, and one owed anything again goes to its back.
    - The item for everyone numbered `n` is `_everyone[n - _first]`; those before `_first` are owed to nobody.
      With nothing owed, nothing is kept and numbers start again from 0.
    - Every subscriber owed anything is owed each item for everyone that came after it: so a group `Everyone`
      must hold every subscriber of the feed (`_all`).
    - An item of a subscriber's own that comes while it is owed items for everyone goes after them: they move into
      `own`, and `since` to the next number.
    """

    __slots__ = ("_everyone", "_first", "_let_go_at", "_owed", "_turn")

    def __init__(self) -> None:
        self._owed: dict[Subscriber, tuple[tuple[Item, ...], int]] = {}
        self._turn: deque[Subscriber] = deque()
        self._everyone: list[Item] = []
        self._first = 0
        self._let_go_at = _LET_GO_AT  # when to let go of the items for everyone that nobody is owed any more

    def __bool__(self) -> bool:
        return bool(self._owed)

    def add_all(self, receivers: list[Receivers]) -> None:
        """One event: groups of subscribers that each receive one item, in the order they are to be reached."""
        for subscribers, item in receivers:
            if not subscribers:
                continue  # nobody to owe it to: an item for everyone would wait for whoever comes next
            owed, turn, everyone = self._owed, self._turn, self._everyone
            head = self._first + len(everyone)  # the number the next item for everyone gets
            if not owed:  # a single send, or the first of a burst, often to the whole tenant: made in C
                if isinstance(subscribers, Everyone):
                    everyone.append(item)
                    self._owed = dict.fromkeys(subscribers, ((), head))
                else:
                    self._owed = dict.fromkeys(subscribers, ((item,), head))
                turn.extend(self._owed)  # each once, if listed twice
            elif isinstance(subscribers, Everyone):
                # Those owed something already are owed this too; the others are owed from it on.
                everyone.append(item)
                fresh = [subscriber for subscriber in subscribers if subscriber not in owed]
                owed.update(dict.fromkeys(fresh, ((), head)))
                turn.extend(fresh)
            else:
                for subscriber in subscribers:
                    was = owed.get(subscriber)
                    if was is None:
                        owed[subscriber] = ((item,), head)
                        turn.append(subscriber)
                    else:  # after what it is owed (it may be listed twice in this event)
                        own, since = was
                        owed[subscriber] = ((*own, *everyone[since - self._first :], item), head)

    def send(self, count: int) -> None:
        """Offers the next `count` subscribers everything they are owed."""
        owed, turn, everyone, first = self._owed, self._turn, self._everyone, self._first
        for _ in range(min(count, len(turn))):
            subscriber = turn.popleft()
            try:
                own, since = owed.pop(subscriber)
                later = everyone[since - first :]
                subscriber.offer_all((*own, *later) if own else later)
            except Exception:
                log.exception("offering items to a subscriber failed")
        if not owed:
            everyone.clear()
            self._first, self._let_go_at = 0, _LET_GO_AT
        elif len(everyone) >= self._let_go_at:
            self._let_go()

    def _let_go(self) -> None:
        """Sends that keep coming faster than a pass never leave nothing owed: drop what nobody is owed. Scanning
        everyone owed is paid for by the items that came since the last time."""
        oldest = min(since for _, since in self._owed.values())
        del self._everyone[: oldest - self._first]
        self._first = oldest
        self._let_go_at = max(_LET_GO_AT, 2 * len(self._everyone))


_LET_GO_AT = 64


class Everyone(tuple["Subscriber", ...]):
    """Every subscriber of a feed (`_all`), each once: a group `_Outgoing` need not look at one by one. A tuple:
    one is shared by every event until the feed changes."""


def _all(feed: _Feed) -> Everyone:
    everyone = feed.everyone
    if everyone is None:
        everyone = feed.everyone = Everyone(chain.from_iterable(feed.subscribers.values()))
    return everyone
