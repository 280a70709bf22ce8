"""The two live streams a client can subscribe to, with catch-up so that a reconnect loses nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import partial
from typing import TypeVar

from models import listing
from models.reads import Reader
from services.auth import Principal
from services.errors import TooSlow, Unavailable
from services.inbox import decode_cursor
from services.inbox import unread_count as current_unread_count
from services.live import OVERFLOWED, RESYNCED, Subscriber
from services.notification import Notification
from services.recipients import recipient_id
from services.runtime import Runtime

# Notifications read at once by a catch-up, held until the client has taken them: at up to 21 KB each, a client that
# stops reading holds this many per subscription, twenty subscriptions per socket.
CATCH_UP_BATCH = 50
MAX_RETRY_DELAY = 2.0
T = TypeVar("T")


class _Delivered:
    """The newest id sent on this subscription. Sends to a tenant are committed and announced in id order
    (`Runtime.ordered`), and a lost announcement makes the feed have everyone catch up before any later one
    (`services.live`), so anything at or below it was already sent, by catch-up or live."""

    __slots__ = ("floor",)

    def __init__(self, floor: int) -> None:
        self.floor = floor

    def first_time(self, notification_id: int) -> bool:
        if notification_id <= self.floor:
            return False
        self.floor = notification_id
        return True


async def notifications_added(
    runtime: Runtime,
    principal: Principal,
    after: str | None,
    on_overflow: Callable[[], None] | None = None,
    deliver_now: Callable[[list[Notification]], bool] | None = None,
) -> AsyncIterator[Notification]:
    """The caller's new notifications: first those newer than `after` (oldest first), then live ones.

    `deliver_now`: sends live notifications at once if it can (in one write, without waiting), returning whether
    it did; those it sends are not yielded. It sees the same notifications in the same order as the loop below would."""
    cursor = decode_cursor(after) if after is not None else None
    user = await recipient_id(runtime, principal)
    # Listen before reading the database, so nothing committed in between can fall through the gap.
    async with runtime.live.watch(principal.tenant_id, user, counts=False, on_overflow=on_overflow) as subscriber:
        if cursor is None:
            # Nothing to catch up on; the newest id is the floor a later resync catches up from.
            delivered = _Delivered(await _read(runtime, partial(listing.newest, user_id=user)))
        else:
            delivered = _Delivered(cursor)
            async for notification in _catch_up(runtime, user, delivered):
                yield notification
        if deliver_now is not None:
            subscriber.deliver_now = partial(_deliver_now, delivered, deliver_now)
        while True:
            item = await _next(subscriber)
            if item is RESYNCED:
                async for notification in _catch_up(runtime, user, delivered, patient=True):
                    yield notification
            elif isinstance(item, Notification) and delivered.first_time(item.id):
                yield item


async def unread_count_changes(
    runtime: Runtime,
    principal: Principal,
    on_overflow: Callable[[], None] | None = None,
    deliver_now: Callable[[list[int]], bool] | None = None,
) -> AsyncIterator[int]:
    """The caller's unread count: its current value first, then each new value after a change. `deliver_now` as
    for `notifications_added`."""
    user = await recipient_id(runtime, principal)
    async with runtime.live.watch(principal.tenant_id, user, counts=True, on_overflow=on_overflow) as subscriber:
        last = _Count(await current_unread_count(runtime, principal))
        yield last.value
        if deliver_now is not None:
            subscriber.deliver_now = partial(_deliver_count_now, last, deliver_now)
        while True:
            item = await _next(subscriber)
            if item is RESYNCED:
                item = await _patiently(partial(current_unread_count, runtime, principal))
            if isinstance(item, int) and item != last.value:
                last.value = item
                yield item


class _Count:
    """The last count sent on a subscription, shared by its loop and its `deliver_now`."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


def _deliver_now(delivered: _Delivered, deliver: Callable[[list[Notification]], bool], items: Sequence[object]) -> int:
    """Sends the leading notifications of `items` not sent yet, in one write; how many of `items` it took."""
    floor, fresh, taken = delivered.floor, [], 0
    for item in items:
        if not isinstance(item, Notification):
            break  # signals go through the loop
        taken += 1
        if item.id > floor:  # otherwise already sent (by catch-up)
            floor = item.id
            fresh.append(item)
    if fresh and not deliver(fresh):
        return 0
    delivered.floor = floor
    return taken


def _deliver_count_now(last: _Count, deliver: Callable[[list[int]], bool], items: Sequence[object]) -> int:
    """As `_deliver_now`, for counts: each one that differs from the one before."""
    value, changes, taken = last.value, [], 0
    for item in items:
        if not isinstance(item, int):
            break
        taken += 1
        if item != value:
            value = item
            changes.append(item)
    if changes and not deliver(changes):
        return 0
    last.value = value
    return taken


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


async def _next(subscriber: Subscriber) -> Notification | int | object:
    item = await subscriber.next()
    if item is OVERFLOWED:
        raise TooSlow("This subscription fell too far behind and was closed; resubscribe with `after`.")
    return item
