"""The tenant feed's outgoing side (`services.live`): what reaches each subscriber, in what order, in how many
writes, and a subscription's lifetime in its feed. The end-to-end path (Redis, the database, real sockets) is in
test_subscriptions and test_connections; these pin the merging that the benchmarks rely on, which no end-to-end
test can observe reliably."""

from __future__ import annotations

import asyncio
import gc
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from models.message import Priority
from pubsub import RESYNC
from services.auth import Principal
from services.live import _COUNTS_READ, OVERFLOWED, RESYNCED, Everyone, Subscriber, _all, _Feed, _Outgoing
from services.notification import Notification, added_event, tenant_channel
from services.preferences import PreferenceChanges, TypeOverride, update_preferences
from services.recipients import register_users
from services.runtime import Runtime
from services.sending import send_tenant_notification
from services.subscriptions import _Count, _Delivered
from tests.support import unique, until


class Writes:
    """A subscriber's handover that records each call (one write on a real socket) and takes all of it."""

    def __init__(self) -> None:
        self.calls: list[list[object]] = []

    def take(self, items: Sequence[object]) -> int:
        self.calls.append(list(items))
        return len(items)


async def waiting(user_id: int) -> tuple[Subscriber, Writes, asyncio.Task[object]]:
    """A subscriber whose consumer waits in `next()`, so items are handed over directly."""
    subscriber = Subscriber(user_id, 8, counts=False)
    subscriber.handover = writes = Writes()
    consumer = asyncio.create_task(subscriber.next())
    await asyncio.sleep(0)
    return subscriber, writes, consumer


async def test_events_that_arrive_before_a_subscriber_is_reached_leave_with_the_first_in_one_write() -> None:
    (a, a_writes, a_task), (b, b_writes, b_task), (c, c_writes, c_task) = [await waiting(u) for u in (1, 2, 3)]
    outgoing = _Outgoing()
    outgoing.add_all([([a, b, c], 1)])
    outgoing.send(1)  # a is reached; b and c are not yet
    assert a_writes.calls == [[1]] and b_writes.calls == c_writes.calls == []

    outgoing.add_all([([a, b, c], 2)])
    outgoing.add_all([([b, a], 3)])
    assert outgoing
    outgoing.send(2)
    # b and c first (waiting longest), each in one write of everything it is owed, in the order sent.
    assert b_writes.calls == [[1, 2, 3]] and c_writes.calls == [[1, 2]]
    assert a_writes.calls == [[1]]
    outgoing.send(2)
    assert a_writes.calls == [[1], [2, 3]]  # a second pass for the one reached before e2 came
    assert not outgoing
    for task in (a_task, b_task, c_task):
        assert not task.done()  # all handed over directly; no consumer was woken
        task.cancel()


@pytest.mark.parametrize("group", [list, Everyone])
async def test_a_long_burst_reaches_everyone_once_per_pass_in_order(
    group: Callable[[list[Subscriber]], Sequence[Subscriber]],
) -> None:
    waiting_ones = [await waiting(u) for u in range(50)]
    subscribers = [s for s, _, _ in waiting_ones]
    outgoing = _Outgoing()
    for event in range(20):
        outgoing.add_all([(group(subscribers), event)])
        outgoing.send(7)  # fewer per turn than subscribers: events keep arriving mid-pass
    while outgoing:
        outgoing.send(7)
    for _, writes, task in waiting_ones:
        received = [item for call in writes.calls for item in call]
        assert received == list(range(20))  # everything, once, in order
        assert len(writes.calls) < 20  # and in fewer writes than events
        task.cancel()


async def test_items_for_everyone_and_a_subscribers_own_arrive_in_the_order_they_came() -> None:
    (a, a_writes, a_task), (b, b_writes, b_task), (c, c_writes, c_task) = [await waiting(u) for u in (1, 2, 3)]
    outgoing = _Outgoing()
    outgoing.add_all([(Everyone([a, b, c]), 1)])
    outgoing.send(1)  # a is reached; b and c are owed 1 still
    outgoing.add_all([(Everyone([a, b, c]), 2)])  # a is owed it from now on; b and c already wait for everyone's
    outgoing.add_all([([b], 99)])  # b's own, after what it was owed of everyone's
    outgoing.add_all([(Everyone([a, b, c]), 3)])
    while outgoing:
        outgoing.send(1)
    assert a_writes.calls == [[1], [2, 3]]
    assert b_writes.calls == [[1, 2, 99, 3]] and c_writes.calls == [[1, 2, 3]]
    assert not outgoing._everyone  # nothing owed to anyone: let go
    for task in (a_task, b_task, c_task):
        task.cancel()


