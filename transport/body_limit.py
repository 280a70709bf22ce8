"""Request size limits at the HTTP edge: a body is refused before anything reads it into memory."""

from __future__ import annotations

import orjson
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from transport.responses import media_type, refusal

MAX_BODY_BYTES = 256 * 1024  # a GraphQL request is a query of at most 20,000 characters plus its variables


class _TooLarge(Exception):
    pass


class LimitedBodies:
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            # A chunked body declares no length: count it as it arrives.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A GraphQL error, as every refusal of the endpoint is.
        body = orjson.dumps(refusal(f"The request body is over {self.limit} bytes."))
        accept = Headers(scope=scope).get("accept")
        media = media_type(accept.encode("latin-1") if accept is not None else None)
        await Response(body, status_code=413, media_type=media)(scope, receive, send)
