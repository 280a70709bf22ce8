"""Frames written straight from the tenant feed (`transport.ws_protocol`), and the ASGI path without it.

Every other real-time test runs against servers that use the direct writes (as `python main.py serve` does); these
check the framing itself and that a bare `uvicorn main:app` (no direct writes) sends byte-identical frames. The
fall-back to the subscription's queue under back-pressure is tested with the slow readers in test_connections.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path

import httpx
import pytest
import uvicorn
import websockets
from websockets.frames import Frame, Opcode

from services.live import Subscriber
from tests.support import (
    SEND,
    GraphQLClient,
    Server,
    Subscription,
    start_server,
    subscription,
    token,
    unique,
)
from transport.frames import SocketOutlet, text_frame
from transport.ws_protocol import ON_PONG, PROTOCOL, _Events, _Flag, is_pong

ADDED = "subscription { notificationAdded { id title metadata } }"


@pytest.mark.parametrize("length", [0, 1, 125, 126, 127, 65535, 65536, 70000])
def test_text_frame_is_the_frame_websockets_would_send(length: int) -> None:
    data = ("é" * length).encode()[:length]
    expected = Frame(Opcode.TEXT, data).serialize(mask=False, extensions=[])
    assert text_frame(data) == expected


def test_an_outlet_writes_each_value_as_one_whole_frame_in_one_write() -> None:
    writes: list[list[bytes]] = []

    def write_now(frames: Sequence[bytes]) -> bool:
        writes.append(list(frames))
        return True

    operation = object()
    operations = {"1": operation}
    outlet: SocketOutlet[int] = SocketOutlet(
        write_now, operations, "1", operation, b'{"p":', lambda value: str(value).encode() * value, b"}"
    )
    assert outlet.write([1, 200])
    expected = [
        Frame(Opcode.TEXT, f'{{"p":{m}}}'.encode()).serialize(mask=False, extensions=[]) for m in ("1", "200" * 200)
    ]
    assert writes == [expected]
    del operations["1"]  # the client completed the operation: nothing more may be sent for it
    assert outlet.write([2]) and len(writes) == 1


@pytest.fixture(scope="module")
def bare_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """The service under plain `uvicorn main:app`: uvicorn's own websocket protocol, every frame through ASGI."""
    command = (sys.executable, "-m", "uvicorn", "main:app", "--port", "{port}", "--log-level", "warning")
    running = start_server(server_env, logs_dir, args=command)
    yield running
    running.stop()


async def raw_frames(sub: Subscription, count: int) -> list[str | bytes]:
    """The next `count` frames as sent, but the server's pings (which come at any moment)."""
    frames: list[str | bytes] = []
    while len(frames) < count:
        frame = await asyncio.wait_for(sub.ws.recv(), 10)
        if frame == '{"type":"ping"}':
            await sub.ws.send('{"type":"pong"}')
        else:
            frames.append(frame)
    return frames


async def until_both_live(subs: Sequence[Subscription], send: Callable[[str], Awaitable[object]]) -> None:
    """Sends probes until one reaches every connection: from then on all of them are listening, and each gets the
    same frames (a subscription without `after` has no first message of its own to wait for). Earlier probes are
    read on the way; per tenant, events arrive in order, so none can come after the one that reached all."""
    for attempt in range(60):
        title = f"probe {attempt}"
        await send(title)
        reached = 0
        for sub in subs:
            with suppress(TimeoutError):
                while (await sub.next_data(within=1.0))["notificationAdded"]["title"] != title:
                    pass
                reached += 1
        if reached == len(subs):
            return
    raise AssertionError("the subscriptions never became live")


@pytest.mark.slow
async def test_bare_uvicorn_sends_the_same_frames(
    server: Server, bare_server: Server, api: GraphQLClient, http: httpx.AsyncClient
) -> None:
    tenant = unique("t")
    reader = token("reader", tenant)
    admin = token("admin", tenant, "admin")
    async with subscription(server, reader) as direct, subscription(bare_server, reader) as bare:
        await direct.subscribe(ADDED)
        await bare.subscribe(ADDED)

        async def send(title: str) -> None:
            await api.data(SEND, {"input": {"userId": "reader", "title": title, "message": "m"}}, token=admin)

        await until_both_live((direct, bare), send)
        for i in range(3):
            await send(f"n{i}")
        # One frame each per send, byte for byte the same text whichever path wrote it.
        direct_frames = await raw_frames(direct, 3)
        bare_frames = await raw_frames(bare, 3)
    assert direct_frames == bare_frames
    assert [json.loads(f)["payload"]["data"]["notificationAdded"]["title"] for f in direct_frames] == [
        "n0",
        "n1",
        "n2",
    ]


# --- when the feed may hand an item over directly --------------------------------------------------------------


class Handover:
    """A consumer's handover that records what it was given and takes it or not, as told."""

    def __init__(self, takes: bool = True, fails: bool = False) -> None:
        self.given: list[object] = []
        self.takes = takes
        self.fails = fails

    def take(self, items: Sequence[object]) -> int:
        self.given.extend(items)
        if self.fails:
            raise RuntimeError("rendering failed")
        return len(items) if self.takes else 0


