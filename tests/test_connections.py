"""The life of a websocket connection through the real server: slow and dead readers, server pings, token expiry and
shutdown. Each test that needs different settings runs a throwaway server of its own and stops it at the end.

Nothing here asserts a duration: deadlines only keep a broken test from hanging.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import signal
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import websockets

from tests.support import (
    LIST,
    SEND,
    GraphQLClient,
    Server,
    Subscription,
    start_server,
    subscription,
    throwaway,
    token,
    unique,
    until,
)

pytestmark = pytest.mark.slow  # throwaway servers, shutdowns, ping and token-expiry waits

WAIT = 30.0  # generous: only there so that a broken test fails instead of hanging
PROTOCOL = websockets.Subprotocol("graphql-transport-ws")
LOCK_SPACE = 5140340  # services/runtime.py: the advisory lock space of the per-tenant send lock

ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title message metadata } }"
COUNT = "subscription Count { unreadCountChanged }"


# --- helpers ------------------------------------------------------------------------------------------------------


class Tenant:
    """A fresh tenant on one server, with an admin who sends over HTTP."""

    def __init__(self, api: GraphQLClient) -> None:
        self.api = api
        self.id = unique("t")
        self.admin = token(unique("admin"), self.id, "admin")

    async def send(self, user: str, title: str, **fields: Any) -> dict[str, Any]:
        content = {"userId": user, "title": title, "message": f"{title} body", **fields}
        data = await self.api.data(SEND, {"input": content}, token=self.admin)
        result: dict[str, Any] = data["sendNotification"]
        assert result["delivered"] == 1, result
        return result

    async def cursors(self, user: str) -> dict[str, str]:
        """id -> cursor of every notification of `user`, as the `notifications` query returns them."""
        found: dict[str, str] = {}
        after = None
        while True:
            variables = {"first": 100, "after": after}
            page = (await self.api.data(LIST, variables, token=token(user, self.id)))["notifications"]
            found.update({edge["node"]["id"]: edge["cursor"] for edge in page["edges"]})
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]


@asynccontextmanager
async def http_api(server: Server) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(timeout=60) as http:
        yield GraphQLClient(server.url, http)


def large_content() -> dict[str, Any]:
    """A notification near the size limits, of random (incompressible) text."""
    return {"message": secrets.token_urlsafe(3750), "metadata": {"blob": secrets.token_urlsafe(11_000)}}


def vm_rss(pid: int) -> int:
    """The resident memory of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


async def init(ws: websockets.ClientConnection, access_token: str) -> None:
    await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {access_token}"}}))
    ack = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
    assert ack["type"] == "connection_ack", ack


