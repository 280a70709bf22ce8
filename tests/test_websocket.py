"""The graphql-transport-ws handler (`transport.websocket`): which frames are the client's fault (4400) and which
failures are ours (logged, 4500); and its fast path for the live fields (`execution.plans`) answering exactly as
strawberry's own path does, for the same documents (a fragment sends a document down strawberry's path)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
import websockets

from services import Runtime, send_notification
from settings import Settings
from tests.support import (
    JWT_SECRET,
    REDIS_URL,
    SEND,
    GraphQLClient,
    Server,
    Subscription,
    serving_here,
    subscription,
    token,
    unique,
    until,
)
from transport.websocket import NotificationsWSHandler

WAIT = 15.0  # only there so that a broken test fails instead of hanging


async def close_code(sub: Subscription) -> int | None:
    try:
        while True:
            message = await sub.receive(WAIT)
            assert message.get("type") != "next", message
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


SHAPES = {
    "id-list": {"id": ["1"], "type": "subscribe", "payload": {"query": "subscription { unreadCountChanged }"}},
    "id-object": {"id": {}, "type": "complete"},
    "payload-list": {"id": "1", "type": "subscribe", "payload": ["subscription { unreadCountChanged }"]},
    "payload-string": {"id": "1", "type": "subscribe", "payload": "subscription { unreadCountChanged }"},
    "query-number": {"id": "1", "type": "subscribe", "payload": {"query": 1}},
    "query-list": {"id": "1", "type": "subscribe", "payload": {"query": ["subscription { unreadCountChanged }"]}},
    "variables-list": {
        "id": "1",
        "type": "subscribe",
        "payload": {"query": "subscription { unreadCountChanged }", "variables": [1]},
    },
    "operation-name-object": {
        "id": "1",
        "type": "subscribe",
        "payload": {"query": "subscription { unreadCountChanged }", "operationName": {}},
    },
}


@pytest.mark.parametrize("frame", list(SHAPES.values()), ids=list(SHAPES))
async def test_a_frame_of_the_wrong_shape_is_closed_4400(server: Server, frame: dict[str, Any]) -> None:
    server = server.logging_from_here()  # the run's shared server: what other tests made it log is theirs
    async with subscription(server, token(unique("u"), unique("t"))) as sub:
        await sub.ws.send(json.dumps(frame))
        assert await close_code(sub) == 4400
    assert "Traceback" not in server.log()


async def test_a_bug_while_handling_a_message_is_logged_and_closed_4500_not_blamed_on_the_client(
    database_url: str, collector: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: NotificationsWSHandler, message: Any) -> None:
        raise TypeError("a bug in the handler")

    monkeypatch.setattr(NotificationsWSHandler, "handle_ping", broken)
    settings = Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET)
    async with serving_here(settings) as server, subscription(server, token(unique("u"), unique("t"))) as sub:
        await sub.ws.send(json.dumps({"type": "ping"}))
        assert await close_code(sub) == 4500
    failures = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "notifications.websocket"]
    assert len(failures) == 1, caplog.records
    assert failures[0].exc_info is not None and "a bug in the handler" in str(failures[0].exc_info[1])


COUNTS = {
    "fast": "subscription { count: unreadCountChanged }",
    "strawberry": "subscription { ...Counted } fragment Counted on Subscription { count: unreadCountChanged }",
}


@pytest.mark.parametrize("path", list(COUNTS))
async def test_a_client_that_closes_while_its_operation_sends_is_not_an_error(
    database_url: str,
    runtime: Runtime,
    collector: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    path: str,
) -> None:
    """The client's close is read, and its operation sends before the connection's loop ends it: on either path,
    the operation ends quietly."""
    held: list[NotificationsWSHandler] = []
    release = asyncio.Event()

    async def hold(self: NotificationsWSHandler, message: Any) -> None:  # keeps the loop from reading the close
        held.append(self)
        await release.wait()

    monkeypatch.setattr(NotificationsWSHandler, "handle_ping", hold)
    tenant, user = unique("t"), unique("u")
    settings = Settings(database_url=database_url, broadcast_url=REDIS_URL, jwt_secret=JWT_SECRET)
    async with serving_here(settings) as url:
        async with subscription(url, token(user, tenant)) as sub:
            op = await sub.subscribe(COUNTS[path])
            assert await sub.receive(WAIT) == {"id": op, "type": "next", "payload": {"data": {"count": 0}}}
            await sub.ws.send(json.dumps({"type": "ping"}))
            await until(lambda: bool(held))
        try:
            operation = held[0].operations[op]
            await send_notification(runtime, user=user, tenant=tenant, title="Hello", message="Hi")
            await until(lambda: operation.task is not None and operation.task.done())
        finally:
            release.set()
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING], caplog.records


# --- the live fields' fast path against strawberry's own ---------------------------------------------------------


def through_strawberry(query: str) -> str:
    """The same document, with its selection in a fragment: the fast path takes no fragments (execution.documents)."""
    field, selection = query.rsplit(" { ", 1)
    kind = "Notification" if "notificationAdded" in field else None
    assert kind is not None and selection.endswith(" } }"), query
    return f"{field} {{ ...Selected }} }} fragment Selected on {kind} {{ {selection[: -len(' } }')]} }}"


async def operation_frames(sub: Subscription, op_id: str) -> list[dict[str, Any]]:
    """Every frame of operation `op_id` up to its end (`complete` or `error`), without the id."""
    frames = []
    while True:
        message = await sub.receive(WAIT)
        assert message.get("id") == op_id, message
        frames.append({k: v for k, v in message.items() if k != "id"})
        if message["type"] in ("complete", "error"):
            return frames


REFUSED = [
    ('subscription { bell: notificationAdded(after: "garbage") { id } }', None),
    ('subscription { notificationAdded(after: "garbage") { id } }', None),
    ("subscription Added($after: String) { latest: notificationAdded(after: $after) { id title } }", {"after": "%%"}),
]


@pytest.mark.parametrize(("query", "variables"), REFUSED, ids=["aliased", "plain", "variables"])
async def test_a_live_field_refused_by_its_stream_is_answered_as_strawberry_answers_it(
    server: Server, query: str, variables: dict[str, Any] | None
) -> None:
    async with subscription(server, token(unique("u"), unique("t"))) as sub:
        fast = await operation_frames(sub, await sub.subscribe(query, variables))
        slow = await operation_frames(sub, await sub.subscribe(through_strawberry(query), variables))
    assert fast == slow
    errors = fast[0]["payload"]["errors"] if fast[0]["type"] == "next" else fast[0]["payload"]
    alias = query.split("{ ", 1)[1].split(":")[0] if ": notificationAdded" in query else "notificationAdded"
    assert [error["path"] for error in errors] == [[alias]], fast
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", fast


async def test_a_live_field_delivers_what_strawberry_delivers(api: GraphQLClient, server: Server) -> None:
    tenant, user = unique("t"), unique("u")
    query = "subscription { bell: notificationAdded { key: id title heading: title __typename t: type } }"
    sent = {"userId": user, "title": "Hello", "message": "Hi", "type": "news"}
    async with subscription(server, token(user, tenant)) as sub:
        fast_id = await sub.subscribe(query)
        slow_id = await sub.subscribe(through_strawberry(query))
        # Both listening once a send reaches both (notificationAdded without `after` has no first message).
        reached: dict[str, list[dict[str, Any]]] = {fast_id: [], slow_id: []}
        for _ in range(60):
            if reached[fast_id] and reached[slow_id]:
                break
            await api.data(SEND, {"input": sent}, token=token(unique("admin"), tenant, "admin"))
            try:
                while True:
                    message = await sub.receive(1.0)
                    reached[message["id"]].append(message["payload"])
            except TimeoutError:
                pass
    # Each send that reached both arrived the same to both.
    fast, slow = reached[fast_id], reached[slow_id]
    by_key = {payload["data"]["bell"]["key"]: payload for payload in slow}
    common = [payload for payload in fast if payload["data"]["bell"]["key"] in by_key]
    assert common, (fast, slow)
    for payload in common:
        assert payload == by_key[payload["data"]["bell"]["key"]]
        assert payload["data"]["bell"] == {
            "key": payload["data"]["bell"]["key"],
            "title": "Hello",
            "heading": "Hello",
            "__typename": "Notification",
            "t": "news",
        }


async def test_a_count_delivers_what_strawberry_delivers(server: Server) -> None:
    fragment = "subscription { ...Counted } fragment Counted on Subscription { count: unreadCountChanged }"
    async with subscription(server, token(unique("u"), unique("t"))) as sub:
        fast = await sub.subscribe("subscription { count: unreadCountChanged }")
        assert await sub.receive(WAIT) == {"id": fast, "type": "next", "payload": {"data": {"count": 0}}}
        slow = await sub.subscribe(fragment)
        assert await sub.receive(WAIT) == {"id": slow, "type": "next", "payload": {"data": {"count": 0}}}
