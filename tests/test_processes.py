"""Several server processes behind one PostgreSQL and one Redis, as replicas behind a load balancer would be: what is
done through one process reaches the subscribers of every other, exactly once and in order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import (
    LIST,
    SEND,
    SEND_BULK,
    SEND_TENANT,
    GraphQLClient,
    Server,
    open_tab,
    start_server,
    token,
    unique,
)

pytestmark = pytest.mark.slow  # several server processes

WAIT = 15.0  # hang guard for one request or one message; never a timing requirement
DEADLINE = 30.0
ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title } }"
COUNT = "subscription Count { unreadCountChanged }"
MARK_READ = "mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
MARK_UNREAD = "mutation Unread($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount } }"
MARK_ALL = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"


# --- processes and calls -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def processes(server: Server, server_env: dict[str, str], logs_dir: Path) -> Iterator[list[Server]]:
    """Three processes of the service on the shared PostgreSQL and Redis: the shared `server` (A) and two more."""
    others = [start_server(server_env, logs_dir) for _ in range(2)]
    try:
        yield [server, *others]
    finally:
        for other in others:
            other.stop()


@pytest.fixture
def apis(processes: list[Server], http: httpx.AsyncClient) -> list[GraphQLClient]:
    return [GraphQLClient(p.url, http) for p in processes]


async def call(api: GraphQLClient, query: str, variables: dict[str, Any] | None = None, *, token: str) -> Any:
    return await asyncio.wait_for(api.data(query, variables, token=token), WAIT)


async def send(api: GraphQLClient, admin: str, user: str, title: str) -> str:
    variables = {"input": {"userId": user, "title": title, "message": f"{title} body"}}
    result = (await call(api, SEND, variables, token=admin))["sendNotification"]
    assert (result["delivered"], result["skipped"], result["duplicate"]) == (1, 0, False), result
    return str(result["notification"]["id"])


async def listed_ids(api: GraphQLClient, user_token: str) -> list[str]:
    """The user's notification ids as the `notifications` query returns them (newest first)."""
    ids: list[str] = []
    after = None
    while True:
        page = (await call(api, LIST, {"first": 100, "after": after}, token=user_token))["notifications"]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]


async def newest_cursor(api: GraphQLClient, user_token: str) -> str:
    """The cursor of the user's newest notification: a subscription `after` it misses nothing sent later."""
    page = (await call(api, LIST, {"first": 1}, token=user_token))["notifications"]
    cursor: str = page["edges"][0]["cursor"]
    return cursor


# --- the tests -----------------------------------------------------------------------------------------------------


async def test_a_send_through_one_process_reaches_a_subscriber_on_another_exactly_once(
    processes: list[Server], apis: list[GraphQLClient]
) -> None:
    a, (_, via_b, _) = processes[0], apis
    tenant, user = unique("t"), unique("u")
    admin, user_token = token(unique("admin"), tenant, "admin"), token(user, tenant)
    await send(via_b, admin, user, "seed")
    cursor = await newest_cursor(via_b, user_token)

    async with open_tab(a, user_token, "on A") as tab:
        added = await tab.subscribe(ADDED, {"after": cursor})
        sent = await send(via_b, admin, user, "through B")
        assert await added.notifications(1) == [{"id": sent, "title": "through B"}]
        # Exactly once: the next message is the next send, with no second copy in between or after.
        marker = await send(via_b, admin, user, "marker")
        assert await added.notifications(1) == [{"id": marker, "title": "marker"}]
        await added.nothing_within(0.5)


async def test_unread_count_on_one_process_follows_reads_and_unreads_through_others(
    processes: list[Server], apis: list[GraphQLClient]
) -> None:
    a, _, c = processes
    _, via_b, via_c = apis
    tenant, user = unique("t"), unique("u")
    admin, user_token = token(unique("admin"), tenant, "admin"), token(user, tenant)

    async with open_tab(a, user_token, "on A") as tab_a, open_tab(c, user_token, "on C") as tab_c:
        counts = [await tab_a.subscribe(COUNT), await tab_c.subscribe(COUNT)]
        for stream in counts:
            assert await stream.count() == 0

        async def expect(value: int) -> None:
            for stream in counts:
                assert await stream.count() == value, stream.name

        ids = []
        for i in range(3):
            ids.append(await send(via_b, admin, user, f"n{i}"))
            await expect(i + 1)

        async def mark(api: GraphQLClient, query: str, updated: int, unread: int, **variables: Any) -> None:
            result = await call(api, query, variables, token=user_token)
            assert next(iter(result.values())) == {"updatedCount": updated, "unreadCount": unread}

        await mark(via_b, MARK_READ, 1, 2, ids=[ids[0]])
        await expect(2)
        await mark(via_b, MARK_READ, 0, 2, ids=[ids[0]])  # no change: no event (checked by the next one)
        await mark(via_b, MARK_UNREAD, 1, 3, ids=[ids[0]])
        await expect(3)
        await mark(via_c, MARK_READ, 2, 1, ids=ids[1:])
        await expect(1)
        await mark(via_b, MARK_ALL, 1, 0)
        await expect(0)
        await mark(via_b, MARK_UNREAD, 3, 3, ids=ids)
        await expect(3)
        await mark(via_c, MARK_ALL, 3, 0)
        await expect(0)
        await asyncio.gather(*(stream.nothing_within(0.5) for stream in counts))