async def test_items_for_everyone_that_nobody_is_owed_are_let_go_under_steady_load() -> None:
    waiting_ones = [await waiting(u) for u in range(10)]
    subscribers = [s for s, _, _ in waiting_ones]
    outgoing = _Outgoing()
    longest = 0
    for event in range(300):
        outgoing.add_all([(Everyone(subscribers), event)])
        outgoing.send(3)  # fewer per turn than subscribers: something is always pending
        assert outgoing
        longest = max(longest, len(outgoing._everyone))
    while outgoing:
        outgoing.send(3)
    for _, writes, task in waiting_ones:
        assert [item for call in writes.calls for item in call] == list(range(300))
        task.cancel()
    assert longest < 150  # not all 300: those every subscriber has had are dropped


async def test_an_event_for_nobody_is_owed_to_nobody() -> None:
    a, a_writes, a_task = await waiting(1)
    outgoing = _Outgoing()
    outgoing.add_all([(Everyone([]), RESYNCED)])  # a resync of a feed whose subscribers all left
    outgoing.add_all([([a], 1)])
    while outgoing:
        outgoing.send(1)
    assert a_writes.calls == [[1]]
    a_task.cancel()


async def test_a_send_that_skipped_someone_never_reaches_them_when_the_feed_changes_during_the_lookup(
    runtime: Runtime,
) -> None:
    tenant = unique("t")
    ids = await register_users(runtime, tenant, ["a", "b", "c"])
    # c turns this type away, so the send does not reach the whole tenant and the feed looks up who it reached.
    await update_preferences(
        runtime, Principal("c", tenant), PreferenceChanges(type_overrides=[TypeOverride("sale", in_app=False)])
    )
    result = await send_tenant_notification(runtime, tenant=tenant, title="Sale", message="m", type="sale")
    assert (result.delivered, result.skipped) == (2, 1)
    feed = _Feed(tenant)
    a, b, c = (Subscriber(ids[user], 8, counts=False) for user in ("a", "b", "c"))
    for subscriber in (a, b, c):
        feed.join(subscriber)
    resolving = asyncio.create_task(runtime.live._resolve(feed, added_event(result.notification, None, 1)))
    await asyncio.sleep(0)  # now waiting for the lookup, with the tenant's users as they were
    feed.leave(a)  # a's subscription ends meanwhile: as many users left as the send reached
    receivers = [subscriber for group, _ in await resolving for subscriber in group]
    assert receivers == [b]


@asynccontextmanager
async def counts_unreadable(runtime: Runtime) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Until the block ends, or the callable it gives is awaited, no unread count can be read: another transaction
    holds the kept counts' table."""
    async with runtime.engine.connect() as blocker:
        await blocker.execute(text("LOCK TABLE unread_counts IN ACCESS EXCLUSIVE MODE"))
        yield blocker.rollback
        await blocker.rollback()


async def test_a_send_reaches_its_subscribers_while_their_counts_are_being_read(runtime: Runtime) -> None:
    tenant = unique("t")
    (user,) = (await register_users(runtime, tenant, ["a"])).values()
    async with (
        runtime.live.watch(tenant, user, counts=False) as added,
        runtime.live.watch(tenant, user, counts=True) as counted,
    ):
        async with counts_unreadable(runtime):
            result = await send_tenant_notification(runtime, tenant=tenant, title="Hello", message="m")
            item = await asyncio.wait_for(added.next(), 10)  # not held up by the count read, which cannot finish
            assert isinstance(item, Notification) and item.id == result.notification.id
            assert not counted._items
        assert await asyncio.wait_for(counted.next(), 10) == 1


