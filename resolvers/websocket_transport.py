"""uvicorn's websocket protocol with one addition: a synchronous "write this text frame now, if you can".

A send to a tenant of 10,000 connected users is 10,000 frames. Through ASGI each is an awaited `send` on its own
subscription task: a task wake-up, Starlette's and uvicorn's state checks and the websockets framing, per frame,
which cost several times the write itself. With this protocol the tenant's feed writes each frame straight to the
sockets that can take it, in the feed's own loop iteration (`services.live.Subscriber`), and only a subscription
that is behind (its socket paused by back-pressure, or items already queued) goes through its task as before.

The addition is offered to the app as an ASGI scope extension, `WRITE_NOW`: a callable taking the UTF-8 text of a
message and returning whether it was written. Without it (bare `uvicorn main:app`, another server) every frame
takes the ASGI path: slower, the same behaviour. `python main.py serve` and the benchmarks use this protocol.
"""

from __future__ import annotations

import struct
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.http11 import Request
from websockets.protocol import State

WRITE_NOW = "notifications.write_now"
PROTOCOL = "resolvers.websocket_transport:DirectWritesProtocol"  # as uvicorn's `--ws` takes it


def text_frame(data: bytes) -> bytes:
    """An unmasked, unfragmented text frame (RFC 6455 5.2), as a server sends it without extensions."""
    length = len(data)
    if length < 126:
        return bytes((0x81, length)) + data
    if length < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, length) + data
    return struct.pack("!BBQ", 0x81, 127, length) + data


class DirectWritesProtocol(WebSocketsSansIOProtocol):
    def handle_connect(self, event: Request) -> None:
        super().handle_connect(event)
        scope: dict[str, Any] | None = getattr(self, "scope", None)
        if scope is not None and not self.close_sent:
            # The app task is created but has not run yet: it sees the extension from its first step.
            scope["extensions"][WRITE_NOW] = self.write_now

    async def send(self, message: Any) -> None:
        await super().send(message)
        if message["type"] == "websocket.accept" and self.handshake_complete:
            # uvicorn keeps the handshake's request and response (two sets of parsed headers) for the connection's
            # lifetime but never reads them again: a few KB of each of 10,000 idle bells.
            del self.request, self.response

    def write_now(self, data: bytes) -> bool:
        """Write `data` as one text frame if the connection is open and its buffer below the high-water mark.
        False leaves the frame to the ASGI `send`, which waits for the buffer to drain."""
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
        self.transport.write(text_frame(data))
        return True
