"""Off-the-shelf JavaScript clients against the real server: the legacy subscriptions-transport-ws refused where it
sees it, Apollo Client's normalised cache following the mark mutations by itself, and the README's graphql-ws
reconnect pattern through a server restart (tests/node/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.node import node_client, node_clients, run_node
from tests.support import ROOT, SEND, GraphQLClient, Server, free_port, start_server, token, unique
from transport.websocket import LEGACY_REFUSAL

pytestmark = pytest.mark.slow  # node clients, and servers restarted under them

__all__ = ["node_clients"]  # the fixture, used by name

WATCH = ROOT / "tests" / "node" / "watch-notifications.mjs"


async def send(api: GraphQLClient, tenant: str, user: str, title: str) -> dict[str, Any]:
    query = SEND.replace("createdAt", "createdAt cursor")
    variables = {"input": {"userId": user, "title": title, "message": f"about {title}"}}
    data = await api.data(query, variables, token=token("boss", tenant, "admin"))
    notification: dict[str, Any] = data["sendNotification"]["notification"]
    return notification


async def test_a_legacy_graphql_ws_client_is_told_why_and_stops(node_clients: Path, server: Server) -> None:
    """subscriptions-transport-ws offers only the legacy protocol. It gets a `connection_error` it hands to the app
    and a 4406 close with the reason (not a bare 1006, which it would retry for ever), so an app can stop."""
    env = {"URL": server.ws_url, "TOKEN": token(unique("u"), unique("t"))}
    [told] = await run_node(node_clients, "legacy.mjs", env)
    assert told["connectionErrors"] == [{"message": LEGACY_REFUSAL}], told
    assert told["closes"] == [{"code": 4406, "reason": LEGACY_REFUSAL}], told
    assert told["data"] == [], told


async def test_apollo_cache_follows_the_mark_mutations_by_itself(node_clients: Path, api: GraphQLClient) -> None:
    tenant, user = unique("t"), unique("u")
    sent = [(await send(api, tenant, user, f"n{i}"))["id"] for i in range(3)]
    env = {"URL": api.url, "TOKEN": token(user, tenant)}
    [steps] = await run_node(node_clients, "cache.mjs", env)

    def read_states(step: str) -> list[tuple[str, bool, bool]]:
        return [(n["id"], n["isRead"], n["readAt"] is not None) for n in steps[step]]

    newest, middle, oldest = reversed(sent)
    assert read_states("listed") == [(newest, False, False), (middle, False, False), (oldest, False, False)]
    assert read_states("read") == [(newest, True, True), (middle, True, True), (oldest, False, False)]
    assert read_states("unread") == [(newest, True, True), (middle, False, False), (oldest, False, False)]
    assert read_states("allRead") == [(newest, True, True), (middle, True, True), (oldest, True, True)]


async def test_graphql_ws_reconnects_through_a_server_restart_without_gaps_or_duplicates(
    node_clients: Path, api: GraphQLClient, server_env: dict[str, str], logs_dir: Path
) -> None:
    """The README's `watchNotifications` (graphql-ws, subscribing afresh from its newest cursor on each connection)
    gets every notification once and in order through a restart, one sent while the server was down included; a
    graphql-ws subscription with a fixed `after`, resent as is, gets the ones before the restart twice."""
    tenant, user = unique("t"), unique("u")
    start = await send(api, tenant, user, "before the client")
    port = free_port()
    first = start_server(server_env, logs_dir, port=port)
    second: Server | None = None
    env = {"URL": first.ws_url, "TOKEN": token(user, tenant), "AFTER": start["cursor"], "FIXED": "1"}
    got: dict[str, list[str]] = {"watch": [], "fixed": []}
    try:
        async with node_client(node_clients, "reconnect.mjs", env) as client:

            async def until_both_have(last: str) -> None:
                while not all(ids and ids[-1] == last for ids in got.values()):
                    event = await client.line(within=60)  # the clients back off between attempts
                    assert "id" in event, event
                    got[event["client"]].append(event["id"])

            sent = [(await send(api, tenant, user, f"live {i}"))["id"] for i in range(2)]
            await until_both_have(sent[-1])
            first.stop()  # 1001 to both clients, then nothing listens on the port
            sent.append((await send(api, tenant, user, "while down"))["id"])  # through the shared server
            second = start_server(server_env, logs_dir, port=port)
            sent += [(await send(api, tenant, user, f"after {i}"))["id"] for i in range(2)]
            await until_both_have(sent[-1])
            # Anything still to come would arrive before this last one.
            sent.append((await send(api, tenant, user, "last"))["id"])
            await until_both_have(sent[-1])
    finally:
        first.stop()
        if second is not None:
            second.stop()
    assert got["watch"] == sent
    assert got["fixed"] == sent[:2] + sent, "a fixed `after` no longer duplicates: update the README"


async def test_graphql_ws_pattern_stops_at_4403(node_clients: Path, api: GraphQLClient, server: Server) -> None:
    """A token that expires on a live connection: the server closes it with 4403 and the client stops (no retry
    with the same token), so the app can get a new token."""
    tenant, user = unique("t"), unique("u")
    start = await send(api, tenant, user, "before the client")
    env = {"URL": server.ws_url, "TOKEN": token(user, tenant, ttl=5), "AFTER": start["cursor"]}
    async with node_client(node_clients, "reconnect.mjs", env) as client:
        first = await send(api, tenant, user, "live")
        assert await client.line() == {"client": "watch", "id": first["id"]}
        assert await client.line() == {"client": "watch", "stopped": 4403, "tokensAsked": 1}
        await client.ends()


def test_the_readme_shows_the_tested_pattern() -> None:
    readme = (ROOT / "README.md").read_text()
    assert f"```js\n{WATCH.read_text()}```" in readme, "README.md's copy of tests/node/watch-notifications.mjs"