async def parked(subscriber: Subscriber) -> asyncio.Task[object]:
    """The subscription's consumer, waiting in `next()`."""
    consumer = asyncio.create_task(subscriber.next())
    await asyncio.sleep(0)
    return consumer


async def test_an_item_is_handed_over_only_while_the_consumer_waits_with_nothing_queued() -> None:
    subscriber = Subscriber(1, 8, counts=False)
    subscriber.handover = handover = Handover()
    subscriber.offer(10)  # the consumer is busy (not in next()): it may still be writing an earlier item
    assert handover.given == []
    assert await subscriber.next() == 10

    consumer = await parked(subscriber)
    subscriber.offer(11)
    subscriber.offer(12)
    assert handover.given == [11, 12]  # written directly; the consumer was not woken
    assert not consumer.done()
    consumer.cancel()


async def test_a_declined_or_failed_handover_is_queued_and_later_items_queue_behind_it() -> None:
    subscriber = Subscriber(1, 8, counts=False)
    subscriber.handover = handover = Handover(takes=False)
    consumer = await parked(subscriber)
    subscriber.offer(1)  # declined (the socket is full): queued, and the consumer woken
    handover.takes = True
    subscriber.offer(2)  # the consumer has not run yet: 2 must not overtake 1
    assert handover.given == [1]
    assert await consumer == 1
    assert await subscriber.next() == 2

    subscriber.handover = Handover(fails=True)
    consumer = await parked(subscriber)
    subscriber.offer(3)
    assert await consumer == 3


# --- the protocol's own queue and flag (in place of asyncio's, for their size) -----------------------------------


async def test_events_come_out_in_order_and_wake_a_waiting_reader() -> None:
    events = _Events()
    events.put_nowait(1)
    events.put_nowait(2)
    assert [await events.get(), await events.get()] == [1, 2] and events.empty()
    reader = asyncio.create_task(events.get())
    await asyncio.sleep(0)
    events.put_nowait(3)
    assert await asyncio.wait_for(reader, 1) == 3


async def test_a_cancelled_reader_leaves_the_next_event_to_the_next_reader() -> None:
    events = _Events()
    first = asyncio.create_task(events.get())
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    events.put_nowait("kept")
    assert await asyncio.wait_for(events.get(), 1) == "kept"


async def test_the_flag_holds_writers_until_set() -> None:
    flag = _Flag()
    assert flag.is_set() and await flag.wait()
    flag.clear()
    writers = [asyncio.create_task(flag.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    assert not any(w.done() for w in writers)
    flag.set()
    assert await asyncio.wait_for(asyncio.gather(*writers), 1) == [True, True]


# --- pongs, noted without a message through ASGI ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pong"),
    [
        ('{"type":"pong"}', True),
        ('{ "type": "pong", "payload": {"at": 1} }', True),
        ('{"type":"ping"}', False),
        ('{"type":"subscribe","id":"pong"}', False),
        ('"pong"', False),
        ("pong", False),
        ('{"type":"pong"', False),
    ],
)
def test_only_a_pong_message_is_a_pong(text: str, pong: bool) -> None:
    assert is_pong(text.encode()) is pong


async def test_pongs_go_to_the_callback_and_every_other_message_to_the_app() -> None:
    """A real server with this protocol and a real client: the app registers a callback for pongs and records what
    reaches it through ASGI."""
    received: list[str] = []
    pongs: list[float] = []
    ended = asyncio.Event()

    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        assert scope["type"] == "websocket"
        extensions = scope["extensions"]
        assert isinstance(extensions, dict)
        extensions[ON_PONG](lambda: pongs.append(1.0))
        assert (await receive())["type"] == "websocket.connect"  # type: ignore[operator]
        await send({"type": "websocket.accept"})  # type: ignore[operator]
        while True:
            message = await receive()  # type: ignore[operator]
            if message["type"] != "websocket.receive":
                return
            received.append(message["text"])
            if message["text"] == "end":
                ended.set()

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))  # bound here: no race for a free port, no exit from uvicorn if it is taken
    port = listening.getsockname()[1]
    config = uvicorn.Config(app, ws=PROTOCOL, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[listening]))
    try:
        while not server.started and not serving.done():  # noqa: ASYNC110 (uvicorn offers nothing to wait on)
            await asyncio.sleep(0.01)
        assert server.started, serving
        async with websockets.connect(f"ws://127.0.0.1:{port}/") as client:
            for text in ('{"type":"pong"}', '{"type":"ping"}', '{"type": "pong", "payload": {}}', "pong", "last"):
                await client.send(text)
            await client.send(iter(['{"type":"pong"}', " "]))  # fragmented: whole only with the last, left to the app
            await client.send("end")
            await asyncio.wait_for(ended.wait(), 5)
    finally:
        server.should_exit = True
        await serving
        listening.close()
    assert received == ['{"type":"ping"}', "pong", "last", '{"type":"pong"} ', "end"]
    assert len(pongs) == 2
