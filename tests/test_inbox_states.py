"""Seen, archived, snoozed and grouped notifications; changes by ids or by filter; counts of several filters.

Requests go to the app in this process (httpx's ASGI transport), on PostgreSQL with Redis and on the embedded SQLite
with the in-memory broadcast; every operation is also tried on another user's and another tenant's notifications.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from models.inbox_filter import Filter
from services import inbox, sending
from services.auth import Principal
from services.errors import BadInput
from services.runtime import Runtime
from settings import Settings
from tests.conftest import migrated_sqlite
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    SEND,
    GraphQLClient,
    Server,
    in_process,
    open_tab,
    throwaway,
    token,
    unique,
)

FIELDS = "id isRead readAt isSeen seenAt isArchived archivedAt snoozedUntil groupKey groupCount"
LIST = f"""query List($filter: NotificationFilter, $grouped: Boolean! = false, $first: Int! = 100) {{
  notifications(first: $first, filter: $filter, grouped: $grouped) {{ edges {{ node {{ {FIELDS} }} }} }}
}}"""
COUNTS = "query Counts($filters: [NotificationFilter!]!) { counts(filters: $filters) }"
UNREAD = "{ unreadCount }"
# A change lists up to 1,000 notifications: a few fields each, within the cost limit.
SNOOZE = """mutation Snooze($ids: [ID!]!, $until: DateTime!) {
  snoozeNotifications(ids: $ids, until: $until) {
    updatedCount unreadCount notifications { id isRead isSeen snoozedUntil }
  }
}"""
BULK = (
    "markNotificationsRead",
    "markNotificationsUnread",
    "markNotificationsSeen",
    "markNotificationsUnseen",
    "archiveNotifications",
    "unarchiveNotifications",
    "deleteNotifications",
)


def bulk(name: str) -> str:
    return f"""mutation Change($ids: [ID!], $filter: NotificationFilter) {{
  {name}(ids: $ids, filter: $filter) {{ updatedCount unreadCount notifications {{ id isRead isSeen isArchived }} }}
}}"""


@pytest.fixture(scope="module")
async def sqlite_api(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphQLClient]:
    url = await asyncio.to_thread(migrated_sqlite, tmp_path_factory.mktemp("embedded"))
    settings = Settings(database_url=url, broadcast_url="memory://", jwt_secret=JWT_SECRET)
    async with in_process(settings) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


@pytest.fixture(params=["postgresql", "sqlite"])
def api(request: pytest.FixtureRequest) -> GraphQLClient:
    client: GraphQLClient = request.getfixturevalue("app_api" if request.param == "postgresql" else "sqlite_api")
    return client


class User:
    def __init__(self, tenant: str, user: str | None = None) -> None:
        self.tenant, self.user = tenant, user or unique("u")
        self.token = token(self.user, tenant)


async def send(api: GraphQLClient, to: User, title: str = "t", **extra: Any) -> str:
    payload = {"userId": to.user, "title": title, "message": "m", **extra}
    sent = await api.data(SEND, {"input": payload}, token=token("boss", to.tenant, "admin"))
    return str(sent["sendNotification"]["notification"]["id"])


async def listed(api: GraphQLClient, who: User, **variables: Any) -> dict[str, dict[str, Any]]:
    edges = (await api.data(LIST, variables, token=who.token))["notifications"]["edges"]
    return {edge["node"]["id"]: edge["node"] for edge in edges}


async def counts(api: GraphQLClient, who: User, *filters: dict[str, Any]) -> list[int]:
    return list((await api.data(COUNTS, {"filters": list(filters)}, token=who.token))["counts"])


async def change(api: GraphQLClient, who: User, name: str, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(bulk(name), variables, token=who.token))[name]
    return result


async def everything(api: GraphQLClient, who: User) -> dict[str, dict[str, Any]]:
    """Every notification of the user, in every state but snoozed: what a change must not touch."""
    return await listed(api, who, filter={"archived": None})


def soon(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()


async def test_seen_is_apart_from_read_and_a_read_one_is_seen(api: GraphQLClient) -> None:
    me = User(unique("t"))
    a, b, c = [await send(api, me, f"n{i}") for i in range(3)]
    assert await counts(api, me, {"status": "UNREAD"}, {"seen": False}) == [3, 3]

    seen = await change(api, me, "markNotificationsSeen", ids=[a])
    assert (seen["updatedCount"], seen["unreadCount"]) == (1, 3)
    assert seen["notifications"][0]["isSeen"]
    assert not seen["notifications"][0]["isRead"]
    assert await counts(api, me, {"status": "UNREAD"}, {"seen": False}, {"seen": True}) == [3, 2, 1]

    await change(api, me, "markNotificationsRead", ids=[b])
    rows = await listed(api, me)
    assert rows[b]["isRead"] and rows[b]["isSeen"]
    assert await counts(api, me, {"seen": False}) == [1]
    assert set(await listed(api, me, filter={"seen": False})) == {c}

    unseen = await change(api, me, "markNotificationsUnseen", ids=[a, b])
    assert unseen["updatedCount"] == 1  # the read one stays seen
    rows = await listed(api, me)
    assert (rows[a]["isSeen"], rows[b]["isSeen"]) == (False, True)
    assert await counts(api, me, {"seen": False}) == [2]


async def test_archived_leave_the_list_and_the_counts_and_come_back(api: GraphQLClient) -> None:
    me = User(unique("t"))
    sale = await send(api, me, "sale", type="sale")
    other = await send(api, me, "other")
    read_one = await send(api, me, "read")
    await change(api, me, "markNotificationsRead", ids=[read_one])
    assert await api.data(UNREAD, token=me.token) == {"unreadCount": 2}

    archived = await change(api, me, "archiveNotifications", ids=[sale, read_one])
    assert (archived["updatedCount"], archived["unreadCount"]) == (2, 1)
    assert all(n["isArchived"] for n in archived["notifications"])
    assert set(await listed(api, me)) == {other}
    assert set(await listed(api, me, filter={"archived": True})) == {sale, read_one}
    assert set(await listed(api, me, filter={"archived": None})) == {sale, other, read_one}
    assert await counts(api, me, {"status": "UNREAD"}, {}, {"archived": True}, {"archived": None}) == [1, 1, 2, 3]
    assert await api.data(UNREAD, token=me.token) == {"unreadCount": 1}

    back = await change(api, me, "unarchiveNotifications", filter={"archived": True, "types": ["sale"]})
    assert (back["updatedCount"], back["unreadCount"]) == (1, 2)
    assert set(await listed(api, me)) == {sale, other}
    # Marking all read marks the archived ones too; marking unread by filter reaches only what it selects.
    assert (await change(api, me, "markNotificationsRead", filter={"archived": None}))["unreadCount"] == 0
    assert (await change(api, me, "markNotificationsUnread", filter={"archived": True}))["unreadCount"] == 0
    assert (await everything(api, me))[read_one]["isRead"] is False
    assert await counts(api, me, {"status": "UNREAD", "archived": True}) == [1]


async def test_changes_by_filter_select_by_type_priority_state_and_dates(api: GraphQLClient) -> None:
    me = User(unique("t"))
    old = await send(api, me, "old", type="sale")
    await asyncio.sleep(0.05)
    middle = datetime.now(UTC).isoformat()
    await asyncio.sleep(0.05)
    new_sale = await send(api, me, "new sale", type="sale")
    urgent = await send(api, me, "urgent", type="security", priority="URGENT")

    assert await counts(api, me, {"createdAfter": middle}, {"createdBefore": middle}, {"minPriority": "URGENT"}) == [
        2,
        1,
        1,
    ]
    read = await change(api, me, "markNotificationsRead", filter={"types": ["sale"], "createdAfter": middle})
    assert (read["updatedCount"], [n["id"] for n in read["notifications"]]) == (1, [new_sale])
    assert await counts(api, me, {"status": "UNREAD"}) == [2]
    seen = await change(api, me, "markNotificationsSeen", filter={"minPriority": "URGENT"})
    assert [n["id"] for n in seen["notifications"]] == [urgent]
    deleted = await change(api, me, "deleteNotifications", filter={"status": "READ"})
    assert (deleted["updatedCount"], deleted["unreadCount"], deleted["notifications"]) == (1, 2, [])
    assert set(await everything(api, me)) == {old, urgent}
    deleted = await change(api, me, "deleteNotifications", ids=[old])
    assert (deleted["updatedCount"], deleted["unreadCount"]) == (1, 1)
    assert await api.data(UNREAD, token=me.token) == {"unreadCount": 1}


async def test_every_bad_input_is_coded_and_writes_nothing(api: GraphQLClient) -> None:
    tenant = unique("t")
    me, peer = User(tenant), User(tenant)
    twin = User(unique("other"), me.user)  # the same user id in another tenant: another user
    mine = [await send(api, me, f"mine {i}") for i in range(2)]
    peers = await send(api, peer, "peer's")
    twins = await send(api, twin, "twin's")
    before = {who: await everything(api, who) for who in (me, peer, twin)}

    for name in BULK:
        query = bulk(name)
        both = await api.code(query, {"ids": mine, "filter": {}}, token=me.token)
        neither = await api.code(query, {}, token=me.token)
        assert (both, neither) == ("BAD_USER_INPUT", "BAD_USER_INPUT"), name
        for foreign in (peers, twins):
            if name in ("markNotificationsRead", "markNotificationsUnread"):
                # These two ignore ids the caller does not hold, as they always have.
                result = await change(api, me, name, ids=[foreign])
                assert result["updatedCount"] == 0, name
            else:
                assert await api.code(query, {"ids": [*mine, foreign]}, token=me.token) == "NOT_FOUND", name
        bad_dates = {"filter": {"createdAfter": "2030-01-01T00:00:00"}}
        assert await api.code(query, bad_dates, token=me.token) == "BAD_USER_INPUT", name
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    assert await api.code(SNOOZE, {"ids": mine, "until": past}, token=me.token) == "SNOOZE_IN_PAST"
    assert await api.code(SNOOZE, {"ids": [*mine, twins], "until": soon(60)}, token=me.token) == "NOT_FOUND"
    assert await api.code(SNOOZE, {"ids": [peers], "until": soon(60)}, token=me.token) == "NOT_FOUND"
    assert await api.code(COUNTS, {"filters": [{}] * 21}, token=me.token) == "BAD_USER_INPUT"
    assert await api.code(LIST, {"filter": {"groupKey": ""}}, token=me.token) == "BAD_USER_INPUT"
    assert {who: await everything(api, who) for who in (me, peer, twin)} == before
    assert [await counts(api, who, {"status": "UNREAD"}) for who in (me, peer, twin)] == [[2], [1], [1]]


async def test_changes_by_filter_reach_only_the_callers_rows(api: GraphQLClient) -> None:
    tenant = unique("t")
    me, peer = User(tenant), User(tenant)
    twin = User(unique("other"), me.user)
    for who in (me, peer, twin):
        await send(api, who, "x", type="sale")
    others = {who: await everything(api, who) for who in (peer, twin)}
    for name in BULK:
        await change(api, me, name, filter={"archived": None})
    await api.data(SNOOZE, {"ids": [await send(api, me, "y")], "until": soon(60)}, token=me.token)
    assert {who: await everything(api, who) for who in (peer, twin)} == others
    assert [await counts(api, who, {}, {"seen": False}) for who in (peer, twin)] == [[1, 1], [1, 1]]


async def test_snoozed_are_hidden_until_their_time_then_back_unread(api: GraphQLClient) -> None:
    me = User(unique("t"))
    a, b = await send(api, me, "a"), await send(api, me, "b")
    await change(api, me, "markNotificationsRead", ids=[a])
    snoozed = await api.data(SNOOZE, {"ids": [a, b], "until": soon(1.5)}, token=me.token)
    result = snoozed["snoozeNotifications"]
    assert (result["updatedCount"], result["unreadCount"]) == (2, 0)
    assert all(n["snoozedUntil"] and not n["isRead"] and not n["isSeen"] for n in result["notifications"])
    assert await listed(api, me) == {}
    assert await counts(api, me, {}, {"status": "UNREAD"}, {"archived": None}) == [0, 0, 0]
    await asyncio.sleep(1.6)
    rows = await listed(api, me)
    assert set(rows) == {a, b} and not any(n["isRead"] or n["snoozedUntil"] for n in rows.values())
    assert await api.data(UNREAD, token=me.token) == {"unreadCount": 2}


async def test_grouped_entries_stand_for_their_group_and_expand(api: GraphQLClient) -> None:
    me = User(unique("t"))
    order = [await send(api, me, f"sale {i}", groupKey="order-1") for i in range(3)]
    alone = await send(api, me, "alone")
    other = await send(api, me, "other order", groupKey="order-2")
    grouped = await listed(api, me, grouped=True)
    assert list(grouped) == [other, alone, order[-1]]
    assert [grouped[i]["groupCount"] for i in (other, alone, order[-1])] == [1, None, 3]
    assert grouped[order[-1]]["groupKey"] == "order-1"
    expanded = await listed(api, me, filter={"groupKey": "order-1"})
    assert list(expanded) == order[::-1] and all(n["groupCount"] is None for n in expanded.values())

    # Each keeps its own state; the group's entry counts what the filter selects.
    await change(api, me, "markNotificationsRead", ids=[order[-1]])
    unread = await listed(api, me, grouped=True, filter={"status": "UNREAD"})
    assert unread[order[1]]["groupCount"] == 2 and order[-1] not in unread
    assert (await listed(api, me, filter={"groupKey": "order-1"}))[order[0]]["isRead"] is False
    # A page of grouped entries pages on.
    first = await api.data(LIST, {"grouped": True, "first": 2}, token=me.token)
    assert [e["node"]["id"] for e in first["notifications"]["edges"]] == [other, alone]
    # The other user with the same group key sees only their own.
    peer = User(me.tenant)
    await send(api, peer, "peer's", groupKey="order-1")
    assert (await listed(api, me, grouped=True))[order[-1]]["groupCount"] == 3
    assert (
        await api.code(
            SEND,
            {"input": {"userId": me.user, "title": "t", "message": "m", "groupKey": "x" * 201}},
            token=token("boss", me.tenant, "admin"),
        )
        == "BAD_USER_INPUT"
    )


async def test_every_change_by_a_groups_filter_reaches_that_group_of_the_callers_only(api: GraphQLClient) -> None:
    """A bell marks a collapsed group seen, reads or archives it with `filter: {groupKey}`; the same key in another
    user's or another tenant's inbox, and the caller's other groups, stay as they were."""
    tenant = unique("t")
    me, peer = User(tenant), User(tenant)
    twin = User(unique("other"), me.user)
    group = [await send(api, me, f"sale {i}", groupKey="order-1") for i in range(2)]
    other = await send(api, me, "other order", groupKey="order-2")
    for who in (peer, twin):
        await send(api, who, "same key", groupKey="order-1")
    others = {who: await everything(api, who) for who in (peer, twin)}
    in_group = {"groupKey": "order-1", "archived": None}
    after = {  # each change in BULK's order, and what it leaves the group's notifications in
        "markNotificationsRead": ("isRead", True),
        "markNotificationsUnread": ("isRead", False),
        "markNotificationsSeen": ("isSeen", True),
        "markNotificationsUnseen": ("isSeen", False),
        "archiveNotifications": ("isArchived", True),
        "unarchiveNotifications": ("isArchived", False),
    }
    for name in BULK:
        result = await change(api, me, name, filter=in_group)
        assert {n["id"] for n in result["notifications"]} <= set(group), name
        mine = await everything(api, me)
        assert not (mine[other]["isRead"] or mine[other]["isSeen"] or mine[other]["isArchived"]), name
        if name in after:
            field, value = after[name]
            assert [mine[i][field] for i in group] == [value, value], name
    assert set(await everything(api, me)) == {other}  # deleteNotifications, last, took the group alone
    assert {who: await everything(api, who) for who in (peer, twin)} == others