async def test_counts_read_before_a_resync_do_not_follow_it(runtime: Runtime) -> None:
    tenant = unique("t")
    (user,) = (await register_users(runtime, tenant, ["a"])).values()
    async with runtime.live.watch(tenant, user, counts=True) as counted:
        feed = runtime.live._feeds[tenant]
        async with counts_unreadable(runtime):
            await send_tenant_notification(runtime, tenant=tenant, title="Hello", message="m")
            await until(lambda: feed.reader is not None and not feed.due)  # the send's count is being read
            await runtime.channels.publish(tenant_channel(tenant), RESYNC)
            assert await asyncio.wait_for(counted.next(), 10) is RESYNCED  # reads its own count
        reader = feed.reader
        assert reader is not None
        await asyncio.wait_for(reader, 10)
        await until(lambda: not feed.read)  # the feed's loop has taken the read
        assert not counted._items  # the count read before the RESYNC was dropped


async def test_counts_read_but_not_taken_yet_when_a_resync_comes_do_not_follow_it(runtime: Runtime) -> None:
    feed = _Feed(unique("t"))
    counted = Subscriber(1, 8, counts=True)
    feed.join(counted)
    outgoing, queue = _Outgoing(), asyncio.Queue[str]()
    feed.read.append([((counted,), 5)])  # read before the RESYNC, waiting for the feed's loop to take it
    await runtime.live._take(feed, outgoing, queue, RESYNC)
    await runtime.live._take(feed, outgoing, queue, _COUNTS_READ)
    outgoing.send(10)
    assert await counted.next() is RESYNCED  # it reads its own count
    assert not counted._items


async def test_a_count_read_goes_only_to_the_subscriptions_there_when_it_started(runtime: Runtime) -> None:
    """One that starts during the read reads its own count, which may be newer; the read's must not follow it."""
    tenant = unique("t")
    (user,) = (await register_users(runtime, tenant, ["a"])).values()
    async with runtime.live.watch(tenant, user, counts=True) as before:
        feed = runtime.live._feeds[tenant]
        async with counts_unreadable(runtime) as readable_again:
            await send_tenant_notification(runtime, tenant=tenant, title="Hello", message="m")
            await until(lambda: feed.reader is not None and not feed.due)  # the send's count is being read
            async with runtime.live.watch(tenant, user, counts=True) as during:
                await readable_again()  # the read goes on
                assert await asyncio.wait_for(before.next(), 10) == 1
                assert not during._items


@pytest.mark.parametrize("owed_before", [False, True])
async def test_a_subscriber_listed_twice_in_one_event_is_reached_once(owed_before: bool) -> None:
    # With nothing owed to anyone, an event is taken in C and a subscriber listed twice counts once; with items
    # already owed, one subscriber at a time, and it is owed the item twice (its watermark drops the second).
    (a, a_writes, a_task), (b, b_writes, b_task) = [await waiting(u) for u in (1, 2)]
    outgoing = _Outgoing()
    if owed_before:
        outgoing.add_all([([b], 0)])
    outgoing.add_all([([a, b, a], 1), ([a], 2)])
    while outgoing:
        outgoing.send(1)
    if owed_before:
        assert a_writes.calls == [[1, 1, 2]] and b_writes.calls == [[0, 1]]
    else:
        assert a_writes.calls == [[1, 2]] and b_writes.calls == [[1]]
    assert not outgoing._turn  # nobody left to reach: a second entry for `a` would have been popped twice
    a_task.cancel()
    b_task.cancel()


async def test_a_subscription_that_ended_gets_nothing_more_and_cannot_overflow() -> None:
    overflows: list[int] = []
    subscriber = Subscriber(1, 2, counts=False, on_overflow=lambda: overflows.append(1))
    subscriber.handover = writes = Writes()
    outgoing = _Outgoing()
    outgoing.add_all([([subscriber], i) for i in range(5)])  # owed more than its buffer holds
    subscriber.close()  # its operation completed before the feed reached it
    outgoing.send(10)
    assert writes.calls == [] and overflows == []
    subscriber.offer(5)  # nor is anything kept for it
    assert subscriber._items is None


