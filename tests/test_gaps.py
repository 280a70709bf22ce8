"""A tenant's events are numbered without holes (`models.sequence`), so a feed notices a lost one (`services.live`):
its subscribers catch up from the database, at the next event or, if none comes, at the periodic check.

A lost event is made here as it happens: another runtime on the same database publishes on a Redis nobody here
listens to. The whole scenario, with server processes and a killed sender, is in test_redis_outage.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from models import sequence
from services import inbox, open_runtime, send_notification
from services.auth import Principal
from services.live import RESYNCED, Subscriber
from services.notification import Notification, added_event, tenant_channel
from services.preferences import PreferenceChanges, TypeOverride, update_preferences
from services.recipients import register_users
from services.runtime import Runtime
from settings import Settings
from tests.conftest import migrated_sqlite
from tests.support import JWT_SECRET, RedisServer, unique

WAIT = 30.0  # hang guard for one item; never a timing requirement
SENDS_CANCELLED = 40


@pytest.fixture
async def elsewhere(database_url: str, redis_server: RedisServer) -> AsyncIterator[Runtime]:
    """Another process's runtime on the same database, whose events never reach `runtime`'s listeners."""
    settings = Settings(database_url=database_url, broadcast_url=redis_server.url, jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as opened:
        yield opened


async def user_of(runtime: Runtime, tenant: str, name: str = "u") -> int:
    return (await register_users(runtime, tenant, [name]))[name]


async def send(runtime: Runtime, tenant: str, title: str, user: str = "u") -> Notification:
    return (await send_notification(runtime, user=user, tenant=tenant, title=title, message="m")).notification


async def next_item(subscriber: Subscriber) -> object:
    """The next item, a notification as its id."""
    item = await asyncio.wait_for(subscriber.next(), WAIT)
    return item.id if isinstance(item, Notification) else item


async def latest(runtime: Runtime, tenant: str) -> int:
    async with runtime.read_sessions() as session:
        return (await sequence.latest(session, [tenant]))[tenant]


async def test_the_event_after_a_lost_one_has_every_subscriber_catch_up(runtime: Runtime, elsewhere: Runtime) -> None:
    tenant = unique("t")
    user = await user_of(runtime, tenant)
    async with (
        runtime.live.watch(tenant, user, counts=False) as added,
        runtime.live.watch(tenant, user, counts=True) as counted,
    ):
        first = await send(runtime, tenant, "first")
        assert await next_item(added) == first.id
        assert await next_item(counted) == 1

        await send(elsewhere, tenant, "lost")  # stored, and its event never heard here
        shows_the_gap = await send(runtime, tenant, "next")
        assert await next_item(added) is RESYNCED  # not the event: catching up delivers both, in order
        assert await next_item(counted) is RESYNCED  # which reads the count afresh

        last = await send(runtime, tenant, "last")  # in turn again
        heard = [await next_item(added)]
        while heard[-1] != last.id:  # the periodic check may have come first, and had the gap's event go out live
            heard.append(await next_item(added))
        assert heard in ([last.id], [shows_the_gap.id, last.id]), heard


async def test_a_lost_event_with_none_after_it_is_caught_up_at_the_periodic_check(
    runtime: Runtime, elsewhere: Runtime
) -> None:
    tenant = unique("t")
    user = await user_of(runtime, tenant)
    async with runtime.live.watch(tenant, user, counts=False) as added:
        await send(elsewhere, tenant, "lost, and the last")
        assert await next_item(added) is RESYNCED


async def test_an_event_heard_after_a_catch_up_that_covered_it_is_dropped(runtime: Runtime) -> None:
    tenant = unique("t")
    user = await user_of(runtime, tenant)
    async with runtime.live.watch(tenant, user, counts=False) as added:
        first = await send(runtime, tenant, "first")
        assert await next_item(added) == first.id
        # The same event again (a late copy of one a catch-up already delivered): not numbered after the last.
        await runtime.channels.publish(
            tenant_channel(tenant), added_event(first, [user], await latest(runtime, tenant))
        )
        second = await send(runtime, tenant, "second")
        assert await next_item(added) == second.id


async def test_a_send_while_redis_hangs_through_a_subscribe_is_caught_up_once_it_answers(
    database_url: str, redis_server: RedisServer
) -> None:
    """Redis stopped while a feed subscribes: the feed starts once the confirmation has timed out, and a send
    meanwhile cannot be published. Once Redis answers, the subscription's confirmation has everyone catch up."""
    settings = Settings(database_url=database_url, broadcast_url=redis_server.url, jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as runtime:
        runtime.live.check_every = 3600.0  # the periodic check would catch it up too, later
        tenant = unique("t")
        user = await user_of(runtime, tenant)
        redis_server.pause()
        try:
            async with runtime.live.watch(tenant, user, counts=False) as added:
                await send(runtime, tenant, "while Redis hangs")  # stored; its publish times out
                redis_server.resume()
                assert await next_item(added) is RESYNCED
        finally:
            redis_server.resume()


async def test_only_sends_that_reach_someone_take_a_number(runtime: Runtime) -> None:
    tenant = unique("t")
    await update_preferences(
        runtime, Principal("picky", tenant), PreferenceChanges(type_overrides=[TypeOverride("sale", in_app=False)])
    )
    assert await latest(runtime, tenant) == 0
    await send(runtime, tenant, "a new user")  # registered on the way: the send of several statements
    await send(runtime, tenant, "a known user")  # the one-statement send
    assert await latest(runtime, tenant) == 2
    turned_away = await send_notification(runtime, user="picky", tenant=tenant, title="s", message="m", type="sale")
    assert turned_away.delivered == 0  # no event, so no number
    assert await latest(runtime, tenant) == 2
    await send(runtime, tenant, "again")
    assert await latest(runtime, tenant) == 3


async def test_sqlite_numbers_its_events_and_delivers_them(tmp_path: Path) -> None:
    url = await asyncio.to_thread(migrated_sqlite, tmp_path)
    settings = Settings(database_url=url, broadcast_url="memory://", jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as runtime:
        tenant = unique("t")
        user = await user_of(runtime, tenant)
        async with runtime.live.watch(tenant, user, counts=False) as added:
            sent = [await send(runtime, tenant, f"n{i}") for i in range(3)]
            assert [await next_item(added) for _ in sent] == [n.id for n in sent]
        assert await latest(runtime, tenant) == 3


async def test_a_cancelled_send_that_was_stored_is_announced(runtime: Runtime) -> None:
    """A websocket client that completes its mutation's operation, or drops the socket, cancels the resolver at any
    point: cancelled between storing and publishing, the event was lost and every listener of the tenant caught up
    from the database, an admin's cheap way to load it with one catch-up per listener per send. The sends here are
    cancelled at points spread over a send's time."""
    tenant = unique("t")
    user = await user_of(runtime, tenant)
    async with runtime.live.watch(tenant, user, counts=False) as added:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await send(runtime, tenant, "uncancelled")
        took = loop.time() - started
        for n in range(SENDS_CANCELLED):
            sending = asyncio.create_task(send(runtime, tenant, f"cancelled {n}"))
            loop.call_later(took * n / SENDS_CANCELLED, sending.cancel)
            with contextlib.suppress(asyncio.CancelledError):
                await sending
        last = await send(runtime, tenant, "last")
        heard = [await next_item(added)]
        while heard[-1] != last.id:
            heard.append(await next_item(added))
        assert RESYNCED not in heard
        assert len(heard) == await latest(runtime, tenant)


async def test_a_cancelled_mark_that_changed_the_count_announces_it(runtime: Runtime) -> None:
    """As a send: a mark cancelled between its commit and its publish left every other tab with a stale count."""
    tenant = unique("t")
    user = await user_of(runtime, tenant)
    principal = Principal("u", tenant)
    ids = [str((await send(runtime, tenant, "one")).id)]
    async with runtime.live.watch(tenant, user, counts=True) as counted:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await inbox.mark_read(runtime, principal, ids)
        took = loop.time() - started
        assert await next_item(counted) == 0
        shown = 0
        for n in range(SENDS_CANCELLED):
            marking = asyncio.create_task(inbox.mark_read(runtime, principal, ids, read=shown == 1))
            loop.call_later(took * n / SENDS_CANCELLED, marking.cancel)
            with contextlib.suppress(asyncio.CancelledError):
                await marking
            await asyncio.gather(*runtime.finishing)  # a mark its caller left still runs: its end
            now = await inbox.unread_count(runtime, principal)
            if now != shown:  # it changed the count: every tab hears of it
                assert await next_item(counted) == now
                shown = now