async def test_counts_answer_in_order_and_exactly(api: GraphQLClient) -> None:
    me = User(unique("t"))
    for i in range(7):
        await send(api, me, f"n{i}", type="sale" if i % 2 else "stock", priority="URGENT" if i == 3 else "NORMAL")
    ids = list(await listed(api, me))
    await change(api, me, "markNotificationsRead", ids=ids[:2])
    await change(api, me, "archiveNotifications", ids=ids[2:3])
    await change(api, me, "markNotificationsSeen", ids=ids[3:5])
    filters: list[dict[str, Any]] = [
        {"status": "UNREAD"},
        {"seen": False},
        {"types": ["sale"]},
        {"minPriority": "URGENT", "status": "UNREAD"},
        {"archived": True},
        {"status": "READ"},
    ]
    found = await counts(api, me, *filters)
    for f, n in zip(filters, found, strict=True):
        assert n == len(await listed(api, me, filter=f)), f
    assert found[0] == (await api.data(UNREAD, token=me.token))["unreadCount"] == 4
    assert await counts(api, me) == []


# --- live, across processes ---------------------------------------------------------------------------------------

ADDED = "subscription { notificationAdded { id title isRead } }"
COUNTS_CHANGED = "subscription Counts($filters: [NotificationFilter!]!) { countsChanged(filters: $filters) }"


