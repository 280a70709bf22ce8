"""Size and shape limits: a request is refused before it can pin memory or a core, with a clear answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import parse
from strawberry.schema.schema import validate_document

from execution.executor import ROOT_FIELDS_AT_ONCE
from resolvers.context import Context
from schema.limits import LIMIT_RULES, MAX_QUERY_BYTES
from schema.root import schema
from services.auth import Principal
from services.runtime import Runtime
from tests.support import GraphQLClient, Server, pooled_at_most, start_server, subscription, token, unique


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


# A mark lists up to 1,000 notifications, one per id it names (markAllNotificationsRead: its newest 1,000): thirty
# aliases of one answered 600 MB for an inbox of 1,000 long notifications.
MARKED = "notifications { id title message metadata actionUrl }"
FIVE_FIELDS = "notifications { id type title message priority }"


@pytest.mark.parametrize(
    "query",
    [
        "mutation($ids: [ID!]!) { "
        + " ".join(f"a{i}: markNotificationsRead(ids: $ids) {{ {MARKED} }}" for i in range(30))
        + " }",
        "mutation($ids: [ID!]!) { "
        + " ".join(f"a{i}: markNotificationsUnread(ids: $ids) {{ {MARKED} }}" for i in range(2))
        + " }",
        "mutation { " + " ".join(f"a{i}: markAllNotificationsRead {{ {MARKED} }}" for i in range(2)) + " }",
        f"mutation($ids: [ID!]!) {{ markNotificationsRead(ids: $ids) {{ {FIVE_FIELDS} }} }}",  # one mark: 5,002
    ],
)
async def test_marks_listing_more_than_the_cost_limit_are_refused_before_they_run(
    api: GraphQLClient, query: str
) -> None:
    reader = token(unique("u"), unique("t"))
    body = await api.run(query, {"ids": ["1"]}, token=reader)
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "limit is 5,000" in error["message"], error


async def test_marks_as_clients_write_them_are_within_the_cost_limit(api: GraphQLClient) -> None:
    reader = token(unique("u"), unique("t"))
    changed = "updatedCount unreadCount notifications { id isRead readAt }"  # the README's, for normalised caches
    for query, variables in [
        (f"mutation($ids: [ID!]!) {{ markNotificationsRead(ids: $ids) {{ {changed} }} }}", {"ids": ["1"]}),
        (f"mutation($ids: [ID!]!) {{ markNotificationsUnread(ids: $ids) {{ {changed} }} }}", {"ids": ["1"]}),
        (f"mutation {{ markAllNotificationsRead {{ {changed} }} }}", None),
        (
            f'mutation {{ a: markNotificationsRead(ids: ["1", "2"]) {{ {MARKED} }} '
            f'b: markNotificationsUnread(ids: ["3"]) {{ {MARKED} }} }}',
            None,
        ),
    ]:
        data = await api.data(query, variables, token=reader)
        assert all(result["notifications"] == [] for result in data.values()), data


async def test_pages_a_bell_asks_for_are_within_the_cost_limit(api: GraphQLClient) -> None:
    reader = token(unique("u"), unique("t"))
    bell = f"query($n: Int!) {{ unreadCount unread: {FULL_PAGE.replace('100', '$n')} read: {FULL_PAGE} }}"
    data = await api.data(bell, {"n": 100}, token=reader)
    assert data["unreadCount"] == 0 and data["unread"]["edges"] == [] and data["read"]["edges"] == []


async def test_one_request_holds_at_most_two_pooled_connections(runtime: Runtime) -> None:
    """Sibling root fields are resolved concurrently, each on a pooled connection: thirty of them in one request
    must not take the pool from everyone else (thirty, the alias limit, are as many as one can have)."""
    principal = Principal(user_id=unique("u"), tenant_id=unique("t"))
    query = "{ " + " ".join(f"c{i}: unreadCount" for i in range(30)) + " }"
    with pooled_at_most(runtime) as most:
        result = await schema.execute(query, context_value=Context(runtime=runtime, principal=principal))
    assert result.errors is None and result.data is not None and len(result.data) == 30, result
    assert most[0] <= ROOT_FIELDS_AT_ONCE, most


# --- documents whose checks used to cost time exponential in their size ------------------------------------------


def doubling(levels: int) -> str:
    """Each fragment spreads the next one twice: written out, the document has 2**levels copies of the last one."""
    chain = " ".join(f"fragment F{i} on Query{{...F{i + 1} ...F{i + 1}}}" for i in range(levels))
    return f"query{{...F0}} {chain} fragment F{levels} on Query{{__typename}}"


ATTACK = doubling(30)  # issue 20's document: strawberry's depth limiter walked it for more than 5 minutes


def limit_errors(query: str) -> list[str]:
    return [e.message for e in validate_document(schema._schema, parse(query), tuple(LIMIT_RULES))]


def test_a_fragment_spread_is_a_level_of_depth() -> None:
    chain = " ".join(f"fragment F{i} on Query{{...F{i + 1}}}" for i in range(10))
    assert limit_errors(f"{{...F0}} {chain} fragment F10 on Query{{unreadCount}}") == [
        "'anonymous' exceeds maximum operation depth of 10"
    ]
    shorter = " ".join(f"fragment F{i} on Query{{...F{i + 1}}}" for i in range(9))
    assert limit_errors(f"{{...F0}} {shorter} fragment F9 on Query{{unreadCount}}") == []


def test_fragments_count_toward_aliases_and_tokens_at_every_spread() -> None:
    sixteen = " ".join(f"a{i}: unreadCount" for i in range(16))
    assert limit_errors(
        f"{{...A ...B}} fragment A on Query{{...C}} fragment B on Query{{...C}} fragment C on Query{{{sixteen}}}"
    ) == ["32 aliases found. Allowed: 30"]
    assert "'anonymous' has more than 2000 tokens with its fragments written out." in limit_errors(doubling(10))


def test_fragment_cycles_are_left_to_graphql_core() -> None:
    cycle = "{ ...A } fragment A on Query { ...B unreadCount } fragment B on Query { ...A }"
    assert limit_errors(cycle) == []


@pytest.fixture(scope="module")
def own_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """A server of our own: if a document pins it, the other tests' shared server stays usable."""
    running = start_server(server_env, logs_dir)
    try:
        yield running
    finally:
        running.stop()


