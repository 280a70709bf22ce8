"""The two live streams a client can subscribe to, with catch-up so that a reconnect loses nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import partial
from typing import Protocol, TypeVar

from models import listing
from models.inbox_filter import Filter
from models.reads import Reader
from services.auth import Principal
from services.errors import TooSlow, Unavailable
from services.inbox import count_notifications, decode_cursor
from services.inbox import unread_count as current_unread_count
from services.live import OVERFLOWED, RESYNCED, Item, Subscriber
from services.notification import Notification
from services.recipients import recipient_id
from services.runtime import Runtime

# Notifications read at once by a catch-up, held until the client has taken them: at up to 21 KB each, a client that
# stops reading holds this many per subscription, twenty subscriptions per socket.
CATCH_UP_BATCH = 50
MAX_RETRY_DELAY = 2.0
T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class Outlet(Protocol[T_contra]):
    """A subscription's connection as its transport offers it (`transport.frames.SocketOutlet`): the feed hands it
    values from its own loop iteration, without waking the subscription's task."""

    def write(self, values: Sequence[T_contra]) -> bool:
        """Send `values` now, in one write, without waiting; False if nothing was sent (the connection is backed
        up): they then go out through the subscription's task."""
        ...


class _Delivered:
    """The newest id sent on this subscription (`floor`), and the way past its buffer (`take`, `Handover`).

    - Anything at or below `floor` was already sent: sends to a tenant are committed and announced in id order
      (`Runtime.ordered`), and a lost announcement makes the feed have everyone catch up before any later one
      (`services.live`), so the catch-up reads what the feed will not bring again.
    - `floor` only rises, in `first_time`, as each notification above it is sent, whichever way: yielded by the
      loop, or written by the outlet (only once the write succeeded, else they are queued for the loop).
    """

    __slots__ = ("_outlet", "floor")

    def __init__(self, floor: int, outlet: Outlet[Notification] | None = None) -> None:
        self.floor = floor
        self._outlet = outlet

    def first_time(self, notification_id: int) -> bool:
        """Whether the notification was not sent yet; if so, it counts as sent from now on."""
        if notification_id <= self.floor:
            return False
        self.floor = notification_id
        return True

    def take(self, items: Sequence[Item]) -> int:
        """Writes the leading notifications of `items` not sent yet, in one write; how many of `items` it took
        (none if the outlet refused them)."""
        if self._outlet is None:
            return 0
        floor, fresh, taken = self.floor, [], 0
        for item in items:
            if not isinstance(item, Notification):
                break  # signals go through the loop
            taken += 1
            if item.woke:  # back from a snooze: older than what was sent, and sent again
                fresh.append(item)
            elif item.id > floor:  # otherwise already sent (by catch-up)
                floor = item.id
                fresh.append(item)
        if fresh:
            if not self._outlet.write(fresh):
                return 0
            self.first_time(floor)  # the newest one written: the floor rises to it
        return taken


class _Count:
    """The last count sent on a subscription (`value`), and the way past its buffer (`take`, `Handover`). `value`
    changes only in `changed`, as for `_Delivered.floor`."""

    __slots__ = ("_outlet", "value")

    def __init__(self, value: int, outlet: Outlet[int] | None = None) -> None:
        self.value = value
        self._outlet = outlet

    def changed(self, count: int) -> bool:
        """Whether `count` differs from the last one sent; if so, it is the last one sent from now on."""
        if count == self.value:
            return False
        self.value = count
        return True

    def take(self, items: Sequence[Item]) -> int:
        """As `_Delivered.take`, for counts: writes each one that differs from the one before."""
        if self._outlet is None:
            return 0
        value, changes, taken = self.value, [], 0
        for item in items:
            if not isinstance(item, int):
                break
            taken += 1
            if item != value:
                value = item
                changes.append(item)
        if changes:
            if not self._outlet.write(changes):
                return 0
            self.changed(value)  # the last one written
        return taken