@pytest.fixture
def second_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    with throwaway(server_env, logs_dir) as running:
        yield running


@pytest.mark.slow
async def test_a_snooze_ends_live_once_in_every_process(
    app_api: GraphQLClient, server: Server, second_server: Server
) -> None:
    """Three processes look for ended snoozes (the two servers and this one's app); each subscriber on either server
    gets the notification back once, and its counts with it."""
    me = User(unique("t"))
    kept, later = await send(app_api, me, "kept"), await send(app_api, me, "later")
    filters = [{"status": "UNREAD"}, {"seen": False}]
    async with open_tab(server, me.token, "one") as one, open_tab(second_server, me.token, "two") as two:
        added = [await one.subscribe(ADDED), await two.subscribe(ADDED)]
        watched = [await tab.subscribe(COUNTS_CHANGED, {"filters": filters}) for tab in (one, two)]
        for stream in watched:
            assert (await stream.next())["countsChanged"] == [2, 2]
        await app_api.data(SNOOZE, {"ids": [later], "until": soon(1.5)}, token=me.token)
        for stream in watched:
            assert (await stream.next())["countsChanged"] == [1, 1]
        for stream in added:
            back = (await stream.next())["notificationAdded"]
            assert (back["id"], back["isRead"]) == (later, False)
        for stream in watched:
            assert (await stream.next())["countsChanged"] == [2, 2]
        # Once, though three processes looked.
        await asyncio.gather(*(stream.nothing_within(2.0) for stream in (*added, *watched)))
    assert set(await listed(app_api, me)) == {kept, later}