async def subscribe(ws: websockets.ClientConnection, op_id: str, query: str, variables: dict[str, Any]) -> None:
    message = {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    await ws.send(json.dumps(message))


@asynccontextmanager
async def stalled_client(server: Server) -> AsyncIterator[websockets.ClientConnection]:
    """A websocket client that reads nothing unless told to: a tiny receive buffer, a queue of one frame, no
    compression (so what the server sends takes room) and no pings of its own."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting, so the window stays small
    sock.setblocking(False)
    try:
        await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", server.port)), WAIT)
        ws = await websockets.connect(
            server.ws_url,
            sock=sock,
            subprotocols=[PROTOCOL],
            max_queue=1,
            max_size=None,
            compression=None,
            ping_interval=None,
            open_timeout=WAIT,
        )
    except BaseException:
        sock.close()
        raise
    try:
        yield ws
    finally:
        ws.transport.abort()  # whatever it still holds is of no interest
        sock.close()


async def read_until_closed(
    ws: websockets.ClientConnection,
) -> tuple[list[dict[str, Any]], websockets.ConnectionClosed]:
    """Every message the connection still delivers, and how it was closed (fails if it is not closed in time)."""
    messages: list[dict[str, Any]] = []
    try:
        async with asyncio.timeout(WAIT * 2):
            while True:
                messages.append(json.loads(await ws.recv()))
    except websockets.ConnectionClosed as closed:
        return messages, closed
    except TimeoutError:
        raise AssertionError(f"the connection was not closed; last messages: {messages[-3:]}") from None


async def subscription_close_code(sub: Subscription) -> int | None:
    """Reads (answering pings) until the server closes the connection, and returns the close code it sent."""
    try:
        async with asyncio.timeout(WAIT):
            while True:
                message = await sub.receive(within=WAIT)
                raise AssertionError(f"expected the connection to close, got {message}")
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


class Collector:
    """Reads `notificationAdded` messages of one connection in the background, answering pings."""

    def __init__(self, sub: Subscription) -> None:
        self.sub = sub
        self.notifications: list[dict[str, Any]] = []
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            message = await self.sub.receive(within=3600)
            assert message["type"] == "next" and not message["payload"].get("errors"), message
            self.notifications.append(message["payload"]["data"]["notificationAdded"])

    async def wait_for(self, count: int) -> list[str]:
        """The ids of the first `count` notifications, once they have arrived."""
        async with asyncio.timeout(WAIT * 2):
            while len(self.notifications) < count:
                if self.task.done():
                    self.task.result()  # raises what stopped it
                    raise AssertionError("the reader stopped")
                await asyncio.sleep(0.05)
        return [n["id"] for n in self.notifications]

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


@asynccontextmanager
async def tenant_send_lock(database_url: str, tenant: str) -> AsyncIterator[asyncpg.Connection]:
    """Holds the tenant's send lock (see Runtime.ordered) from a connection of the test's own, so that sends to the
    tenant wait; the lock is released when the block ends, if the test has not released it before."""
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute("SELECT pg_advisory_lock($1, hashtext($2))", LOCK_SPACE, tenant)
        yield connection
    finally:
        with suppress(Exception):
            await connection.execute("SELECT pg_advisory_unlock_all()")
        await connection.close()


async def wait_for_lock_waiter(connection: asyncpg.Connection, tenant: str) -> None:
    """Until some session waits for the tenant's send lock, i.e. a send to it is in flight."""
    query = """
        SELECT count(*) FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = hashtext($2)::oid AND objsubid = 2
    """
    async with asyncio.timeout(WAIT):
        while True:
            if await connection.fetchval(query, LOCK_SPACE, tenant):
                return
            await asyncio.sleep(0.05)


async def wait_for_exit(server: Server) -> None:
    """Waits for the server process to exit (fails if it does not within the deadline)."""
    try:
        await asyncio.to_thread(server.process.wait, WAIT)
    except Exception as error:
        raise AssertionError(f"the server did not exit:\n{server.log()[-3000:]}") from error


async def refused(server: Server) -> bool:
    try:
        async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL], open_timeout=WAIT):
            return False
    except OSError:
        return True


# --- slow and dead readers ----------------------------------------------------------------------------------------


