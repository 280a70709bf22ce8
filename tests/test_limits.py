"""Size limits: a request is refused before it can pin memory, with a clear answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from schema.root import MAX_QUERY_BYTES
from tests.support import GraphQLClient, Server, subscription, token, unique


async def test_an_oversized_body_is_413_before_authentication(server: Server) -> None:
    body = b'{"query": "{ unreadCount }", "pad": "' + b"x" * 400_000 + b'"}'
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.post(server.url, content=body, headers={"content-type": "application/json"})

        async def chunks() -> AsyncIterator[bytes]:  # no content-length: the body is counted as it arrives
            yield body[:200_000]
            yield body[200_000:]

        chunked = await http.post(server.url, content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413, response.text
    assert chunked.status_code == 413, chunked.text
    for refused in (response, chunked):
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", refused.text


async def test_an_oversized_query_is_bad_input_without_a_token(api: GraphQLClient) -> None:
    long_literal = "a" * MAX_QUERY_BYTES
    error = await api.error(f'{{ unreadCount(types: ["{long_literal}"]) }}')
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "limit" in error["message"]


async def test_an_oversized_subscription_is_refused_and_the_connection_stays(server: Server) -> None:
    user, tenant = unique("u"), unique("t")
    async with subscription(server, token(user, tenant)) as sub:
        padding = " " * MAX_QUERY_BYTES
        op = await sub.subscribe(f"subscription {{ notificationAdded {{ id }} }}{padding}")
        refused = await sub.receive()
        assert refused["id"] == op and refused["type"] == "error", refused
        assert refused["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        await sub.subscribe("subscription { unreadCountChanged }")
        assert (await sub.next_data()) == {"unreadCountChanged": 0}