def assert_refused(body: dict[str, Any]) -> None:
    assert body.get("data") is None, body
    assert body["errors"], body
    assert all(e["extensions"]["code"] == "BAD_USER_INPUT" for e in body["errors"]), body
    assert any("exceeds maximum operation depth of 10" in e["message"] for e in body["errors"]), body


@pytest.mark.slow
async def test_the_doubling_fragments_document_is_refused_over_post_and_get(own_server: Server) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        posted = await http.post(own_server.url, json={"query": ATTACK})
        got = await http.get(own_server.url, params={"query": ATTACK})
    assert posted.status_code == 200, posted.text
    assert_refused(posted.json())
    assert got.status_code == 200, got.text
    assert_refused(got.json())


@pytest.mark.slow
async def test_the_doubling_fragments_document_is_refused_over_a_websocket(own_server: Server) -> None:
    async with subscription(own_server, token(unique("u"), unique("t"))) as sub:
        op = await sub.subscribe(ATTACK)
        refused = await sub.receive(within=60)
        assert refused["id"] == op and refused["type"] == "error", refused
        assert_refused({"data": None, "errors": refused["payload"]})
        await sub.subscribe("subscription { unreadCountChanged }")
        assert (await sub.next_data()) == {"unreadCountChanged": 0}


@pytest.mark.slow
async def test_the_process_stays_live_while_such_documents_arrive(own_server: Server) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        attacks = [asyncio.ensure_future(http.post(own_server.url, json={"query": ATTACK})) for _ in range(8)]
        live = await http.get(own_server.base("/health/live"))
        answers = await asyncio.gather(*attacks)
    assert live.status_code == 200, live.text
    for answer in answers:
        assert_refused(answer.json())


async def test_repeated_fields_beyond_graphql_cores_lowered_budget_are_refused(api: GraphQLClient) -> None:
    # OverlappingFieldsCanBeMergedRule compares fields of one name pairwise.
    error = await api.error("{" + " unreadCount" * 500 + " }")
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
