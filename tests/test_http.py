"""GraphQL over HTTP, driven in-process through httpx's ASGI transport: media types and status codes on both of the
endpoint's paths (a plain JSON POST is answered from its prepared document, anything with a fragment or over GET by
strawberry's view), refusals of unreadable requests as GraphQL errors, nullability, Relay's PageInfo, and CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from pydantic import ValidationError

from settings import Settings
from tests.support import JWT_SECRET, SEND, Server, in_process, start_server, token, unique
from transport.responses import GRAPHQL_RESPONSE, JSON, media_type

ORIGIN = "https://app.example.com"
URL = "http://service/graphql"


def app_in_process(database_url: str, **settings: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
    return in_process(Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET, **settings))


@pytest.fixture(scope="module")
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with app_in_process(database_url) as opened:
        yield opened


@pytest.fixture(scope="module")
async def cors_client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with app_in_process(database_url, cors_origins=f"{ORIGIN}, https://other.example.com") as opened:
        yield opened


@pytest.fixture
def reader() -> str:
    return token(unique("u"), unique("t"))


async def post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    access: str | None = None,
    accept: str | None = None,
) -> httpx.Response:
    headers = {}
    if access:
        headers["Authorization"] = f"Bearer {access}"
    if accept:
        headers["Accept"] = accept
    return await client.post(URL, json={"query": query, "variables": variables or {}}, headers=headers)


def coded(response: httpx.Response) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = response.json()["errors"]
    assert errors and all(error["extensions"]["code"] for error in errors), response.text
    return errors


# --- nullability ------------------------------------------------------------------------------------------------

UNKNOWN = '{ unreadCount notification(id: "999999") { id } }'
UNKNOWN_VIA_FRAGMENT = '{ unreadCount notification(id: "999999") { ...N } } fragment N on Notification { id }'


@pytest.mark.parametrize("query", [UNKNOWN, UNKNOWN_VIA_FRAGMENT], ids=["prepared", "strawberry"])
async def test_an_unknown_notification_is_a_null_field_beside_the_others(
    client: httpx.AsyncClient, reader: str, query: str
) -> None:
    response = await post(client, query, access=reader)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] == {"unreadCount": 0, "notification": None}
    (error,) = coded(response)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["path"] == ["notification"]


# --- Relay's PageInfo -------------------------------------------------------------------------------------------

PAGE = """query($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""
SENT_PAGE = """query($first: Int, $after: String) {
  sentNotifications(first: $first, after: $after) {
    edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def test_page_info_has_start_cursor_and_previous_page(client: httpx.AsyncClient) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token(unique("admin"), tenant, "admin")
    for i in range(3):
        sent = await post(client, SEND, {"input": {"userId": user, "title": f"n{i}", "message": "m"}}, access=admin)
        assert "errors" not in sent.json(), sent.text
    for query, access in ((PAGE, token(user, tenant)), (SENT_PAGE, admin)):
        first = (await post(client, query, {"first": 2}, access=access)).json()["data"]
        (connection,) = first.values()
        cursors = [edge["cursor"] for edge in connection["edges"]]
        assert connection["pageInfo"] == {
            "hasNextPage": True,
            "hasPreviousPage": False,
            "startCursor": cursors[0],
            "endCursor": cursors[1],
        }
        after = {"first": 2, "after": cursors[1]}
        (rest,) = (await post(client, query, after, access=access)).json()["data"].values()
        last = rest["edges"][0]["cursor"]
        assert rest["pageInfo"] == {
            "hasNextPage": False,
            "hasPreviousPage": True,
            "startCursor": last,
            "endCursor": last,
        }
        (empty,) = (await post(client, query, {"first": 2, "after": last}, access=access)).json()["data"].values()
        assert empty["pageInfo"] == {
            "hasNextPage": False,
            "hasPreviousPage": True,
            "startCursor": None,
            "endCursor": None,
        }


# --- media types and status codes -------------------------------------------------------------------------------

COUNT = "query($types: [String!]) { unreadCount(types: $types) }"
COUNT_VIA_FRAGMENT = "query($types: [String!]) { ...C } fragment C on Query { unreadCount(types: $types) }"


async def get(client: httpx.AsyncClient, query: str, variables: str, *, access: str, accept: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {access}", "Accept": accept}
    return await client.get(URL, params={"query": query, "variables": variables}, headers=headers)


@pytest.mark.parametrize("query", [COUNT, COUNT_VIA_FRAGMENT], ids=["prepared", "strawberry"])
@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, f"{GRAPHQL_RESPONSE}, {JSON};q=0.9"])
async def test_a_client_that_accepts_the_graphql_media_type_gets_it(
    client: httpx.AsyncClient, reader: str, query: str, accept: str
) -> None:
    response = await post(client, query, access=reader, accept=accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"unreadCount": 0}}


# (query, variables) that never run: they fail to parse, to validate, or their variables do not fit. The last takes
# the prepared path, whose document is valid.
NOT_RUN = [
    ("syntax", "{ unreadCount ", {}),
    ("unknown-field", "{ unreadCount nope }", {}),
    ("unknown-field-in-fragment", "{ ...C } fragment C on Query { nope }", {}),
    ("too-deep", "{ notifications { edges { node { " + "a { " * 10 + "b" + " }" * 10 + " } } } }", {}),
    ("subscription", "subscription { unreadCountChanged }", {}),
    ("variable-of-the-wrong-type", COUNT, {"types": 5}),
    ("variable-of-the-wrong-type-in-fragment", COUNT_VIA_FRAGMENT, {"types": 5}),
]


@pytest.mark.parametrize(("query", "variables"), [c[1:] for c in NOT_RUN], ids=[c[0] for c in NOT_RUN])
async def test_a_request_that_never_ran_is_a_400_without_data(
    client: httpx.AsyncClient, reader: str, query: str, variables: dict[str, Any]
) -> None:
    response = await post(client, query, variables, access=reader, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert "data" not in response.json()
    assert all(error["extensions"]["code"] == "BAD_USER_INPUT" for error in coded(response))


@pytest.mark.parametrize(("query", "variables"), [c[1:] for c in NOT_RUN], ids=[c[0] for c in NOT_RUN])
async def test_legacy_json_clients_still_get_200_with_null_data(
    client: httpx.AsyncClient, reader: str, query: str, variables: dict[str, Any]
) -> None:
    for accept in (None, JSON, "*/*"):
        response = await post(client, query, variables, access=reader, accept=accept)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == JSON
        assert response.json()["data"] is None
        coded(response)


@pytest.mark.parametrize("query", [COUNT, COUNT_VIA_FRAGMENT], ids=["one-operation", "with-fragment"])
async def test_over_get_a_request_that_never_ran_is_a_400_too(
    client: httpx.AsyncClient, reader: str, query: str
) -> None:
    response = await get(client, query, '{"types": 5}', access=reader, accept=GRAPHQL_RESPONSE)
    assert (response.status_code, response.headers["content-type"]) == (400, GRAPHQL_RESPONSE), response.text
    assert "data" not in response.json()
    coded(response)
    response = await get(client, query, '{"types": ["sale"]}', access=reader, accept=GRAPHQL_RESPONSE)
    assert (response.status_code, response.json()) == (200, {"data": {"unreadCount": 0}})


@pytest.mark.parametrize("query", [COUNT, COUNT_VIA_FRAGMENT], ids=["prepared", "strawberry"])
async def test_a_request_that_ran_is_a_200_with_data_even_when_it_failed(client: httpx.AsyncClient, query: str) -> None:
    # No token: the field's permission refuses it during execution, and its null reaches the root.
    response = await post(client, query, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json()["data"] is None
    assert coded(response)[0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        (JSON, JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};charset=utf-8", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};q=0", JSON),
        (f"{GRAPHQL_RESPONSE};q=nonsense", JSON),
    ],
)
def test_media_type_follows_the_accept_header(accept: str | None, expected: str) -> None:
    assert media_type(accept.encode() if accept is not None else None) == expected


# --- requests GraphQL cannot read -------------------------------------------------------------------------------

UNREADABLE: list[tuple[str, bytes, str, str]] = [
    ("malformed-json", b'{"query": "{ unreadCount }"', JSON, "not valid JSON"),
    ("not-an-object", b'"{ unreadCount }"', JSON, "must be a JSON object"),
    (
        "batch",
        b'[{"query": "{ unreadCount }"}, {"query": "{ unreadCount }"}]',
        JSON,
        "batched requests are not supported",
    ),
    ("no-query", b"{}", JSON, "No GraphQL query"),
    ("plain-text", b"{ unreadCount }", "text/plain", "content type"),
]


@pytest.mark.parametrize(
    ("content", "content_type", "says"), [u[1:] for u in UNREADABLE], ids=[u[0] for u in UNREADABLE]
)
@pytest.mark.parametrize("accept", [None, GRAPHQL_RESPONSE])
async def test_an_unreadable_request_is_a_400_with_a_graphql_error(
    client: httpx.AsyncClient, reader: str, content: bytes, content_type: str, says: str, accept: str | None
) -> None:
    headers = {"Authorization": f"Bearer {reader}", "Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    response = await client.post(URL, content=content, headers=headers)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == (accept or JSON)
    body = response.json()
    assert "data" not in body
    (error,) = coded(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert says in error["message"], error


# --- CORS -------------------------------------------------------------------------------------------------------

PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}


async def test_a_preflight_from_an_allowed_origin_is_answered(cors_client: httpx.AsyncClient) -> None:
    response = await cors_client.options(URL, headers={"Origin": ORIGIN, **PREFLIGHT})
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "authorization" in response.headers["access-control-allow-headers"].lower()


@pytest.mark.parametrize("query", [COUNT, COUNT_VIA_FRAGMENT], ids=["prepared", "strawberry"])
async def test_answers_to_an_allowed_origin_carry_cors_headers(
    cors_client: httpx.AsyncClient, reader: str, query: str
) -> None:
    headers = {"Origin": ORIGIN, "Authorization": f"Bearer {reader}"}
    response = await cors_client.post(URL, json={"query": query}, headers=headers)
    assert response.json() == {"data": {"unreadCount": 0}}
    assert response.headers["access-control-allow-origin"] == ORIGIN
    refused = await cors_client.post(URL, content=b"[]", headers={**headers, "Content-Type": JSON})
    assert refused.status_code == 400
    assert refused.headers["access-control-allow-origin"] == ORIGIN
    health = await cors_client.get("/health/live", headers={"Origin": ORIGIN})
    assert health.headers["access-control-allow-origin"] == ORIGIN


async def test_another_origin_gets_no_cors_headers(cors_client: httpx.AsyncClient, reader: str) -> None:
    origin = {"Origin": "https://evil.example.com"}
    preflight = await cors_client.options(URL, headers={**origin, **PREFLIGHT})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    response = await cors_client.post(
        URL, json={"query": COUNT}, headers={**origin, "Authorization": f"Bearer {reader}"}
    )
    assert response.json() == {"data": {"unreadCount": 0}}  # answered: it is the browser that withholds it
    assert "access-control-allow-origin" not in response.headers


async def test_by_default_no_origin_gets_cors_headers(client: httpx.AsyncClient, reader: str) -> None:
    preflight = await client.options(URL, headers={"Origin": ORIGIN, **PREFLIGHT})
    assert preflight.status_code == 405
    assert "access-control-allow-origin" not in preflight.headers
    response = await client.post(
        URL, json={"query": COUNT}, headers={"Origin": ORIGIN, "Authorization": f"Bearer {reader}"}
    )
    assert response.json() == {"data": {"unreadCount": 0}}
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("origins", ["https://app.example.com/", "app.example.com", "https://a.example.com/path"])
def test_an_origin_that_could_never_match_is_refused_at_start_up(origins: str) -> None:
    with pytest.raises(ValidationError, match="CORS_ORIGINS"):
        Settings(cors_origins=origins, jwt_secret=JWT_SECRET)


@pytest.fixture(scope="module")
def cors_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    running = start_server({**server_env, "CORS_ORIGINS": ORIGIN}, logs_dir)
    yield running
    running.stop()


async def handshake(server: Server, origin: str) -> str:
    """How a browser's websocket handshake from a page on `origin` ends."""
    protocol = [websockets.Subprotocol("graphql-transport-ws")]
    try:
        async with websockets.connect(server.ws_url, subprotocols=protocol, origin=websockets.Origin(origin)):
            return "open"
    except websockets.InvalidStatus as refused:
        return f"refused {refused.response.status_code}"


@pytest.mark.slow
async def test_websockets_from_allowed_origins_open(cors_server: Server, server: Server) -> None:
    # strawberry refuses cross-origin handshakes from browsers unless the origin is allowed.
    assert await handshake(cors_server, ORIGIN) == "open"
    assert await handshake(cors_server, "https://evil.example.com") == "refused 403"
    assert await handshake(server, ORIGIN) == "refused 403"
