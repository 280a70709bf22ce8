"""What a closed websocket leaves behind: nothing, once its last reference goes.

A server holds its connections for minutes, long enough for their objects to reach the collector's oldest generation,
which `lifecycle.collect_less` rarely collects: a connection that closes as cyclic garbage stays in memory until then.
So the server runs in this process (uvicorn in a thread, with `python main.py serve`'s options), the collector is
off while clients come and go, and the server's connection objects must all be gone once it has finished with them:
freed by their reference counts, with no collection at all.
"""

from __future__ import annotations

import asyncio
import gc
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
import uvicorn
import websockets
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import Operation
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from main import create_app
from resolvers.context import Context
from services.live import Subscriber, _Feed
from serving import UVICORN_OPTIONS
from settings import Settings
from tests.support import JWT_SECRET, REDIS_URL, Subscription, own_collector, token, unique
from transport.websocket import NotificationsWSHandler
from transport.ws_protocol import DirectWritesProtocol

pytestmark = pytest.mark.slow  # a server of its own, waves of connections, the collector off

PROTOCOL = websockets.Subprotocol("graphql-transport-ws")
ADDED = "subscription { notificationAdded { id title } }"
COUNT = "subscription { unreadCountChanged }"
INIT_TIMEOUT = 2.0  # seconds; the sockets that never send connection_init are closed with 4408 after it
WAIT = 60.0  # only so that a broken test fails instead of hanging
# One of each of the objects a connection is made of, from uvicorn's HTTP protocol that upgrades it to the feed
# that serves its tenant.
CONNECTION_CLASSES = (
    HttpToolsProtocol,
    DirectWritesProtocol,
    NotificationsWSHandler,
    Operation,
    Context,
    Subscriber,
    _Feed,
)


def live_connection_objects() -> Counter[str]:
    """The objects of CONNECTION_CLASSES that exist now, reachable or not (no collection)."""
    return Counter(type(o).__name__ for o in gc.get_objects() if issubclass(type(o), CONNECTION_CLASSES))


class InProcessServer:
    def __init__(self, settings: Settings) -> None:
        self.listening = socket.socket()
        self.listening.bind(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self.listening.getsockname()[1]}/graphql"
        options = {**UVICORN_OPTIONS, "log_level": "warning"}
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), **options))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.listening]}, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + WAIT
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.01)

    def idle(self) -> bool:
        """Whether every connection is closed and the app has finished with it."""
        state = self.server.server_state
        return not state.connections and not state.tasks

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(WAIT)
        self.listening.close()


@pytest.fixture
def in_process_server(database_url: str) -> Iterator[InProcessServer]:
    settings = Settings(
        database_url=database_url,
        broadcast_url=REDIS_URL,
        jwt_secret=JWT_SECRET,
        connection_init_timeout_seconds=INIT_TIMEOUT,
    )
    running = InProcessServer(settings)
    with own_collector():
        try:
            running.start()
            yield running
        finally:
            running.stop()


async def subscriber(url: str, access_token: str) -> int | None:
    """Subscribes to notifications and the unread count, completes the count subscription, leaves."""
    async with websockets.connect(url, subprotocols=[PROTOCOL]) as ws:
        sub = Subscription(ws)
        assert (await sub.init({"Authorization": f"Bearer {access_token}"}))["type"] == "connection_ack"
        await sub.subscribe(ADDED)
        counting = await sub.subscribe(COUNT)
        first = await sub.receive()  # the current count: both subscriptions are live
        assert first["id"] == counting and first["type"] == "next", first
        await ws.send(json.dumps({"id": counting, "type": "complete"}))
    return None


async def hasty(url: str, access_token: str) -> int | None:
    """Subscribes and leaves at once: its subscription is often cancelled while it starts (reading the database)."""
    async with websockets.connect(url, subprotocols=[PROTOCOL]) as ws:
        sub = Subscription(ws)
        assert (await sub.init({"Authorization": f"Bearer {access_token}"}))["type"] == "connection_ack"
        await sub.subscribe(ADDED)
    return None


async def refused(url: str) -> int | None:
    """A connection_init with a token that does not verify: closed with 4403."""
    async with websockets.connect(url, subprotocols=[PROTOCOL]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": "Bearer not-a-token"}}))
        return await closed_with(ws)


async def silent(url: str, wait: bool) -> int | None:
    """A socket that never sends connection_init: closed by the server's init timeout (4408), or by the client."""
    async with websockets.connect(url, subprotocols=[PROTOCOL]) as ws:
        return await closed_with(ws) if wait else None


async def closed_with(ws: websockets.ClientConnection) -> int | None:
    try:
        message = await asyncio.wait_for(ws.recv(), WAIT)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    raise AssertionError(f"expected the server to close the connection, got {message!r}")


async def wait_until_idle(server: InProcessServer) -> None:
    deadline = time.monotonic() + WAIT
    while not server.idle():
        assert time.monotonic() < deadline, "the server still holds connections"
        await asyncio.sleep(0.05)


async def left_since(before: Counter[str]) -> Counter[str]:
    """The connection objects beyond `before` once the tasks that end with a connection (a feed cancelled while it
    started) have run: with the collector off, what stays is left to it."""
    deadline = time.monotonic() + WAIT
    while True:
        left = live_connection_objects() - before
        if not left or time.monotonic() > deadline:
            return left
        await asyncio.sleep(0.05)


@pytest.mark.timeout(300)
async def test_closed_connections_leave_nothing_for_the_collector(in_process_server: InProcessServer) -> None:
    url = in_process_server.url
    tenant = unique("churn")
    tokens = [token(unique("user"), tenant) for _ in range(10)]  # several users share each feed
    before = live_connection_objects()
    gc.disable()
    codes: Counter[int | None] = Counter()
    for _ in range(3):
        clients = [subscriber(url, tokens[i % len(tokens)]) for i in range(40)]
        clients += [hasty(url, tokens[i % len(tokens)]) for i in range(40)]
        clients += [refused(url) for _ in range(20)]
        clients += [silent(url, wait=True) for _ in range(20)]
        clients += [silent(url, wait=False) for _ in range(20)]
        codes.update(await asyncio.gather(*clients))
        await wait_until_idle(in_process_server)
        left = await left_since(before)
        assert not left, f"closed connections left {dict(left)} to the collector"
    assert codes == {None: 3 * 100, 4403: 3 * 20, 4408: 3 * 20}, codes
