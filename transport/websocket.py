"""The graphql-transport-ws connection: strawberry's handler plus what a long-lived bell connection needs.

- server pings: a peer that stops answering (a dead network path, a frozen tab) is closed with 4504;
- the token's expiry: the connection is closed with 4403 at `exp`, not left streaming;
- slow readers: when a subscription's buffer fills, the connection is closed with 1013 (try again later) and the
  client resumes with `after`;
- shutdown: every connection is closed with 1001 (going away) so clients reconnect to another server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from typing import Any

from graphql import GraphQLError, parse
from starlette.websockets import WebSocketDisconnect
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler, Operation
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    Message,
    PongMessage,
    SubscribeMessage,
)
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.utils.aio import aclosing

import metrics
from execution.documents import Cache, unchosen
from execution.plans import Plan, Renderer
from resolvers.context import Context
from resolvers.subscriptions import notification_stream, unread_count_stream
from schema.errors import at_field, with_code
from schema.limits import MAX_QUERY_BYTES, MAX_TOKENS
from schema.types import Notification as NotificationType
from services.errors import ServiceError
from services.notification import Notification as NotificationData
from services.tasks import forget_cancellation
from transport.close_codes import CLOSE_FORBIDDEN, CLOSE_GOING_AWAY, CLOSE_INTERNAL_ERROR, CLOSE_PING_TIMEOUT
from transport.frames import SocketOutlet, WriteNow, text_frame
from transport.ws_protocol import ON_PONG, WRITE_NOW

log = logging.getLogger("notifications.websocket")
_PING = '{"type":"ping"}'
_PING_FRAME = text_frame(_PING.encode())
LEGACY_REFUSAL = "Subprotocol not acceptable: this server speaks graphql-transport-ws only"
_SUBPROTOCOL_NOT_ACCEPTABLE = 4406  # graphql-transport-ws's code, as strawberry closes any other subprotocol


class OpenConnections:
    """Every live websocket of this process, so that shutdown can close them all first."""

    def __init__(self) -> None:
        self._handlers: set[NotificationsWSHandler] = set()
        self.draining = False

    def add(self, handler: NotificationsWSHandler) -> None:
        if handler not in self._handlers:
            self._handlers.add(handler)
            metrics.websocket_opened()

    def discard(self, handler: NotificationsWSHandler) -> None:
        if handler in self._handlers:
            self._handlers.discard(handler)
            metrics.websocket_closed()

    def __len__(self) -> int:
        return len(self._handlers)

    async def close_all(self, code: int, reason: str) -> None:
        self.draining = True
        await asyncio.gather(*(h.disconnect(code, reason) for h in list(self._handlers)), return_exceptions=True)


class LegacyProtocolRefusal(BaseGraphQLWSHandler[Context, None]):
    """A client of the legacy graphql-ws protocol (subscriptions-transport-ws), refused in its own terms: its
    `connection_error` (what such a client hands to its `connectionCallback`), then 4406 with the reason."""

    async def handle(self) -> None:
        with suppress(Exception):  # the client may be gone already
            await self.websocket.send_json({"type": "connection_error", "payload": {"message": LEGACY_REFUSAL}})
            await self.websocket.close(_SUBPROTOCOL_NOT_ACCEPTABLE, LEGACY_REFUSAL)


def malformed(message: Any) -> str | None:
    """Why a frame is not a message strawberry can dispatch (closed with 4400), or None. The fields it reads are
    checked as graphql-ws's own server checks them; a missing key is left to strawberry, which refuses it the same."""
    if not isinstance(message, dict):
        return "Failed to parse message"
    kind = message.get("type")
    if kind not in ("subscribe", "complete"):
        return None
    if "id" in message and not isinstance(message["id"], str):
        return f"Invalid {kind} message: `id` must be a string"
    payload = message.get("payload")
    if kind != "subscribe" or payload is None:
        return None
    if not isinstance(payload, dict):
        return "Invalid subscribe message: `payload` must be an object"
    if "query" in payload and not isinstance(payload["query"], str):
        return "Invalid subscribe message: `payload.query` must be a string"
    for key, kinds in (("variables", dict), ("operationName", str), ("extensions", dict)):
        if payload.get(key) is not None and not isinstance(payload[key], kinds):
            return f"Invalid subscribe message: `payload.{key}` must be {'a string' if kinds is str else 'an object'}"
    return None


class NotificationsWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Timers rather than a task each: an idle bell holds a small handle instead of a task and its coroutine
        # frames, times 10,000 connections (BENCHMARKS.md, *Memory per connection*).
        self._ping_timer: asyncio.TimerHandle | None = None
        self._expiry_timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()  # closes, and pings that must wait for the socket
        self._last_pong = time.monotonic()
        self._closing = False
        # Optional in ASGI: a server without the extension (or without `extensions`) gets every frame through `send`.
        extensions = self.websocket.ws.scope.get("extensions") or {}  # type: ignore[attr-defined]
        self._write_now: WriteNow | None = extensions.get(WRITE_NOW)
        on_pong: Callable[[Callable[[], None]], None] | None = extensions.get(ON_PONG)
        if on_pong is not None:
            on_pong(self._pong)  # answers to pings are noted without a message through ASGI
        self.context.disconnect = self.disconnect_soon
        self.connections: OpenConnections = self.view.connections  # type: ignore[attr-defined]
        # Accepted by now: the handshake's headers (checked for the origin and the subprotocol) are not read again,
        # and each idle connection would keep its copy and Starlette's view of it.
        websocket = self.websocket.ws  # type: ignore[attr-defined]
        websocket.scope["headers"] = []
        vars(websocket).pop("_headers", None)

    def on_request_accepted(self) -> None:
        super().on_request_accepted()
        if self.connections.draining:
            self.disconnect_soon(CLOSE_GOING_AWAY, "Server shutting down")
        self.connections.add(self)

    async def shutdown(self) -> None:
        self.connections.discard(self)
        for timer in (self._ping_timer, self._expiry_timer):
            if timer is not None:
                timer.cancel()
        for task in list(self._tasks):
            task.cancel()
        await super().shutdown()
        self.context.disconnect = None  # a bound method of this handler: a cycle the connection would leave behind

    def _task_done(self, task: asyncio.Task[None]) -> None:
        forget_cancellation(task)  # an operation's, or the init timeout's: their frames refer back to this handler
        super()._task_done(task)

    async def handle_task_exception(self, error: Exception) -> None:
        # strawberry logs every failure of an operation's task with its traceback. A client that closed while its
        # operation was sending is not one: it only ends the operation, as on the fast path.
        if not isinstance(error, WebSocketDisconnected):
            await super().handle_task_exception(error)

    async def handle_message(self, message: Message) -> None:
        problem = malformed(message)
        if problem is not None:
            await self.handle_invalid_message(problem)
            return
        try:
            await super().handle_message(message)
        except WebSocketDisconnected:
            raise  # strawberry's loop ends the connection
        except Exception:
            # Not the client's doing, so not a 4400: logged, and the connection closed as graphql-ws servers do.
            log.exception("websocket %s message failed", message.get("type"))
            await self.disconnect(CLOSE_INTERNAL_ERROR, "Internal server error")

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if not self.connection_acknowledged or message.get("id") in self.operations:
            await super().handle_subscribe(message)  # closed with 4401 or 4409
            return
        payload = message.get("payload")
        if not (
            isinstance(payload, dict)
            and isinstance(payload.get("query"), str)
            and isinstance(payload.get("variables"), dict | None)
            and isinstance(payload.get("operationName"), str | None)
            and isinstance(payload.get("extensions"), dict | None)
        ):
            await self.handle_invalid_message("Invalid subscribe payload")  # 4400, as for any malformed message
            return
        query, limit = payload["query"], self.max_subscriptions_per_connection
        if len(query) > MAX_QUERY_BYTES:
            await self._refuse(message, f"The query is {len(query)} characters long; the limit is {MAX_QUERY_BYTES}.")
            return
        if limit is not None and len(self.operations) >= limit:
            # strawberry's own answer to this has no code.
            await self._refuse(message, f"At most {limit} operations at once on one connection; complete one first.")
            return
        live = self._live(message)
        if live is None:
            refusal = _unchosen(query, payload.get("operationName"))
            if refusal is not None:  # strawberry fails on it, and reports an internal error
                await self._refuse(message, refusal)
                return
            await super().handle_subscribe(message)
            return
        plan, arguments = live
        operation: Operation[Context, None] = Operation(
            self, message["id"], query, payload.get("variables"), payload.get("operationName")
        )
        operation.task = asyncio.create_task(self._run_live(operation, plan, arguments))
        operation.task.add_done_callback(self._task_done)
        self.operations[message["id"]] = operation

    async def _refuse(self, message: SubscribeMessage, reason: str) -> None:
        error = GraphQLError(reason, extensions={"code": "BAD_USER_INPUT"})
        await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error.formatted]))

    def _live(self, message: SubscribeMessage) -> tuple[Plan, dict[str, Any]] | None:
        """The plan of a live-field subscription this handler runs itself (its payload checked already); None
        leaves it to strawberry, which also answers every validation error."""
        payload = message["payload"]
        plans: Cache[Plan] = self.view.plans  # type: ignore[attr-defined]
        plan = plans.get(payload["query"], payload.get("operationName"))
        if plan is None:
            return None
        arguments = plan.arguments(self.schema._schema, payload.get("variables"))  # type: ignore[attr-defined]
        return (plan, arguments) if arguments is not None else None

    async def _run_live(self, operation: Operation[Context, None], plan: Plan, arguments: dict[str, Any]) -> None:
        renderer: Renderer = self.view.renderer  # type: ignore[attr-defined]
        rendering = renderer.rendering(plan, operation.variables or {})
        prefix = f'{{"id":{json.dumps(operation.id)},"type":"next","payload":'.encode()

        def payload(value: NotificationData | int) -> bytes:
            # Keyed by what the payload shows: a notification's content never changes, its read state may.
            if isinstance(value, NotificationData):
                return rendering.payload((value.id, value.read_at), NotificationType.of, value)
            return rendering.payload(value, int, value)

        outlet: SocketOutlet[NotificationData | int] | None = None
        if self._write_now is not None:
            outlet = SocketOutlet(self._write_now, self.operations, operation.id, operation, prefix, payload, b"}")

        try:
            stream: AsyncIterator[Any]
            if plan.field_name == "notificationAdded":
                stream = notification_stream(self.context, arguments.get("after"), outlet)
            else:
                stream = unread_count_stream(self.context, outlet)
            async with aclosing(stream):
                async for value in stream:
                    message = b"".join((prefix, payload(value), b"}")).decode()
                    await self.websocket.ws.send_text(message)  # type: ignore[attr-defined]
        except (WebSocketDisconnect, OSError):
            return  # the connection is gone
        except Exception as error:
            message = error.message if isinstance(error, ServiceError) else str(error)
            graphql_error = with_code(at_field(GraphQLError(message, original_error=error), plan.field))
            with suppress(Exception):
                await operation.send_operation_message(
                    {"id": operation.id, "type": "next", "payload": {"data": None, "errors": [graphql_error.formatted]}}
                )
        with suppress(Exception):
            await operation.send_operation_message({"id": operation.id, "type": "complete"})

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        # strawberry keeps the cancelled 4408 timer's task, and with it the CancelledError's traceback and frames
        # for the connection's life. Nothing waits for it: its own callback retrieves the outcome.
        self.connection_init_timeout_task = None
        if not self.connection_acknowledged:
            return
        settings = self.context.runtime.settings
        interval, patience = settings.ping_interval_seconds, settings.pong_timeout_seconds
        loop = asyncio.get_running_loop()
        # Connections opened together (a deploy, a reconnect storm) must not all ping in the same instant.
        self._ping_timer = loop.call_later(random.uniform(0, interval), self._ping, interval, patience)
        principal = self.context.principal
        if principal is not None and principal.expires_at is not None:
            delay = max(0.0, principal.expires_at - time.time())
            self._expiry_timer = loop.call_later(delay, self.disconnect_soon, CLOSE_FORBIDDEN, "Token expired")

    async def handle_pong(self, message: PongMessage) -> None:
        self._pong()

    def _pong(self) -> None:
        self._last_pong = time.monotonic()

    def disconnect_soon(self, code: int, reason: str) -> None:
        self._watch(self.disconnect(code, reason))

    async def disconnect(self, code: int, reason: str) -> None:
        if self._closing:
            return
        self._closing = True
        with suppress(Exception):
            await self.websocket.close(code=code, reason=reason)

    def _watch(self, coroutine: Any, name: str | None = None) -> None:
        task = asyncio.create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _ping(self, interval: float, patience: float) -> None:
        if self._closing:
            return
        if time.monotonic() - self._last_pong > interval + patience:
            self.disconnect_soon(CLOSE_PING_TIMEOUT, "Ping timeout")
            return
        self._ping_timer = asyncio.get_running_loop().call_later(interval, self._ping, interval, patience)
        # Sent as is (no encoding): 10,000 connections ping every interval. Straight to the socket when it takes
        # it; else (no direct writes, or a socket backed up) through ASGI, one ping at a time. A peer that stops
        # reading is closed by the check above, or by its buffer's overflow.
        if self._write_now is not None and self._write_now((_PING_FRAME,)):
            return
        if not any(task.get_name() == _PING for task in self._tasks):
            self._watch(self._send_ping(), name=_PING)

    async def _send_ping(self) -> None:
        with suppress(Exception):
            await self.websocket.ws.send_text(_PING)  # type: ignore[attr-defined]


def _unchosen(query: str, operation_name: str | None) -> str | None:
    """Why `operation_name` chooses no operation of `query`; None also when `query` does not parse (strawberry
    reports that)."""
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except (GraphQLError, RecursionError):
        return None
    return unchosen(document, operation_name)