async def test_a_reader_that_stops_is_closed_1013_without_disturbing_others_and_catches_up_with_after(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    # No server pings: the only reason for this server to drop a connection is a full buffer.
    with throwaway(server_env, logs_dir, SUBSCRIBER_BUFFER="8", PING_INTERVAL_SECONDS="3600") as server:
        async with http_api(server) as api:
            tenant = Tenant(api)
            slow_user, other_user = unique("slow"), unique("other")
            await tenant.send(slow_user, "seed")
            await tenant.send(other_user, "seed")
            (slow_seed,) = (await tenant.cursors(slow_user)).values()
            (other_seed,) = (await tenant.cursors(other_user)).values()

            async with (
                stalled_client(server) as stalled,
                subscription(server, token(slow_user, tenant.id)) as second_tab,
                subscription(server, token(other_user, tenant.id)) as other,
            ):
                await init(stalled, token(slow_user, tenant.id))
                await subscribe(stalled, "1", ADDED, {"after": slow_seed})
                # With `after`, each subscription gets everything newer than the seed, whenever it became live.
                await second_tab.subscribe(ADDED, {"after": slow_seed})
                await other.subscribe(ADDED, {"after": other_seed})
                second_tab_reader, other_reader = Collector(second_tab), Collector(other)
                try:
                    rss_before = vm_rss(server.process.pid)
                    # ~20 KB each: far more than the socket buffers between the server and the stalled reader hold.
                    plan = [(other_user if i % 6 == 5 else slow_user, f"n{i}") for i in range(420)]
                    gate = asyncio.Semaphore(8)

                    async def send(user: str, title: str) -> str:
                        async with gate:
                            return str((await tenant.send(user, title, **large_content()))["notification"]["id"])

                    ids = await asyncio.gather(*(send(user, title) for user, title in plan))
                    to = dict(zip(ids, (user for user, _ in plan), strict=True))
                    slow_ids = sorted((i for i in ids if to[i] == slow_user), key=int)
                    other_ids = sorted((i for i in ids if to[i] == other_user), key=int)

                    # The well-behaved subscribers got every one of their own, in order, once.
                    assert await second_tab_reader.wait_for(len(slow_ids)) == slow_ids
                    assert await other_reader.wait_for(len(other_ids)) == other_ids
                    rss_after = vm_rss(server.process.pid)
                finally:
                    await second_tab_reader.stop()
                    await other_reader.stop()
                growth = rss_after - rss_before
                assert growth < 100 * 2**20, f"the server grew by {growth / 2**20:.1f} MiB under a stalled reader"

                # The stalled reader now reads what the sockets still held: a prefix of its notifications, then 1013
                # (and a ping, if the first one, at a random moment of the hour, fell in this test).
                messages, closed = await read_until_closed(stalled)
                messages = [m for m in messages if m != {"type": "ping"}]
            assert closed.rcvd is not None, closed
            assert closed.rcvd.code == 1013, closed
            datas = [m for m in messages if m["type"] == "next" and not m["payload"].get("errors")]
            assert all(m["id"] == "1" for m in messages), messages[-3:]
            # At most one last message: the subscription's own error, telling it to resubscribe with `after`.
            rest = messages[len(datas) :]
            assert len(rest) <= 1, rest
            for message in rest:
                assert message["payload"]["errors"][0]["extensions"]["code"] == "SUBSCRIBER_TOO_SLOW", message
            got = [m["payload"]["data"]["notificationAdded"]["id"] for m in datas]
            assert got == slow_ids[: len(got)]
            assert len(got) < len(slow_ids), "the stalled reader was never cut off"

            # Reconnecting with the cursor of the last one it had: everything else, once, in order, then live.
            resume = (await tenant.cursors(slow_user))[got[-1]] if got else slow_seed
            async with subscription(server, token(slow_user, tenant.id)) as again:
                await again.subscribe(ADDED, {"after": resume})
                caught_up = [(await again.next_data(WAIT))["notificationAdded"]["id"] for _ in slow_ids[len(got) :]]
                assert caught_up == slow_ids[len(got) :]
                marker = (await tenant.send(slow_user, "marker"))["notification"]["id"]
                assert (await again.next_data(WAIT))["notificationAdded"]["id"] == marker


# --- pings --------------------------------------------------------------------------------------------------------


async def test_a_reader_behind_on_its_socket_gets_everything_in_order_once_it_reads(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    """Frames go straight from the feed to a socket only while it takes them; once its buffers are full they wait
    in the subscription's queue, and nothing may be written ahead of them when the socket drains."""
    with throwaway(server_env, logs_dir, SUBSCRIBER_BUFFER="1000", PING_INTERVAL_SECONDS="3600") as server:
        async with http_api(server) as api, stalled_client(server) as stalled:
            tenant = Tenant(api)
            user = unique("behind")
            await tenant.send(user, "seed")
            (seed,) = (await tenant.cursors(user)).values()
            await init(stalled, token(user, tenant.id))
            # With `after`, it gets everything newer than the seed, whenever it became live.
            await subscribe(stalled, "1", ADDED, {"after": seed})
            gate = asyncio.Semaphore(8)

            async def send(title: str) -> str:
                async with gate:
                    return str((await tenant.send(user, title, **large_content()))["notification"]["id"])

            # ~20 KB each: 250 of them are 5 MB, more than the kernel buffers between the two sockets hold (4 MB
            # for the server's send buffer at most, a 4 KB receive window), so the later ones queue. Then sends go
            # on while the reader drains the socket. (The rule that keeps the two paths in order is also tested
            # directly, in test_websocket_transport.)
            ids = list(await asyncio.gather(*(send(f"n{i}") for i in range(250))))
            got: list[str] = []

            async def read(count: int) -> None:
                while len(got) < count:
                    message = json.loads(await asyncio.wait_for(stalled.recv(), WAIT))
                    if message["type"] == "ping":  # the first one comes at a random moment of the hour
                        continue
                    assert message["type"] == "next" and not message["payload"].get("errors"), message
                    got.append(message["payload"]["data"]["notificationAdded"]["id"])

            reader = asyncio.create_task(read(400))
            ids += await asyncio.gather(*(send(f"n{i}") for i in range(250, 400)))
            await reader
    assert got == sorted(ids, key=int)


async def test_a_client_that_never_answers_pings_is_closed_4504_and_one_that_does_stays(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    with throwaway(server_env, logs_dir, PING_INTERVAL_SECONDS="0.3", PONG_TIMEOUT_SECONDS="0.5") as server:
        async with http_api(server) as api:
            tenant = Tenant(api)
            silent_user, answering_user = unique("silent"), unique("answering")
            await tenant.send(answering_user, "seed")
            (seed,) = (await tenant.cursors(answering_user)).values()

            async with (
                websockets.connect(server.ws_url, subprotocols=[PROTOCOL], ping_interval=None) as silent,
                subscription(server, token(answering_user, tenant.id)) as answering,
            ):
                await init(silent, token(silent_user, tenant.id))
                await subscribe(silent, "1", COUNT, {})
                await answering.subscribe(ADDED, {"after": seed})
                answering_reader = Collector(answering)  # reads all along, so it answers every ping
                try:
                    # It reads everything (so it sees the pings) and answers none.
                    messages, closed = await read_until_closed(silent)
                    assert {"type": "ping"} in messages, messages
                    assert {"id": "1", "type": "next", "payload": {"data": {"unreadCountChanged": 0}}} in messages
                    assert closed.rcvd is not None and closed.rcvd.code == 4504, closed

                    # The one that answers is still there many intervals later, and live.
                    answered = answering.pings
                    await until(lambda: answering.pings >= answered + 5 or answering_reader.task.done(), WAIT)
                    assert not answering_reader.task.done(), answering_reader.task
                    sent = (await tenant.send(answering_user, "after a while"))["notification"]["id"]
                    assert await answering_reader.wait_for(1) == [sent]
                finally:
                    await answering_reader.stop()


# --- token expiry -------------------------------------------------------------------------------------------------


async def test_the_connection_is_closed_4403_when_the_token_expires(api: GraphQLClient, server: Server) -> None:
    tenant = Tenant(api)
    user = unique("u")
    short_lived = token(user, tenant.id, ttl=4)  # expires in 3 to 4 s: `exp` is in whole seconds
    async with subscription(server, short_lived) as sub:
        await sub.subscribe(COUNT)
        assert await sub.next_data(WAIT) == {"unreadCountChanged": 0}
        # Before it expires the connection works as usual...
        await tenant.send(user, "while valid")
        assert await sub.next_data(WAIT) == {"unreadCountChanged": 1}
        # ...then the server closes it, as it would refuse the expired token on a new connection.
        assert await subscription_close_code(sub) == 4403


# --- shutdown -----------------------------------------------------------------------------------------------------


async def test_sigterm_closes_websockets_1001_lets_the_mutation_in_flight_finish_and_exits(
    server_env: dict[str, str], logs_dir: Path, database_url: str, api: GraphQLClient
) -> None:
    with throwaway(server_env, logs_dir) as server:
        tenant = Tenant(api)
        user = unique("u")
        async with (
            subscription(server, token(user, tenant.id)) as live,
            tenant_send_lock(database_url, tenant.id) as lock,
            httpx.AsyncClient(timeout=60) as http,
        ):
            await live.subscribe(COUNT)
            assert await live.next_data(WAIT) == {"unreadCountChanged": 0}

            # A send to the tenant, through the server that is about to stop, waits for the lock the test holds.
            content = {"userId": user, "title": "in flight", "message": "sent during shutdown"}
            body = {"query": SEND, "variables": {"input": content}}
            headers = {"Authorization": f"Bearer {tenant.admin}"}
            in_flight = asyncio.create_task(http.post(server.url, json=body, headers=headers))
            await wait_for_lock_waiter(lock, tenant.id)
            assert not in_flight.done()

            server.process.send_signal(signal.SIGTERM)
            assert await subscription_close_code(live) == 1001

            await lock.execute("SELECT pg_advisory_unlock($1, hashtext($2))", LOCK_SPACE, tenant.id)
            response = await asyncio.wait_for(in_flight, WAIT)
        assert response.status_code == 200, response.text
        result = response.json()
        assert not result.get("errors"), result
        assert result["data"]["sendNotification"]["delivered"] == 1, result
        sent_id = result["data"]["sendNotification"]["notification"]["id"]

        await wait_for_exit(server)
        # uvicorn re-raises the SIGTERM it handled once it has shut down.
        assert server.process.returncode in (0, -signal.SIGTERM), server.log()[-3000:]
        assert await refused(server)

    # The notification is in the database: another server lists it.
    listed = (await api.data(LIST, {"first": 10}, token=token(user, tenant.id)))["notifications"]["edges"]
    assert [edge["node"]["id"] for edge in listed] == [sent_id]
    assert listed[0]["node"]["title"] == "in flight"


async def test_during_the_drain_a_new_connection_is_closed_1001_and_a_stalled_reader_does_not_keep_the_server_up(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    # The production entry point (`python main.py serve`, as every test server runs), with its bounded graceful
    # shutdown.
    server = start_server(server_env, logs_dir)
    try:
        async with http_api(server) as api:
            tenant = Tenant(api)
            stalled_user, user = unique("stalled"), unique("u")
            await tenant.send(stalled_user, "seed")
            (seed,) = (await tenant.cursors(stalled_user)).values()
            async with stalled_client(server) as stalled, subscription(server, token(user, tenant.id)) as live:
                await init(stalled, token(stalled_user, tenant.id))
                await subscribe(stalled, "1", ADDED, {"after": seed})
                await live.subscribe(COUNT)
                assert await live.next_data(WAIT) == {"unreadCountChanged": 0}
                # More than the sockets hold (~20 KB each) but less than SUBSCRIBER_BUFFER (256): the server's
                # writes to the stalled reader wait, and so will its 1001 close, which holds the drain open.
                gate = asyncio.Semaphore(8)

                async def send(i: int) -> None:
                    async with gate:
                        await tenant.send(stalled_user, f"n{i}", **large_content())

                await asyncio.gather(*(send(i) for i in range(300)))

                server.process.send_signal(signal.SIGTERM)
                assert await subscription_close_code(live) == 1001
                try:
                    late = await websockets.connect(server.ws_url, subprotocols=[PROTOCOL], open_timeout=WAIT)
                except OSError as error:
                    pytest.skip(f"the drain was over before a new connection could be tried ({error})")
                async with late:
                    with suppress(websockets.ConnectionClosed):
                        await late.send(json.dumps({"type": "connection_init", "payload": {}}))
                    messages, closed = await read_until_closed(late)
                assert closed.rcvd is not None and closed.rcvd.code == 1001, (closed, messages)
                assert all(m["type"] != "next" for m in messages), messages

                await wait_for_exit(server)
        assert await refused(server)
    finally:
        server.stop()