async def test_an_overflowing_subscriber_ends_with_overflowed_and_takes_nothing_more() -> None:
    overflows: list[int] = []
    subscriber = Subscriber(1, 2, counts=False, on_overflow=lambda: overflows.append(1))
    for item in range(5):
        subscriber.offer(item)
    assert overflows == [1] and not subscriber.open  # told once, though three items found it full
    assert await subscriber.next() is OVERFLOWED  # what was queued is dropped: the consumer learns it is finished
    assert subscriber._items is None


def test_a_feed_counts_each_count_subscriber_once() -> None:
    feed = _Feed("t")
    counting, other = Subscriber(1, 8, counts=True), Subscriber(1, 8, counts=True)
    feed.join(counting)
    feed.join(counting)  # joining again changes nothing
    feed.join(other)
    assert feed.counting == {1: 2}
    feed.leave(counting)
    feed.leave(counting)  # nor does leaving twice
    assert feed.counting == {1: 1} and feed.subscribers == {1: {other}}
    feed.leave(other)
    assert feed.counting == {} and feed.subscribers == {}


def test_everyone_in_a_feed_is_whoever_is_in_it_at_the_time() -> None:
    feed = _Feed("t")
    a, b, b_again = Subscriber(1, 8, counts=False), Subscriber(2, 8, counts=False), Subscriber(2, 8, counts=True)
    feed.join(a)
    assert _all(feed) == (a,) and _all(feed) is _all(feed)  # kept while nobody joins or leaves
    feed.join(b)
    assert set(_all(feed)) == {a, b}
    feed.join(b_again)  # a second subscription of the same user
    assert set(_all(feed)) == {a, b, b_again}
    feed.leave(b)
    assert set(_all(feed)) == {a, b_again}
    feed.leave(a)
    feed.leave(b_again)
    assert _all(feed) == ()


async def test_a_subscription_that_ends_is_closed_and_its_feed_stops(runtime: Runtime) -> None:
    tenant = unique("t")
    async with runtime.live.watch(tenant, 1, counts=True) as subscriber:
        feed = runtime.live._feeds[tenant]
        assert feed.subscribers == {1: {subscriber}} and feed.counting == {1: 1}
    assert not subscriber.open  # what the feed still owed it is dropped (see the test above)
    assert feed.subscribers == {} and feed.counting == {}
    assert tenant not in runtime.live._feeds and feed.task is not None and feed.task.done()