@pytest.mark.slow
async def test_counts_changed_follows_every_change_in_every_tab_and_process(
    app_api: GraphQLClient, server: Server, second_server: Server
) -> None:
    me = User(unique("t"))
    peer = User(me.tenant)
    first = await send(app_api, me, "first", type="sale")
    filters = [{"status": "UNREAD"}, {"seen": False}, {"types": ["sale"]}, {"archived": True}]
    async with open_tab(server, me.token, "one") as one, open_tab(second_server, me.token, "two") as two:
        streams = [await tab.subscribe(COUNTS_CHANGED, {"filters": filters}) for tab in (one, two)]

        async def everywhere(expected: list[int]) -> None:
            for stream in streams:
                assert (await stream.next())["countsChanged"] == expected

        await everywhere([1, 1, 1, 0])
        second = await send(app_api, me, "second")
        await everywhere([2, 2, 1, 0])
        await change(app_api, me, "markNotificationsSeen", ids=[second])
        await everywhere([2, 1, 1, 0])
        await change(app_api, me, "archiveNotifications", filter={"types": ["sale"]})
        await everywhere([1, 0, 0, 1])
        await send(app_api, peer, "not mine")
        await change(app_api, peer, "markNotificationsRead", filter={})
        await change(app_api, me, "deleteNotifications", ids=[first])
        await everywhere([1, 0, 0, 0])
        await asyncio.gather(*(stream.nothing_within(0.5) for stream in streams))


