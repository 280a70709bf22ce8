"""Redis going away and coming back under live subscriptions, through real server processes on the shared test
database and a throwaway redis-server of the test's own (never the shared one).

While Redis is down the service keeps accepting sends (the database is the record), says so on /health/ready, and
logs the outage once; when Redis is back every open subscription resumes by itself and catches up from the database,
exactly once and in order, before the live ones. When only one process's link is cut, what it sends meanwhile
reaches the other processes' subscribers, though it dies without ever publishing it.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from tests.support import (
    LIST,
    SEND,
    SEND_BULK,
    GraphQLClient,
    Link,
    RedisServer,
    Server,
    Stream,
    open_tab,
    start_server,
    token,
    unique,
)

pytestmark = pytest.mark.slow  # throwaway redis-servers stopped, paused and restarted

WAIT = 15.0  # hang guard for one request or one message; never a timing requirement
DEADLINE = 30.0  # for conditions polled until they hold
LOST = "Redis pub/sub connection lost"
RESTORED = "Redis pub/sub connection restored"
ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title } }"
COUNT = "subscription Count { unreadCountChanged }"
MARK_ALL = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"
READY = {"status": "ready", "database": "ok", "broadcast": "ok"}
BROADCAST_DOWN = {"status": "unavailable", "database": "ok", "broadcast": "unreachable"}


# --- servers, sends, health --------------------------------------------------------------------------------------


@pytest.fixture
def start(server_env: dict[str, str], logs_dir: Path) -> Iterator[Callable[..., Server]]:
    """Starts server processes on the shared database and the given (throwaway) Redis URL, with any further
    settings; stops them afterwards."""
    started: list[Server] = []

    def start_on(redis_url: str, **settings: str) -> Server:
        started.append(start_server({**server_env, "BROADCAST_URL": redis_url, **settings}, logs_dir))
        return started[-1]

    yield start_on
    for server in started:
        server.stop()


async def send(api: GraphQLClient, admin: str, user: str, title: str) -> str:
    """One notification to `user`; it must be answered promptly and be delivered. Its id."""
    variables = {"input": {"userId": user, "title": title, "message": f"{title} body"}}
    data = await asyncio.wait_for(api.data(SEND, variables, token=admin), WAIT)
    result = data["sendNotification"]
    assert (result["delivered"], result["skipped"], result["duplicate"]) == (1, 0, False), result
    return str(result["notification"]["id"])


async def send_bulk(api: GraphQLClient, admin: str, users: list[str], title: str) -> str:
    variables = {"input": {"userIds": users, "title": title, "message": f"{title} body"}}
    data = await asyncio.wait_for(api.data(SEND_BULK, variables, token=admin), WAIT)
    result = data["sendBulkNotifications"]
    assert (result["delivered"], result["skipped"], result["duplicate"]) == (len(users), 0, False), result
    return str(result["notification"]["id"])


async def newest_cursor(api: GraphQLClient, user_token: str) -> str:
    """The cursor of the user's newest notification: a subscription `after` it misses nothing sent later."""
    data = await asyncio.wait_for(api.data(LIST, {"first": 1}, token=user_token), WAIT)
    cursor: str = data["notifications"]["edges"][0]["cursor"]
    return cursor


async def readiness(http: httpx.AsyncClient, server: Server) -> tuple[int, dict[str, Any]]:
    response = await asyncio.wait_for(http.get(server.base("/health/ready")), WAIT)
    body: dict[str, Any] = response.json()
    return response.status_code, body


async def until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not await condition():
        assert time.monotonic() < end, f"{what}: not within {DEADLINE} s"
        await asyncio.sleep(0.1)


async def until_ready_is(http: httpx.AsyncClient, server: Server, status: int, body: dict[str, Any]) -> None:
    async def check() -> bool:
        return await readiness(http, server) == (status, body)

    await until(check, f"/health/ready answering {status} {body}")


async def until_logged(server: Server, text: str) -> None:
    async def check() -> bool:
        return text in server.log()

    await until(check, f"the server logging {text!r}")


# --- the tests -----------------------------------------------------------------------------------------------------


