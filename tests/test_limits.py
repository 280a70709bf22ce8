"""Size limits: a request is refused before it can pin memory, with a clear answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from sqlalchemy import event

from resolvers.context import Context
from schema.execution import ROOT_FIELDS_AT_ONCE
from schema.root import MAX_QUERY_BYTES, schema
from services.auth import Principal
from services.runtime import Runtime
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


# Thirty aliases of a full page: a 4 KB document whose answer would be tens of megabytes.
FULL_PAGE = (
    "notifications(first: 100) { edges { cursor node { id type title message priority isRead readAt actionUrl "
    "actionText metadata createdAt expiresAt } } }"
)
WIDE = "{ " + " ".join(f"a{i}: {FULL_PAGE}" for i in range(30)) + " }"


async def test_an_answer_too_large_to_build_is_refused_before_it_runs(api: GraphQLClient) -> None:
    reader = token(unique("u"), unique("t"))
    for query in (
        WIDE,  # prepared once per process
        "query { ...Pages } fragment Pages on Query " + WIDE,  # strawberry's path
        "query($n: Int!) { " + " ".join(f"a{i}: {FULL_PAGE.replace('100', '$n')}" for i in range(4)) + " }",
    ):
        body = await api.run(query, {"n": 1}, token=reader)
        assert body.get("data") is None, body
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT" and "limit is 5,000" in error["message"], error


async def test_pages_a_bell_asks_for_are_within_the_cost_limit(api: GraphQLClient) -> None:
    reader = token(unique("u"), unique("t"))
    bell = f"query($n: Int!) {{ unreadCount unread: {FULL_PAGE.replace('100', '$n')} read: {FULL_PAGE} }}"
    data = await api.data(bell, {"n": 100}, token=reader)
    assert data["unreadCount"] == 0 and data["unread"]["edges"] == [] and data["read"]["edges"] == []


async def test_one_request_holds_at_most_two_pooled_connections(runtime: Runtime) -> None:
    """Sibling root fields are resolved concurrently, each on a pooled connection: thirty of them in one request
    must not take the pool from everyone else (thirty, the alias limit, are as many as one can have)."""
    held, most = 0, 0

    def checkout(*_: object) -> None:
        nonlocal held, most
        held += 1
        most = max(most, held)

    def checkin(*_: object) -> None:
        nonlocal held
        held -= 1

    pool = runtime.engine.sync_engine.pool
    event.listen(pool, "checkout", checkout)
    event.listen(pool, "checkin", checkin)
    try:
        principal = Principal(user_id=unique("u"), tenant_id=unique("t"))
        query = "{ " + " ".join(f"c{i}: unreadCount" for i in range(30)) + " }"
        result = await schema.execute(query, context_value=Context(runtime=runtime, principal=principal))
    finally:
        event.remove(pool, "checkout", checkout)
        event.remove(pool, "checkin", checkin)
    assert result.errors is None and result.data is not None and len(result.data) == 30, result
    assert most <= ROOT_FIELDS_AT_ONCE, most
