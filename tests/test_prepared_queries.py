"""Queries and mutations POSTed as JSON with a valid document are answered from a prepared copy of it
(`execution.documents`), without strawberry's view (`transport.endpoint`). Whatever path a request takes, the answer
must be the same: these send the same questions through both (GET, documents with fragments and bodies the fast
path leaves alone go through strawberry) and compare the responses."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from schema.root import schema
from tests.support import LIST, SEND, GraphQLClient, Server, token, unique
from transport.endpoint import NotificationsGraphQL

FRAGMENT_LIST = """
query List($first: Int, $after: String, $filter: NotificationFilter) {
  notifications(first: $first, after: $after, filter: $filter) { ...Page }
}
fragment Page on NotificationConnection {
  edges {
    cursor
    node { id type title message priority isRead readAt actionUrl actionText metadata createdAt expiresAt }
  }
  pageInfo { hasNextPage endCursor }
}"""
# The field at the same line and column as in SEND, so that error locations match too.
FRAGMENT_SEND = """
mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { ...R }
}
fragment R on SendResult { delivered skipped duplicate notification { id title type priority createdAt } }"""


async def both_paths(
    http: httpx.AsyncClient, server: Server, query: str, variables: dict[str, Any], access: str | None
) -> tuple[httpx.Response, httpx.Response]:
    headers = {"Authorization": f"Bearer {access}"} if access else {}
    prepared = await http.post(server.url, json={"query": query, "variables": variables}, headers=headers)
    params = {"query": query, "variables": json.dumps(variables)}
    strawberry = await http.get(server.url, params=params, headers=headers)
    return prepared, strawberry


@pytest.fixture
async def reader(api: GraphQLClient) -> str:
    tenant, user = unique("t"), unique("u")
    admin = token(unique("admin"), tenant, "admin")
    for i in range(3):
        content = {"userId": user, "title": f"n{i}", "message": "m", "metadata": {"i": i}, "priority": "HIGH"}
        await api.data(SEND, {"input": content}, token=admin)
    return token(user, tenant)


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ unreadCount }", {}),
        ("query C($types: [String!]) { unreadCount(types: $types) }", {"types": ["system"]}),
        (LIST, {"first": 2}),
        (LIST, {"first": 2, "filter": {"status": "UNREAD", "minPriority": "HIGH"}}),
        ("{ recentNotifications(limit: 2) { id title } notificationPreferences { inApp email } }", {}),
        # Errors: a bad cursor, a bad variable, an unknown id, a limit.
        (LIST, {"after": "not-a-cursor"}),
        (LIST, {"first": "two"}),
        ('{ notification(id: "999999999") { id } }', {}),
        (LIST, {"first": 1000}),
        # Refused by validation, answered from the prepared copy's errors: graphql's rules, depth, aliases, cost.
        ("{ unreadCount notAField }", {}),
        ("query Q($n: Int) { unreadCount(types: $n) }", {}),
        ("{ " + " ".join(f"a{i}: unreadCount" for i in range(31)) + " }", {}),
        (
            "{ "
            + " ".join(f"a{i}: notifications(first: 100) {{ edges {{ node {{ id }} }} }}" for i in range(30))
            + " }",
            {},
        ),
    ],
)
async def test_the_prepared_path_answers_as_strawberry_does(
    http: httpx.AsyncClient, server: Server, reader: str, query: str, variables: dict[str, Any]
) -> None:
    prepared, strawberry = await both_paths(http, server, query, variables, reader)
    assert prepared.status_code == strawberry.status_code == 200
    assert prepared.json() == strawberry.json()
    for error in prepared.json().get("errors") or []:
        assert error["extensions"]["code"], error


async def test_the_prepared_path_refuses_who_strawberry_refuses(http: httpx.AsyncClient, server: Server) -> None:
    for access in (None, "not-a-token"):
        prepared, strawberry = await both_paths(http, server, "{ unreadCount }", {}, access)
        assert prepared.json() == strawberry.json()
        assert prepared.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Not a sender: sentNotifications is for admins and services.
    prepared, strawberry = await both_paths(
        http, server, "{ sentNotifications { edges { cursor } } }", {}, token(unique("u"), unique("t"))
    )
    assert prepared.json() == strawberry.json()
    assert prepared.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_document_with_fragments_takes_strawberrys_path_with_the_same_answer(
    api: GraphQLClient, reader: str
) -> None:
    variables = {"first": 3}
    assert await api.run(FRAGMENT_LIST, variables, token=reader) == await api.run(LIST, variables, token=reader)


@pytest.mark.parametrize(
    "content",
    [
        {"userId": "u", "title": "", "message": "m"},
        {"userId": "u", "title": "t", "message": "m", "priority": "SOMETIMES"},
        {"userId": "u", "title": "t", "message": "m", "actionUrl": "javascript:alert(1)"},
    ],
)
async def test_a_refused_mutation_reads_the_same_on_both_paths(api: GraphQLClient, content: dict[str, Any]) -> None:
    admin = token(unique("admin"), unique("t"), "admin")
    prepared = await api.run(SEND, {"input": content}, token=admin)
    strawberry = await api.run(FRAGMENT_SEND, {"input": content}, token=admin)
    assert prepared == strawberry
    assert prepared["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_mutation_over_post_takes_effect_once(api: GraphQLClient, reader: str) -> None:
    mark_all = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"
    assert await api.data(mark_all, token=reader) == {"markAllNotificationsRead": {"updatedCount": 3, "unreadCount": 0}}
    assert await api.data(mark_all, token=reader) == {"markAllNotificationsRead": {"updatedCount": 0, "unreadCount": 0}}


@pytest.mark.parametrize("operation_name", [[], {"a": 1}, 5])
async def test_an_operation_name_that_is_not_a_string_is_a_4xx_not_a_500(
    http: httpx.AsyncClient, server: Server, operation_name: object
) -> None:
    body = {"query": "{ unreadCount }", "operationName": operation_name}
    response = await http.post(server.url, json=body)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)


async def test_text_outside_ascii_reads_the_same_on_both_paths(
    api: GraphQLClient, http: httpx.AsyncClient, server: Server
) -> None:
    tenant, user = unique("t"), unique("u")
    title = "Commande expédiée 🔔 «ok» \u2028 ünïcode"
    content = {"userId": user, "title": title, "message": "m", "metadata": {"note": "日本語"}}
    await api.data(SEND, {"input": content}, token=token(unique("admin"), tenant, "admin"))
    prepared, strawberry = await both_paths(http, server, LIST, {"first": 1}, token(user, tenant))
    assert prepared.headers["content-type"] == strawberry.headers["content-type"] == "application/json"
    assert prepared.json() == strawberry.json()
    node = prepared.json()["data"]["notifications"]["edges"][0]["node"]
    assert (node["title"], node["metadata"]) == (title, {"note": "日本語"})


def test_what_orjson_cannot_encode_is_encoded_by_json() -> None:
    encoded = NotificationsGraphQL(schema).encode_json({"message": "\ud800 é", "n": 2**70})
    assert json.loads(encoded) == {"message": "\ud800 é", "n": 2**70}


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        # Read by strawberry, after the fast path looked at the body and left it: it must still be all there.
        ("application/json", '{"query": "{ unreadCount }", "variables": [1]}', 400),
        ("application/json", '{"query": "{ unreadCount }" ', 400),
        ("application/json", '{"query": "{ unreadCount }", "n": 1e999}', 200),
        ("text/plain", '{"query": "{ unreadCount }"}', 400),
        ("application/json; charset=utf-8", '{"query": "{ unreadCount }"}', 200),
    ],
)
async def test_bodies_the_fast_path_leaves_reach_strawberry_whole(
    http: httpx.AsyncClient, server: Server, reader: str, content_type: str, body: str, status: int
) -> None:
    headers = {"Authorization": f"Bearer {reader}", "Content-Type": content_type}
    response = await http.post(server.url, content=body, headers=headers)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json() == {"data": {"unreadCount": 3}}


async def test_a_body_sent_in_chunks_is_read_whole(http: httpx.AsyncClient, server: Server, reader: str) -> None:
    async def chunks() -> Any:
        for part in (b'{"query": "{ unread', b'Count }", "variables"', b": {}}"):
            yield part

    headers = {"Authorization": f"Bearer {reader}", "Content-Type": "application/json"}
    response = await http.post(server.url, content=chunks(), headers=headers)
    assert response.json() == {"data": {"unreadCount": 3}}