async def test_open_subscriptions_survive_a_redis_outage_and_catch_up_exactly_once_in_order(
    redis_server: RedisServer, start: Callable[[str], Server], http: httpx.AsyncClient
) -> None:
    server = start(redis_server.url)
    api = GraphQLClient(server.url, http)
    tenant, alice, bob = unique("t"), unique("alice"), unique("bob")
    admin = token(unique("admin"), tenant, "admin")
    tokens = {alice: token(alice, tenant), bob: token(bob, tenant)}
    sent: dict[str, list[str]] = {alice: [], bob: []}  # what each user was sent since subscribing, in order

    # A first notification each, so that subscriptions `after` it are certain to miss nothing sent later.
    for user in (alice, bob):
        await send(api, admin, user, "seed")
    cursors = {user: await newest_cursor(api, tokens[user]) for user in (alice, bob)}

    async with (
        open_tab(server, tokens[alice], "alice tab 1") as a1,
        open_tab(server, tokens[alice], "alice tab 2") as a2,
        open_tab(server, tokens[bob], "bob") as b1,
    ):
        added: dict[str, list[Stream]] = {alice: [], bob: []}
        counts: dict[str, list[Stream]] = {alice: [], bob: []}
        for user, tab in ((alice, a1), (alice, a2), (bob, b1)):
            added[user].append(await tab.subscribe(ADDED, {"after": cursors[user]}))
            counts[user].append(await tab.subscribe(COUNT))
        streams = [(user, s) for user in (alice, bob) for s in added[user]]
        count_streams = [(user, s) for user in (alice, bob) for s in counts[user]]
        for _, stream in count_streams:
            assert await stream.count() == 1

        # Live before the outage; once it has arrived, every subscription is certainly listening.
        for user in (alice, bob):
            sent[user].append(await send(api, admin, user, f"before {user}"))
        for user, stream in streams:
            assert await stream.ids(1) == sent[user]
        for _, stream in count_streams:
            assert await stream.count() == 2

        # Redis goes away.
        redis_server.kill()
        await until_ready_is(http, server, 503, BROADCAST_DOWN)
        assert (await http.get(server.base("/health/live"))).json() == {"status": "live"}

        # Sends keep working (each answered promptly, delivered): the database is the record.
        during: dict[str, list[str]] = {alice: [], bob: []}
        for i in range(4):
            for user in (alice, bob):
                during[user].append(await send(api, admin, user, f"during {i} {user}"))
        both = await send_bulk(api, admin, [alice, bob], "during bulk")
        during[alice].append(both)
        during[bob].append(both)
        during[alice].append(await send(api, admin, alice, "during last alice"))
        await until_logged(server, LOST)
        assert server.log().count(LOST) == 1, server.log()  # once, however many sends and events
        assert server.log().count(RESTORED) == 0, server.log()
        assert (await readiness(http, server))[0] == 503

        # Redis is back: every subscription resumes by itself and catches up, exactly once, oldest first.
        redis_server.start()
        back = time.monotonic()
        arrivals: list[float] = []
        for user, stream in streams:
            got = await stream.arrivals(len(during[user]))
            assert [n["id"] for n, _ in got] == during[user], stream.name
            arrivals.extend(at for _, at in got)
        first, last = min(arrivals) - back, max(arrivals) - back
        assert first < WAIT, (first, last)  # the requirement is 5 s; this is only a hang guard
        for user, stream in count_streams:
            await stream.rises_to(2, 2 + len(during[user]))
        await until_ready_is(http, server, 200, READY)

        # Then live again, with nothing repeated in between: the next message of each is the new one.
        after: dict[str, list[str]] = {alice: [], bob: []}
        for round_ in range(2):
            for user in (alice, bob):
                after[user].append(await send(api, admin, user, f"after {round_} {user}"))
        for user, stream in streams:
            assert await stream.ids(2) == after[user], stream.name
        final = {user: 2 + len(during[user]) + 2 for user in (alice, bob)}
        for user, stream in count_streams:
            await stream.rises_to(final[user] - 2, final[user])

        # Counts follow reads after the recovery too, and only the reader's own.
        marked = (await api.data(MARK_ALL, token=tokens[alice]))["markAllNotificationsRead"]
        assert marked == {"updatedCount": final[alice], "unreadCount": 0}
        for stream in counts[alice]:
            assert await stream.count() == 0
        for _, stream in [*streams, *[(bob, s) for s in counts[bob]]]:
            await stream.nothing_within(0.5)

    log = server.log()
    assert log.count(LOST) == 1, log
    assert log.count(RESTORED) == 1, log


