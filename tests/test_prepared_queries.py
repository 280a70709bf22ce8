"""Queries POSTed with a valid document run on a prepared copy of it (`resolvers.documents`), without strawberry's
per-request pipeline. Whatever path a request takes, the answer must be the same: these send the same questions
through both (GET and documents with fragments go through strawberry) and compare the responses byte for byte."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.support import LIST, SEND, GraphQLClient, Server, token, unique

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