async def notifications_added(
    runtime: Runtime,
    principal: Principal,
    after: str | None,
    on_overflow: Callable[[], None] | None = None,
    outlet: Outlet[Notification] | None = None,
) -> AsyncIterator[Notification]:
    """The caller's new notifications: first those newer than `after` (oldest first), then live ones.

    `outlet`: where the feed writes live notifications itself while this waits for the next (those it writes are
    not yielded); it sees the same notifications in the same order as the loop below would yield them."""
    cursor = decode_cursor(after) if after is not None else None
    user = await recipient_id(runtime, principal)
    # Listen before reading the database, so nothing committed in between can fall through the gap.
    async with runtime.live.watch(principal.tenant_id, user, counts=False, on_overflow=on_overflow) as subscriber:
        if cursor is None:
            # Nothing to catch up on; the newest id is the floor a later resync catches up from.
            delivered = _Delivered(await _read(runtime, partial(listing.newest, user_id=user)), outlet)
        else:
            delivered = _Delivered(cursor, outlet)
            async for notification in _catch_up(runtime, user, delivered):
                yield notification
        if outlet is not None:
            subscriber.handover = delivered
        while True:
            item = await _next(subscriber)
            if item is RESYNCED:
                async for notification in _catch_up(runtime, user, delivered, patient=True):
                    yield notification
            elif isinstance(item, Notification) and (item.woke or delivered.first_time(item.id)):
                yield item


async def unread_count_changes(
    runtime: Runtime,
    principal: Principal,
    on_overflow: Callable[[], None] | None = None,
    outlet: Outlet[int] | None = None,
) -> AsyncIterator[int]:
    """The caller's unread count: its current value first, then each new value after a change. `outlet` as for
    `notifications_added`."""
    user = await recipient_id(runtime, principal)
    async with runtime.live.watch(principal.tenant_id, user, counts=True, on_overflow=on_overflow) as subscriber:
        last = _Count(await current_unread_count(runtime, principal), outlet)
        yield last.value
        if outlet is not None:
            subscriber.handover = last
        while True:
            item = await _next(subscriber)
            if item is RESYNCED:
                item = await _patiently(partial(current_unread_count, runtime, principal))
            if isinstance(item, int) and last.changed(item):
                yield item


async def counts_changes(
    runtime: Runtime,
    principal: Principal,
    filters: Sequence[Filter],
    on_overflow: Callable[[], None] | None = None,
) -> AsyncIterator[list[int]]:
    """What `count_notifications(filters)` answers: first, then again after each change to the caller's inbox, when
    it differs. Rides on the unread count's events: whatever changes a count a filter can ask for (a send, any
    change of state, a snooze ending) is followed by one for the user (`services.inbox`, `services.live`)."""
    user = await recipient_id(runtime, principal)
    async with runtime.live.watch(principal.tenant_id, user, counts=True, on_overflow=on_overflow) as subscriber:
        last = await count_notifications(runtime, principal, filters)
        yield last
        while True:
            await _next(subscriber)
            fresh = await _patiently(partial(count_notifications, runtime, principal, filters))
            if fresh != last:
                last = fresh
                yield fresh


async def _catch_up(
    runtime: Runtime, user: int, delivered: _Delivered, *, patient: bool = False
) -> AsyncIterator[Notification]:
    """Everything newer than what was delivered, oldest first. `patient`: wait out a database outage (a live
    subscription keeps going) instead of failing (a new one reports SERVICE_UNAVAILABLE and the client retries)."""
    after = delivered.floor
    while True:
        read = partial(_read, runtime, partial(listing.newer, user_id=user, after=after, limit=CATCH_UP_BATCH))
        rows = await (_patiently(read) if patient else read())
        for row in rows:
            notification = Notification.listed(row)
            if delivered.first_time(notification.id):
                yield notification
            after = notification.id
        if len(rows) < CATCH_UP_BATCH:
            return


async def _read(runtime: Runtime, read: Callable[[Reader], Awaitable[T]]) -> T:
    """One read on its own, on the runtime's reader: on PostgreSQL straight on a pooled driver connection, without a
    session's execution around it (`models.reads`), which every new subscription paid once, and a reconnecting
    tenant pays for each of its users at once (BENCHMARKS.md, *Reconnecting*)."""
    with runtime.reader() as reader:
        return await read(reader)


async def _patiently(attempt: Callable[[], Awaitable[T]]) -> T:
    delay = 0.2
    while True:
        try:
            return await attempt()
        except Unavailable:
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_DELAY)


async def _next(subscriber: Subscriber) -> Item:
    item = await subscriber.next()
    if item is OVERFLOWED:
        raise TooSlow("This subscription fell too far behind and was closed; resubscribe with `after`.")
    return item