async def test_a_subscription_opened_while_redis_is_down_works_and_catches_up_when_it_is_back(
    redis_server: RedisServer, start: Callable[[str], Server], http: httpx.AsyncClient
) -> None:
    server = start(redis_server.url)
    api = GraphQLClient(server.url, http)
    tenant, carol = unique("t"), unique("carol")  # a tenant this process has never listened to
    admin, carol_token = token(unique("admin"), tenant, "admin"), token(carol, tenant)

    redis_server.kill()
    await until_ready_is(http, server, 503, BROADCAST_DOWN)
    await send(api, admin, carol, "seed")
    cursor = await newest_cursor(api, carol_token)
    early = await send(api, admin, carol, "early")  # sent while down, before anyone subscribed

    async with (
        open_tab(server, carol_token, "carol tab 1") as tab,
        open_tab(server, carol_token, "carol tab 2") as tab2,
    ):
        # Subscribing works while Redis is down: catch-up comes from the database, the count too.
        added = await tab.subscribe(ADDED, {"after": cursor})
        count = await tab.subscribe(COUNT)
        assert await added.ids(1) == [early]
        assert await count.count() == 2
        newest = await tab2.subscribe(ADDED)  # without `after`: only what is sent once it is listening

        during = [await send(api, admin, carol, f"during {i}") for i in range(3)]

        redis_server.start()
        got = await added.arrivals(len(during))
        assert [n["id"] for n, _ in got] == during
        assert await count.rises_to(2, 2 + len(during)) == [2 + len(during)]  # one jump: nothing was announced
        await until_ready_is(http, server, 200, READY)

        live = await send(api, admin, carol, "live")
        assert await added.ids(1) == [live]
        assert await count.count() == 3 + len(during)

        # The subscription without `after` started at some point during the outage: it gets a tail of what was
        # sent meanwhile (all of it, if it was listening before the first), then the live one, each once, in order.
        heard: list[str] = []
        while not heard or heard[-1] != live:
            heard += await newest.ids(1)
        expected = [*during, live]
        assert heard == expected[len(expected) - len(heard) :], (heard, expected)
        await newest.nothing_within(0.5)
        await added.nothing_within(0.1)

    assert server.log().count(LOST) == 1, server.log()
    assert server.log().count(RESTORED) == 1, server.log()


async def test_two_processes_sharing_a_redis_both_resume_after_it_restarts(
    redis_server: RedisServer, start: Callable[[str], Server], http: httpx.AsyncClient
) -> None:
    first, second = start(redis_server.url), start(redis_server.url)
    apis = [GraphQLClient(first.url, http), GraphQLClient(second.url, http)]
    tenant, erin = unique("t"), unique("erin")
    admin, erin_token = token(unique("admin"), tenant, "admin"), token(erin, tenant)
    await send(apis[0], admin, erin, "seed")
    cursor = await newest_cursor(apis[0], erin_token)

    async with open_tab(first, erin_token, "erin on 1") as tab1, open_tab(second, erin_token, "erin on 2") as tab2:
        streams = [await tab1.subscribe(ADDED, {"after": cursor}), await tab2.subscribe(ADDED, {"after": cursor})]
        counts = [await tab1.subscribe(COUNT), await tab2.subscribe(COUNT)]
        for stream in counts:
            assert await stream.count() == 1

        # Across processes before the outage: sent through each, heard on both.
        before = [await send(api, admin, erin, f"before via {n}") for n, api in enumerate(apis, 1)]
        for stream in streams:
            assert await stream.ids(2) == before
        for stream in counts:
            await stream.rises_to(1, 1 + len(before))

        redis_server.kill()
        for server in (first, second):
            await until_ready_is(http, server, 503, BROADCAST_DOWN)
        during = [await send(apis[i % 2], admin, erin, f"during {i}") for i in range(6)]  # through both, in turn

        redis_server.start()
        for stream in streams:
            assert await stream.ids(len(during)) == during, stream.name
        total = 1 + len(before) + len(during)
        for stream in counts:
            await stream.rises_to(1 + len(before), total)
        for server in (first, second):
            await until_ready_is(http, server, 200, READY)

        # Both processes publish and hear again: each send through one reaches the tab on the other, once.
        after = [await send(api, admin, erin, f"after via {n}") for n, api in enumerate(apis, 1)]
        for stream in streams:
            assert await stream.ids(2) == after, stream.name
            await stream.nothing_within(0.5)
        for stream in counts:
            await stream.rises_to(total, total + 2)

    for server in (first, second):
        assert server.log().count(LOST) == 1, server.log()
        assert server.log().count(RESTORED) == 1, server.log()