async def test_a_subscription_cancelled_while_its_feed_starts_leaves_nothing_behind(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    """Subscribe/complete churn: cancelled at every point of starting its tenant's feed, a subscription ends
    cleanly (no error from the feed's task nor its channel's), and the tenant's feed is gone."""

    async def subscription(tenant: str) -> None:
        async with runtime.live.watch(tenant, 1, counts=False):
            await asyncio.Event().wait()

    for steps in range(40):
        tenant = unique("t")
        task = asyncio.create_task(subscription(tenant))
        for _ in range(steps):
            await asyncio.sleep(0)
        task.cancel()
        assert isinstance((await asyncio.gather(task, return_exceptions=True))[0], asyncio.CancelledError)
        feed = runtime.live._feeds.get(tenant)
        assert feed is None, f"a feed left running after {steps} steps"
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert not errors, [(r.getMessage(), r.exc_text) for r in errors]


async def test_a_feed_that_stops_while_it_reads_counts_is_freed_at_once(runtime: Runtime) -> None:
    """By its reference count, with the collector off: nothing cyclic (the cancelled tasks' frames hold the feed)
    leaves it to the collector (as tests/test_connection_churn.py checks for whole connections)."""
    tenant = unique("t")
    (user,) = (await register_users(runtime, tenant, ["a"])).values()
    collecting = gc.isenabled()
    gc.disable()
    try:
        async with counts_unreadable(runtime), runtime.live.watch(tenant, user, counts=True):
            feed = weakref.ref(runtime.live._feeds[tenant])
            await send_tenant_notification(runtime, tenant=tenant, title="Hello", message="m")
            await until(lambda: getattr(feed(), "reader", None) is not None)  # the send's count is being read
        assert feed() is None
    finally:
        if collecting:
            gc.enable()


async def test_the_number_checks_let_go_of_a_feed_once_it_stops(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check_numbers` looks at every feed every `check_every` seconds. The feed a check saw last must not be held
    through the sleeps after it, when no feed is left to look at (it was, by the check's loop variable)."""
    monkeypatch.setattr(runtime.live, "check_every", 0.01)  # from the end of the check's current sleep
    tenant = unique("t")
    (user,) = (await register_users(runtime, tenant, ["a"])).values()
    async with runtime.live.watch(tenant, user, counts=False):
        feed = weakref.ref(runtime.live._feeds[tenant])
        runtime.live._feeds[tenant].behind = 2**62  # a check sets it back: the sign that one has seen this feed
        await until(lambda: getattr(feed(), "behind", 0) == 0)
    await until(lambda: feed() is None)


async def test_a_subscription_cancelled_again_while_leaving_still_leaves_its_feed(runtime: Runtime) -> None:
    tenant = unique("t")
    inside = asyncio.Event()

    async def subscription() -> None:
        async with runtime.live.watch(tenant, 1, counts=False):
            inside.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(subscription())
    await asyncio.wait_for(inside.wait(), 10)
    feed, lock = runtime.live._feeds[tenant], runtime.live._locks[tenant]
    await lock.acquire()  # held elsewhere, as while another subscription starts the tenant's feed
    try:
        task.cancel()
        await asyncio.sleep(0)  # now leaving, waiting for the lock
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert feed.subscribers == {}  # left all the same; only stopping the empty feed waited for the lock
    finally:
        lock.release()
        assert feed.task is not None
        feed.task.cancel()
        await asyncio.gather(feed.task, return_exceptions=True)


class Outlet:
    """A connection's outlet that records each write, and takes it or not, as told."""

    def __init__(self, takes: bool = True) -> None:
        self.writes: list[list[object]] = []
        self.takes = takes

    def write(self, values: Sequence[object]) -> bool:
        if self.takes:
            self.writes.append(list(values))
        return self.takes


async def test_items_the_handover_does_not_take_are_queued_in_order_behind_it() -> None:
    subscriber = Subscriber(1, 8, counts=False)
    outlet = Outlet()
    subscriber.handover = delivered = _Delivered(0, outlet)
    consumer = asyncio.create_task(subscriber.next())
    await asyncio.sleep(0)
    first, second, third = (notification(i) for i in (1, 2, 3))
    subscriber.offer_all([first, second, RESYNCED, third])
    assert outlet.writes == [[first, second]]  # the notifications before the signal, in one write
    assert delivered.floor == 2
    assert await consumer is RESYNCED  # the signal goes through the loop, and what follows it too
    assert await subscriber.next() is third


async def test_the_handover_skips_what_was_sent_already_and_takes_nothing_when_the_write_fails() -> None:
    outlet = Outlet()
    delivered = _Delivered(2, outlet)
    old, new, newer = (notification(i) for i in (2, 3, 4))
    assert delivered.take([old, new, newer]) == 3
    assert outlet.writes == [[new, newer]] and delivered.floor == 4  # 2 went out before (by catch-up)

    outlet.takes = False
    assert delivered.take([notification(5)]) == 0
    assert delivered.floor == 4  # the socket could not take it: queued, and the floor unchanged


def test_a_count_handover_writes_only_changes_and_keeps_the_last_count_when_the_write_fails() -> None:
    outlet = Outlet()
    last = _Count(3, outlet)
    assert last.take([3, 4, 4, 2, RESYNCED, 7]) == 4  # the counts before the signal
    assert outlet.writes == [[4, 2]] and last.value == 2
    assert last.take([2]) == 1 and outlet.writes == [[4, 2]]  # taken, but nothing to write

    outlet.takes = False
    assert last.take([5]) == 0 and last.value == 2  # queued for the loop, which still knows 2 was sent last


def notification(id_: int) -> Notification:
    return Notification(
        id=id_,
        type="system",
        title=f"n{id_}",
        message="m",
        priority=Priority.NORMAL,
        action_url=None,
        action_text=None,
        metadata={},
        created_at=datetime.now(UTC),
        expires_at=None,
    )
