"""uvicorn's websocket protocol with one addition: a synchronous "write this text frame now, if you can".

A send to a tenant of 10,000 connected users is 10,000 frames. Through ASGI each is an awaited `send` on its own
subscription task: a task wake-up, Starlette's and uvicorn's state checks and the websockets framing, per frame,
which cost several times the write itself. With this protocol the tenant's feed writes each frame straight to the
sockets that can take it, in the feed's own loop iteration (`transport.frames.SocketOutlet`), and only a subscription
that is behind (its socket paused by back-pressure, or items already queued) goes through its task as before.

The addition is offered to the app as an ASGI scope extension, `WRITE_NOW`: a callable taking one or more whole
text frames (made by `transport.frames`) and returning whether it wrote them (as one write). Without it (bare
`uvicorn main:app`, another server) every frame takes the ASGI path: slower, the same behaviour. `python main.py
serve` and the benchmarks use this protocol.

A second extension, `ON_PONG`, takes a callable that the protocol calls for each `pong` message instead of passing
it to the app. 10,000 idle bells answer a ping every interval: through ASGI each answer woke the connection's task
and went through Starlette, strawberry's JSON reading and its dispatch, for a message whose only effect is to note
the time, a few percent of a core at the default interval (BENCHMARKS.md, *Direct writes*).

It also holds less per connection, which 10,000 idle bells multiply: uvicorn's asyncio.Queue and Event (four empty
deques between them) are replaced by the few lines of each that the protocol uses, and the handshake's
request and response are let go once the connection is accepted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame
from websockets.http11 import Request
from websockets.protocol import State

WRITE_NOW = "notifications.write_now"
ON_PONG = "notifications.on_pong"
PROTOCOL = "transport.ws_protocol:DirectWritesProtocol"  # as uvicorn's `--ws` takes it


class _Waiters:
    """Tasks waiting for a change; a future each while they wait, nothing otherwise. Every one is woken on a change
    and looks again, which also leaves nothing to hand on when one of them is cancelled."""

    __slots__ = ("_waiters",)

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] | None = None

    async def _wait(self) -> None:
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            if self._waiters is not None and waiter in self._waiters:
                self._waiters.remove(waiter)
                if not self._waiters:
                    self._waiters = None

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)


class _Events(_Waiters):
    """The ASGI events waiting for the app's `receive`: what uvicorn uses of asyncio.Queue."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Any] = []

    def put_nowait(self, item: Any) -> None:
        self._items.append(item)
        self._wake()

    def empty(self) -> bool:
        return not self._items

    async def get(self) -> Any:
        while not self._items:
            await self._wait()
        return self._items.pop(0)


class _Flag(_Waiters):
    """What uvicorn uses of asyncio.Event (whether the transport takes writes)."""

    __slots__ = ("_set",)

    def __init__(self) -> None:
        super().__init__()
        self._set = True

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        self._set = True
        self._wake()

    def clear(self) -> None:
        self._set = False

    async def wait(self) -> bool:
        while not self._set:
            await self._wait()
        return True


_PONG = b'{"type":"pong"}'  # as graphql-ws clients send it (JSON.stringify)


def is_pong(data: bytes) -> bool:
    """Whether a text message is the protocol's `pong` (which may carry a payload, ignored)."""
    if data == _PONG:
        return True
    if b"pong" not in data:
        return False
    try:
        message = orjson.loads(data)
    except orjson.JSONDecodeError:
        return False  # the app reports it
    return isinstance(message, dict) and message.get("type") == "pong"


class DirectWritesProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = _Events()  # type: ignore[assignment]
        self.writable = _Flag()  # type: ignore[assignment]
        self._on_pong: Callable[[], None] | None = None
        # Set by the HTTP protocol that handed the connection over (`http_transport`): called once when it closes.
        self.on_lost: Callable[[], None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # Still the HTTP protocol that hands the connection over. uvicorn breaks its cycle with its parser (which
        # calls back its methods) at `connection_lost`, which after an upgrade it never gets: broken here instead.
        upgraded = transport.get_protocol()
        if isinstance(upgraded, HttpToolsProtocol):
            upgraded.parser = None  # type: ignore[assignment]
        super().connection_made(transport)

    def handle_connect(self, event: Request) -> None:
        super().handle_connect(event)
        scope: dict[str, Any] | None = getattr(self, "scope", None)
        if scope is not None and not self.close_sent:
            # The app task is created but has not run yet: it sees the extensions from its first step.
            scope["extensions"][WRITE_NOW] = self.write_now
            scope["extensions"][ON_PONG] = self.on_pong

    def on_pong(self, callback: Callable[[], None]) -> None:
        """Call `callback` for each `pong` message from now on, instead of passing it to the app. It runs inside
        `data_received` and must not raise (asyncio would close the connection)."""
        self._on_pong = callback

    def connection_lost(self, exc: Exception | None) -> None:
        self._on_pong = None  # the app's handler, which refers back to this protocol
        on_lost, self.on_lost = self.on_lost, None
        if on_lost is not None:
            on_lost()
        # The scope is this protocol's, and these are its bound methods: a cycle that would outlive the connection.
        extensions: dict[str, Any] = getattr(self, "scope", {}).get("extensions") or {}
        extensions.pop(WRITE_NOW, None)
        extensions.pop(ON_PONG, None)
        super().connection_lost(exc)

    def handle_text(self, event: Frame) -> None:
        on_pong = self._on_pong
        if on_pong is not None and event.fin and not self.close_sent and is_pong(bytes(event.data)):
            on_pong()
            return
        super().handle_text(event)

    async def send(self, message: Any) -> None:
        await super().send(message)
        if message["type"] == "websocket.accept" and self.handshake_complete:
            # uvicorn keeps the handshake's request and response (two sets of parsed headers) for the connection's
            # lifetime but never reads them again: a few KB of each of 10,000 idle bells. websockets' parser keeps
            # the request too (a local of its suspended generator), so its headers are emptied rather than dropped.
            self.request.headers.clear()
            del self.request, self.response

    def write_now(self, frames: Sequence[bytes]) -> bool:
        """Write `frames` (whole text frames, `transport.frames`) in one write, if the connection is open and its buffer
        below the high-water mark. False leaves them to the ASGI `send`, which waits for the buffer to drain."""
        if (
            not self.handshake_complete
            or self.close_sent
            or self.disconnected
            or not self.writable.is_set()
            or self.conn.state is not State.OPEN
            or self.conn.extensions  # compression negotiated: frames must go through websockets
            or self.transport.is_closing()
        ):
            return False
        self.transport.write(b"".join(frames))  # one frame: itself, not a copy
        return True