async def test_every_send_carries_its_group_key(api: GraphQLClient) -> None:
    tenant = unique("t")
    one, two = User(tenant), User(tenant)
    boss = token("boss", tenant, "admin")
    register = "mutation R($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"
    await api.data(register, {"input": {"users": [{"userId": one.user}, {"userId": two.user}]}}, token=boss)
    bulk_send = "mutation B($input: SendBulkNotificationsInput!) { sendBulkNotifications(input: $input) { delivered } }"
    tenant_send = (
        "mutation T($input: SendTenantNotificationInput!) { sendTenantNotification(input: $input) { delivered } }"
    )
    content = {"title": "t", "message": "m", "groupKey": "order-9"}
    await api.data(bulk_send, {"input": {**content, "userIds": [one.user, two.user]}}, token=boss)
    await api.data(tenant_send, {"input": content}, token=boss)
    await send(api, one, "single", groupKey="order-9")
    for who, expected in ((one, 3), (two, 2)):
        grouped = await listed(api, who, grouped=True)
        assert [(n["groupKey"], n["groupCount"]) for n in grouped.values()] == [("order-9", expected)]


async def test_the_python_api_groups_changes_and_counts(runtime: Runtime) -> None:
    me = Principal(user_id=unique("u"), tenant_id=unique("t"))
    for _ in range(2):
        await sending.send_notification(
            runtime, user=me.user_id, tenant=me.tenant_id, title="t", message="m", group_key="k"
        )
    page = await inbox.list_notifications(runtime, me, grouped=True)
    assert [(n.group_key, n.group_count) for n in page.notifications] == [("k", 2)]
    newest = str(page.notifications[0].id)
    changed = await inbox.change(runtime, me, inbox.Action.ARCHIVE, ids=[newest])
    assert (changed.updated, changed.unread) == (1, 1)
    assert await inbox.count_notifications(runtime, me, [Filter(unread=True), Filter(archived=True)]) == [1, 1]
    with pytest.raises(BadInput):
        await sending.send_notification(
            runtime, user=me.user_id, tenant=me.tenant_id, title="t", message="m", group_key=""
        )
    with pytest.raises(BadInput):
        await inbox.change(runtime, me, inbox.Action.SEEN)
