"""The caches of prepared and validated documents: bounded by the bytes they hold, and filled by authenticated
requests only, so that unique documents from anyone cannot grow a process. Run in-process, through httpx's ASGI
transport, to read the caches after the requests."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from execution import documents
from execution.documents import Recent, prepare
from main import create_app
from schema.root import schema
from settings import Settings
from tests.support import JWT_SECRET, REDIS_URL, token, unique
from transport.endpoint import NotificationsGraphQL


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[Starlette]:
    app = create_app(Settings(database_url=database_url, broadcast_url=REDIS_URL, jwt_secret=JWT_SECRET))
    async with app.router.lifespan_context(app):
        yield app


def endpoint(app: Starlette) -> NotificationsGraphQL:
    graphql = app._graphql.app  # type: ignore[attr-defined]  # behind the body limit
    assert isinstance(graphql, NotificationsGraphQL)
    return graphql


async def ask(app: Starlette, query: str, access: str | None) -> None:
    headers = {"Authorization": f"Bearer {access}"} if access else {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        for response in (
            await http.post("/graphql", json={"query": query}, headers=headers),
            await http.get("/graphql", params={"query": query}, headers=headers),
        ):
            assert response.status_code == 200, response.text


def documents_of(i: int) -> list[str]:
    """Unique documents of each kind: valid without fragments (the fast path), with fragments (strawberry's) and
    invalid."""
    return [
        f"query Q{i} {{ unreadCount }}",
        f"query Q{i} {{ ...F }} fragment F on Query {{ unreadCount }}",
        f"query Q{i} {{ nope }}",
    ]


async def test_unique_anonymous_documents_do_not_grow_the_caches(app: Starlette) -> None:
    graphql = endpoint(app)
    prepared, validated = len(graphql.prepared.entries), len(documents._VALIDATED)
    for i in range(30):
        for query in documents_of(i):
            await ask(app, query, None)
    assert len(graphql.prepared.entries) == prepared
    assert len(documents._VALIDATED) == validated


async def test_authenticated_documents_are_kept(app: Starlette) -> None:
    graphql = endpoint(app)
    prepared, validated = len(graphql.prepared.entries), len(documents._VALIDATED)
    access = token(unique("u"), unique("t"))
    for query in documents_of(10_000 + len(documents._VALIDATED)):
        await ask(app, query, access)
    # POSTed: the valid one prepared, the others' refusals (strawberry answers them). Strawberry's path remembers
    # the valid one (over GET) and the one with a fragment.
    assert len(graphql.prepared.entries) == prepared + 3
    assert len(documents._VALIDATED) == validated + 2


def test_a_cache_stays_within_its_bytes() -> None:
    recent: Recent[int, str] = Recent(budget=1000)
    for i in range(100):
        recent.keep(i, "x", 30 + i)
        assert recent.used <= 1000
    assert recent.find(99) == (True, "x") and recent.find(0) == (False, None)
    recent.keep(1000, "too big", 1001)
    assert recent.find(1000) == (False, None)


@pytest.mark.parametrize(
    "query",
    [
        "query("
        + " ".join(f"$v{i}: String!" for i in range(280))
        + ") { unreadCount(types: ["
        + " ".join(f"$v{i}" for i in range(280))
        + "]) }",
        "{ unreadCount(types: [" + ",".join(['"s"'] * 990) + "]) }",
        "{ notifications { edges { node { " + " ".join(["id title message"] * 60) + " } } } }",
        '{ unreadCount(types: ["' + "x" * 19_000 + '"]) }',
    ],
    ids=["variables", "list", "nested", "long-string"],
)
def test_a_prepared_document_is_charged_at_least_what_it_holds(query: str) -> None:
    prepare(schema._schema, "{ unreadCount }", None)  # what the first validation sets up once
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = prepare(schema._schema, query, None)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert made is not None
    assert made.size >= held, (made.size, held)
