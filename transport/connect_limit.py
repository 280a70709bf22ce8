"""New websockets per client address: a client (or a script) opening them faster than `WEBSOCKET_CONNECTS_PER_SECOND`
beyond a burst is answered 429 with `Retry-After` before any work is done for it. Kept in each process."""

from __future__ import annotations

import math

from starlette.types import Receive, Scope, Send

from services.rates import Buckets
from transport.http_protocol import Report

_report = Report("a client address opened websockets faster than WEBSOCKET_CONNECTS_PER_SECOND allows")


class NewConnections:
    def __init__(self, rate: float, burst: float) -> None:
        self._buckets = Buckets(rate, burst) if rate > 0 else None

    async def refused(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Whether this websocket was refused (and answered) for its address's rate."""
        if self._buckets is None:
            return False
        client = scope.get("client")
        address = client[0] if client else ""
        wait = self._buckets.take(address)
        if wait <= 0:
            return False
        _report.hit(address)
        await receive()  # websocket.connect
        if "websocket.http.response" in scope.get("extensions", {}):
            headers = [(b"retry-after", str(math.ceil(wait)).encode()), (b"content-length", b"0")]
            await send({"type": "websocket.http.response.start", "status": 429, "headers": headers})
            await send({"type": "websocket.http.response.body", "body": b""})
        else:
            await send({"type": "websocket.close", "code": 1013})  # "try again later"
        return True
