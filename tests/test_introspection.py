"""INTROSPECTION=false (schema.introspection): `__schema` and `__type` refused with FORBIDDEN on every path a document
can take (POST, on the fast path or strawberry's, GET, and a websocket), while the rest of the API answers; and left
open by default."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from settings import Settings
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    REDIS_URL,
    GraphQLClient,
    Server,
    in_process,
    start_server,
    subscription,
    token,
    unique,
)

SCHEMA = "query Schema { __schema { queryType { name } } }"
TYPE = 'query Type { __type(name: "Notification") { name } }'
ALIASED = "query Aliased { count: unreadCount types: __schema { types { name } } }"
FRAGMENT = 'query Fragmented { ...Root } fragment Root on Query { __type(name: "Query") { name } }'  # not fast path
INTROSPECTING = (SCHEMA, TYPE, ALIASED, FRAGMENT)


@asynccontextmanager
async def app_in_process(database_url: str, introspection: bool) -> AsyncIterator[GraphQLClient]:
    """The app in this process, started as a server starts it, behind httpx's ASGI transport."""
    settings = Settings(
        database_url=database_url, broadcast_url=REDIS_URL, jwt_secret=JWT_SECRET, introspection=introspection
    )
    async with in_process(settings) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


def forbidden(body: dict[str, Any]) -> None:
    assert body.get("data") is None, body
    codes = {error["extensions"]["code"] for error in body["errors"]}
    assert codes == {"FORBIDDEN"}, body
    assert all("Introspection is turned off" in error["message"] for error in body["errors"]), body


async def test_introspection_is_refused_over_http_when_off_and_answered_when_on(database_url: str) -> None:
    user = token(unique("introspect"), "acme")
    # Two apps in one process share the schema and its validation cache: each must keep its own setting.
    async with app_in_process(database_url, False) as off, app_in_process(database_url, True) as on:
        for _ in range(2):  # the second time from the documents prepared and validated the first time
            for query in INTROSPECTING:
                forbidden(await off.run(query, token=user))
                assert not (await on.run(query, token=user)).get("errors"), query
                response = await off.http.get(off.url, params={"query": query})
                assert response.status_code == 200, response.text
                forbidden(response.json())
        assert (await on.data(SCHEMA))["__schema"]["queryType"] == {"name": "Query"}
        assert (await on.data(TYPE))["__type"] == {"name": "Notification"}
        # Not introspection: the type name of a result, and everything else.
        assert await off.data("{ __typename }") == {"__typename": "Query"}
        assert await off.data("query { unreadCount __typename }", token=user) == {
            "unreadCount": 0,
            "__typename": "Query",
        }


@pytest.fixture(scope="module")
def without_introspection(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    running = start_server({**server_env, "INTROSPECTION": "false"}, logs_dir)
    yield running
    running.stop()


@pytest.mark.slow
async def test_introspection_is_refused_over_the_websocket_when_off(
    without_introspection: Server, server: Server, http: httpx.AsyncClient
) -> None:
    user = token(unique("introspect-ws"), "acme")
    async with subscription(without_introspection, user) as sub:
        for query in INTROSPECTING:
            op_id = await sub.subscribe(query)
            message = await sub.receive()
            assert message["id"] == op_id and message["type"] == "error", message
            forbidden({"data": None, "errors": message["payload"]})
        op_id = await sub.subscribe("query { unreadCount }")
        assert await sub.next_data() == {"unreadCount": 0}
    async with subscription(server, user) as sub:  # the default: open
        await sub.subscribe(SCHEMA)
        assert await sub.next_data() == {"__schema": {"queryType": {"name": "Query"}}}
    # And over HTTP on the same server, from a separate process's settings.
    forbidden(await GraphQLClient(without_introspection.url, http).run(SCHEMA))