async def test_ready_is_200_once_live_delivery_has_resumed_after_a_redis_restart(
    redis_server: RedisServer, start: Callable[[str], Server], http: httpx.AsyncClient
) -> None:
    # The listening process never publishes here, so the only pooled connection its readiness ping can take is the
    # one its start-up probes opened, before the restart.
    listening, sending = start(redis_server.url), start(redis_server.url)
    api = GraphQLClient(sending.url, http)
    tenant, dana = unique("t"), unique("dana")
    admin, dana_token = token(unique("admin"), tenant, "admin"), token(dana, tenant)
    await send(api, admin, dana, "seed")
    cursor = await newest_cursor(api, dana_token)

    async with open_tab(listening, dana_token, "dana") as tab:
        stream = await tab.subscribe(ADDED, {"after": cursor})
        before = await send(api, admin, dana, "before")
        assert await stream.ids(1) == [before]
        assert await readiness(http, listening) == (200, READY)

        redis_server.kill()
        await until_logged(listening, LOST)  # not by polling readiness, which would drop the stale connection
        redis_server.start()
        await until_logged(listening, RESTORED)

        # Live delivery is back: a send through the other process reaches the subscription here.
        caught_up = await send(api, admin, dana, "after the restart")
        assert await stream.ids(1) == [caught_up]
        live = await send(api, admin, dana, "live")
        assert await stream.ids(1) == [live]

        assert await readiness(http, listening) == (200, READY)


# --- one process's link to Redis -----------------------------------------------------------------------------------


@pytest.fixture
def link(redis_server: RedisServer) -> Iterator[Link]:
    """A link to the test's Redis that the test can cut for the one process that uses it."""
    relay = Link(redis_server.port)
    relay.start()
    yield relay
    relay.stop()


def end(server: Server, how: signal.Signals) -> None:
    server.process.send_signal(how)
    server.process.wait(timeout=DEADLINE)


@dataclass
class OneLinkCut:
    """Process A publishes through `link`, which the test cuts; B's link to Redis is never disturbed. One user, on
    a tenant of their own, with one notification ("seed") already."""

    link: Link
    a: Server
    b: Server
    via_a: GraphQLClient
    via_b: GraphQLClient
    admin: str
    user: str
    user_token: str

    async def send_via_a(self, title: str) -> str:
        return await send(self.via_a, self.admin, self.user, title)

    async def newest_cursor(self) -> str:
        return await newest_cursor(self.via_b, self.user_token)

    async def lose_a_send(self) -> str:
        """Cuts A's link and, once A knows, sends through A: stored, its event goes nowhere."""
        self.link.cut()
        await until_logged(self.a, LOST)
        return await self.send_via_a("via a, unpublished")


@pytest.fixture
async def one_link_cut(
    redis_server: RedisServer, link: Link, start: Callable[[str], Server], http: httpx.AsyncClient
) -> OneLinkCut:
    a, b = start(link.redis_url), start(redis_server.url)
    tenant, user = unique("t"), unique("erin")
    admin = token(unique("admin"), tenant, "admin")
    via_a, via_b = GraphQLClient(a.url, http), GraphQLClient(b.url, http)
    cut = OneLinkCut(link, a, b, via_a, via_b, admin, user, token(user, tenant))
    await send(cut.via_b, admin, user, "seed")
    return cut


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
async def test_a_send_its_process_could_not_publish_reaches_the_others_though_that_process_is_gone(
    one_link_cut: OneLinkCut, how: signal.Signals
) -> None:
    cut = one_link_cut  # nothing A knows survives it
    async with open_tab(cut.b, cut.user_token, "erin on b") as tab:
        added = await tab.subscribe(ADDED, {"after": await cut.newest_cursor()})
        count = await tab.subscribe(COUNT)
        assert await count.count() == 1
        before = await cut.send_via_a("via a")  # heard on B: both processes are listening
        assert await added.ids(1) == [before]
        await count.rises_to(1, 2)
        cursor = await cut.newest_cursor()

        lost = await cut.lose_a_send()
        end(cut.a, how)
        cut.link.restore()
        after = await send(cut.via_b, cut.admin, cut.user, "via b")

        assert await added.ids(2) == [lost, after]
        await count.rises_to(2, 4)
        await added.nothing_within(0.5)

    # The cursor is a complete bookmark: from the one before the lost send, both; from the newest, nothing.
    async with open_tab(cut.b, cut.user_token, "erin again") as tab:
        again = await tab.subscribe(ADDED, {"after": cursor})
        assert await again.ids(2) == [lost, after]
        newest = await tab.subscribe(ADDED, {"after": await cut.newest_cursor()})
        await again.nothing_within(0.5)
        await newest.nothing_within(0.1)