async def test_tenant_wide_sends_through_one_process_reach_subscribers_on_the_others_exactly_once_each(
    processes: list[Server], apis: list[GraphQLClient]
) -> None:
    a, _, c = processes
    via_a, via_b, _ = apis
    tenant, outsider_tenant = unique("t"), unique("other")
    users = [unique("u") for _ in range(4)]
    outsider = unique("u")
    admin = token(unique("admin"), tenant, "admin")
    tokens = {u: token(u, tenant) for u in users}
    outsider_token = token(outsider, outsider_tenant)

    # Registers every user of the tenant (and gives each a cursor to subscribe after).
    seed = {"input": {"userIds": users, "title": "seed", "message": "m"}}
    assert (await call(via_b, SEND_BULK, seed, token=admin))["sendBulkNotifications"]["delivered"] == len(users)
    await send(via_b, token(unique("admin"), outsider_tenant, "admin"), outsider, "seed")
    cursors = {u: await newest_cursor(via_a, tokens[u]) for u in users}
    outsider_cursor = await newest_cursor(via_a, outsider_token)

    # users[0] on A, users[1] on C, users[2] on both (two tabs), users[3] subscribed nowhere; an outsider on both.
    placement = [(users[0], a), (users[1], c), (users[2], a), (users[2], c)]
    async with (
        open_tab(a, tokens[users[0]], "u0 on A") as t0,
        open_tab(c, tokens[users[1]], "u1 on C") as t1,
        open_tab(a, tokens[users[2]], "u2 on A") as t2a,
        open_tab(c, tokens[users[2]], "u2 on C") as t2c,
        open_tab(a, outsider_token, "outsider on A") as oa,
        open_tab(c, outsider_token, "outsider on C") as oc,
    ):
        tabs = [t0, t1, t2a, t2c]
        streams = [
            await tab.subscribe(ADDED, {"after": cursors[u]}) for tab, (u, _) in zip(tabs, placement, strict=True)
        ]
        count = await t0.subscribe(COUNT)
        assert await count.count() == 1
        outsiders = [await tab.subscribe(ADDED, {"after": outsider_cursor}) for tab in (oa, oc)]

        sent = []
        for title in ("everyone", "marker"):
            result = (await call(via_b, SEND_TENANT, {"input": {"title": title, "message": "m"}}, token=admin))[
                "sendTenantNotification"
            ]
            assert (result["delivered"], result["skipped"]) == (len(users), 0), result
            sent.append({"id": result["notification"]["id"], "title": title})
        # Each subscriber: the tenant-wide send once, then the marker (so no second copy came in between).
        for stream in streams:
            assert await stream.notifications(2) == sent, stream.name
        await count.rises_to(1, 3)  # 2 then 3, or straight to 3 if both sends were in before the first re-read
        await asyncio.gather(*(stream.nothing_within(0.5) for stream in [*streams, *outsiders]))

    for user in users:
        assert (await listed_ids(via_a, tokens[user]))[:2] == [sent[1]["id"], sent[0]["id"]]


async def test_concurrent_senders_through_every_process_reach_a_subscriber_once_each_in_id_order(
    processes: list[Server], apis: list[GraphQLClient]
) -> None:
    tenant, user = unique("t"), unique("u")
    admin, user_token = token(unique("admin"), tenant, "admin"), token(user, tenant)
    seed = await send(apis[0], admin, user, "seed")
    cursor = await newest_cursor(apis[0], user_token)
    per_process = 12

    async with (
        open_tab(processes[0], user_token, "on A") as ta,
        open_tab(processes[1], user_token, "on B") as tb,
        open_tab(processes[2], user_token, "on C") as tc,
    ):
        streams = [await tab.subscribe(ADDED, {"after": cursor}) for tab in (ta, tb, tc)]
        count = await ta.subscribe(COUNT)
        assert await count.count() == 1

        sends = [send(api, admin, user, f"from {n} #{i}") for i in range(per_process) for n, api in enumerate(apis)]
        sent = await asyncio.gather(*sends)
        total = len(sent)
        assert len(set(sent)) == total

        in_db = await listed_ids(apis[1], user_token)
        assert seed in in_db
        in_db.remove(seed)
        assert set(in_db) == set(sent)
        for stream in streams:
            received = await stream.ids(total)
            numbers = [int(i) for i in received]
            assert numbers == sorted(numbers), f"{stream.name}: out of order: {received}"
            assert len(set(received)) == total, f"{stream.name}: duplicates: {received}"
            assert set(received) == set(in_db), stream.name

        # Nothing more: the next message on each is a marker sent afterwards.
        marker = await send(apis[2], admin, user, "marker")
        for stream in streams:
            assert await stream.ids(1) == [marker], stream.name
        await count.rises_to(1, total + 2)
        await asyncio.gather(*(stream.nothing_within(0.5) for stream in [*streams, count]))