async def test_a_lost_last_send_reaches_the_others_with_no_send_after_it(one_link_cut: OneLinkCut) -> None:
    cut = one_link_cut
    async with open_tab(cut.b, cut.user_token, "erin on b") as tab:
        added = await tab.subscribe(ADDED, {"after": await cut.newest_cursor()})
        before = await cut.send_via_a("via a")
        assert await added.ids(1) == [before]

        lost = await cut.lose_a_send()
        end(cut.a, signal.SIGKILL)

        assert await added.ids(1) == [lost]  # found by B's periodic check: nothing else is sent
        await added.nothing_within(0.5)


async def test_a_hung_redis_holds_up_neither_sends_nor_other_users_reads(
    redis_server: RedisServer, start: Callable[..., Server], http: httpx.AsyncClient
) -> None:
    # Two request connections: were sends to keep theirs while Redis does not answer, a reader would wait for one.
    server = start(redis_server.url, DATABASE_POOL_SIZE="2")
    api = GraphQLClient(server.url, http)
    tenants = [unique("t") for _ in range(4)]
    admins = [token(unique("admin"), tenant, "admin") for tenant in tenants]
    users = [unique("user") for _ in tenants]
    dana = token(users[0], tenants[0])
    bystander = token(unique("bystander"), unique("t"))
    await send(api, admins[0], users[0], "seed")
    cursor = await newest_cursor(api, dana)
    sends_each = 10

    async with open_tab(server, dana, "dana") as tab:
        added = await tab.subscribe(ADDED, {"after": cursor})
        before = await send(api, admins[0], users[0], "before")
        assert await added.ids(1) == [before]  # once it arrived, the subscription is certainly listening
        published = publish_calls(redis_server)

        redis_server.pause()
        try:
            sent: list[list[str]] = [[] for _ in tenants]
            sending = True
            reads = 0

            async def sender(i: int) -> None:
                for n in range(sends_each):
                    sent[i].append(await send(api, admins[i], users[i], f"during {n}"))

            async def read() -> None:
                nonlocal reads
                while sending or not reads:
                    data = await asyncio.wait_for(api.data("{ unreadCount }", token=bystander), WAIT)
                    assert data == {"unreadCount": 0}
                    reads += 1

            reader = asyncio.create_task(read())
            try:
                await asyncio.gather(*(sender(i) for i in range(len(tenants))))
            finally:
                sending = False
                await reader
        finally:
            redis_server.resume()

        # Live delivery resumes: what was sent meanwhile first (caught up from the database), then live events.
        assert await added.ids(sends_each) == sent[0]
        after = await send(api, admins[0], users[0], "after")
        assert await added.ids(1) == [after]

    # The open breaker refused publishes without trying: few of them reached Redis's socket (each probe, each
    # RESYNC owed, the last send), not one a send.
    attempts = publish_calls(redis_server) - published
    assert attempts < len(tenants) * sends_each // 2, attempts


def publish_calls(redis_server: RedisServer) -> int:
    """How many PUBLISH commands Redis has run (those written to it while it was stopped included, once resumed)."""
    client = redis.Redis(port=redis_server.port, socket_timeout=WAIT)
    try:
        stats: dict[str, Any] = client.info("commandstats")
        return int(stats.get("cmdstat_publish", {}).get("calls", 0))
    finally:
        client.close()
