"""Throttled events: a template's `group_by` and `throttle_seconds` make a burst of one event for one key a single
entry of every listing, with its count and the newest's content. On PostgreSQL in-process and over a live
subscription, and on the embedded SQLite database through the Python API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from models import EventWindow, InboxEntry
from models.base import utcnow
from services import events, inbox, sending
from services.auth import Principal
from services.errors import BadInput
from services.inbox import encode_cursor
from services.runtime import Runtime, open_runtime
from services.templates import samples
from settings import Settings
from tests.conftest import migrated_sqlite
from tests.support import JWT_SECRET, SEND, SEND_BULK, GraphQLClient, Server, subscription, token, unique
from tests.test_events import TRIGGER, UPSERT
from tests.test_sending import inbox_of

ENTRIES = """
query E($first: Int, $filter: NotificationFilter, $grouped: Boolean! = false) {
  unreadCount
  notifications(first: $first, filter: $filter, grouped: $grouped) {
    edges { node { id title message groupKey groupCount metadata } }
  }
}"""
UNREAD = "{ unreadCount }"


def adjusted(sku: str = "ESP-1KG", after: int = 36, **extra: Any) -> dict[str, Any]:
    data = {**samples()["inventory.adjusted"], "sku": sku, "after": after}
    return {"event": "inventory.adjusted", "data": data, **extra}


async def entries(api: GraphQLClient, tenant: str, user: str, **variables: Any) -> list[dict[str, Any]]:
    data = await api.data(ENTRIES, {"first": 100, **variables}, token=token(user, tenant))
    return [edge["node"] for edge in data["notifications"]["edges"]]


async def trigger(api: GraphQLClient, tenant: str, body: dict[str, Any]) -> dict[str, Any]:
    sent = await api.data(TRIGGER, {"input": body}, token=token("boss", tenant, "admin"))
    notification: dict[str, Any] = sent["triggerEvent"]["notification"]
    return notification


async def age_windows(runtime: Runtime, tenant: str, by: timedelta) -> None:
    """As if the tenant's windows had opened `by` ago: the next trigger finds them closed."""
    async with runtime.transaction() as session:
        await session.execute(
            update(EventWindow).where(EventWindow.tenant_id == tenant).values(opened_at=utcnow() - by)
        )


async def test_a_burst_of_fifty_is_one_entry_saying_fifty(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant = unique("t")
    # Ten at a time, concurrently: the triggers race for the window and must all agree on one.
    sent: list[dict[str, Any]] = []
    for start in range(0, 50, 10):
        batch = [trigger(app_api, tenant, adjusted(after=n, userIds=["alice"])) for n in range(start, start + 10)]
        sent += await asyncio.gather(*batch)
    newest = max(sent, key=lambda n: int(n["id"]))

    [entry] = await entries(app_api, tenant, "alice")
    assert entry["id"] == newest["id"] and entry["groupCount"] == 50
    assert entry["metadata"]["data"]["after"] == newest["metadata"]["data"]["after"]  # the newest data
    assert entry["message"] == newest["message"]
    assert entry["groupKey"].startswith("!inventory.adjusted:ESP-1KG:")
    # `grouped: true` says the same; the group expanded lists all fifty, each with its own state.
    assert [(e["id"], e["groupCount"]) for e in await entries(app_api, tenant, "alice", grouped=True)] == [
        (newest["id"], 50)
    ]
    expanded = await entries(app_api, tenant, "alice", filter={"groupKey": entry["groupKey"]})
    assert sorted(e["id"] for e in expanded) == sorted(n["id"] for n in sent)
    assert all(e["groupCount"] is None for e in expanded)
    # The badge counts notifications, as it does for any group: each of the fifty is unread until read.
    assert (await app_api.data(UNREAD, token=token("alice", tenant)))["unreadCount"] == 50
    async with runtime.transaction() as session:
        stored = await session.execute(select(EventWindow.group).where(EventWindow.tenant_id == tenant))
        assert list(stored.scalars()) == ["inventory.adjusted:ESP-1KG"]


async def test_keys_recipients_and_windows_are_kept_apart(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant = unique("t")
    for n in range(3):
        await trigger(app_api, tenant, adjusted("ESP-1KG", after=n, userIds=["alice"]))
    for n in range(2):
        await trigger(app_api, tenant, adjusted("TEA-250G", after=n, userIds=["alice"]))
    plain = await app_api.data(
        SEND, {"input": {"userId": "alice", "title": "plain", "message": "m"}}, token=token("boss", tenant, "admin")
    )
    low = {"event": "inventory.low_stock", "data": samples()["inventory.low_stock"], "userIds": ["alice"]}
    await trigger(app_api, tenant, low)
    bob = await trigger(app_api, tenant, adjusted("ESP-1KG", after=99, userIds=["bob"]))

    listed = await entries(app_api, tenant, "alice")
    assert [(e["title"], e["groupCount"]) for e in listed] == [
        ("Low stock: Espresso beans 1 kg", 1),
        ("plain", None),
        ("Stock adjusted: Espresso beans 1 kg", 2),  # TEA-250G, the same product name in the samples
        ("Stock adjusted: Espresso beans 1 kg", 3),
    ]
    assert plain["sendNotification"]["notification"]["id"] == listed[1]["id"]
    assert listed[2]["groupKey"].startswith("!inventory.adjusted:TEA-250G:")
    # bob's notification of the same product is in the same window, but his inbox holds only his own.
    [only] = await entries(app_api, tenant, "bob")
    assert (only["id"], only["groupCount"]) == (bob["id"], 1)
    assert only["groupKey"] == listed[3]["groupKey"]

    # Once the window has closed, the next adjustment of the product opens another entry.
    await age_windows(runtime, tenant, timedelta(seconds=301))
    later = await trigger(app_api, tenant, adjusted("ESP-1KG", after=7, userIds=["alice"]))
    again = await entries(app_api, tenant, "alice")
    assert (again[0]["id"], again[0]["groupCount"]) == (later["id"], 1)
    assert again[0]["groupKey"] != listed[3]["groupKey"]
    assert [e["groupCount"] for e in again] == [1, 1, None, 2, 3]
    # Within it, the next joins it.
    await trigger(app_api, tenant, adjusted("ESP-1KG", after=8, userIds=["alice"]))
    assert [e["groupCount"] for e in await entries(app_api, tenant, "alice")] == [2, 1, None, 2, 3]


async def test_tenants_have_windows_and_entries_of_their_own(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    for n in range(3):
        await trigger(app_api, tenant, adjusted(after=n, userIds=["alice"]))
    await trigger(app_api, other, adjusted(after=5, userIds=["alice"]))
    assert [e["groupCount"] for e in await entries(app_api, tenant, "alice")] == [3]
    [theirs] = await entries(app_api, other, "alice")
    assert theirs["groupCount"] == 1
    # Closing one tenant's windows leaves the other's open.
    await age_windows(runtime, tenant, timedelta(hours=2))
    await trigger(app_api, other, adjusted(after=6, userIds=["alice"]))
    assert [e["groupCount"] for e in await entries(app_api, other, "alice")] == [2]
    # A sender cannot write into a throttled group, of its own tenant or another's.
    forged = {"input": {"userId": "alice", "title": "x", "message": "m", "groupKey": theirs["groupKey"]}}
    assert await app_api.code(SEND, forged, token=token("boss", other, "admin")) == "BAD_USER_INPUT"
    assert await app_api.code(SEND, forged, token=token("boss", tenant, "admin")) == "BAD_USER_INPUT"
    assert [e["groupCount"] for e in await entries(app_api, other, "alice")] == [2]


async def test_a_tenants_template_sets_its_own_key_and_window(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    body = {
        "event": "stock.counted",
        "type": "inventory",
        "title": "Counted {{ shelf }}",
        "message": "{{ n }} items",
        "groupBy": "{{ shelf|upper }}",
        "throttleSeconds": 60,
    }
    saved = await app_api.data(
        UPSERT.replace("updatedAt", "updatedAt groupBy throttleSeconds"), {"input": body}, token=admin
    )
    assert (saved["upsertEventTemplate"]["groupBy"], saved["upsertEventTemplate"]["throttleSeconds"]) == (
        "{{ shelf|upper }}",
        60,
    )
    for n in range(4):
        await trigger(app_api, tenant, {"event": "stock.counted", "data": {"shelf": "a1", "n": n}, "userIds": ["al"]})
    [entry] = await entries(app_api, tenant, "al")
    assert (entry["groupCount"], entry["message"]) == (4, "3 items")
    assert entry["groupKey"].startswith("!stock.counted:A1:")
    # Another tenant saving the same event is not seen by this one; the shipped templates declare theirs.
    listed = await app_api.data(
        'query { eventTemplates(event: "inventory.low_stock") { locale groupBy throttleSeconds } }', token=admin
    )
    assert {(t["groupBy"], t["throttleSeconds"]) for t in listed["eventTemplates"]} == {("{{ sku }}", 3600)}


async def test_a_group_without_a_window_is_grouped_on_request_only(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    body = {"event": "order.note", "title": "Note", "message": "{{ text }}", "groupBy": "{{ order }}"}
    await app_api.data(UPSERT, {"input": body}, token=admin)
    for text in ("a", "b"):
        await trigger(app_api, tenant, {"event": "order.note", "data": {"order": 7, "text": text}, "userIds": ["al"]})
    assert [(e["groupKey"], e["groupCount"]) for e in await entries(app_api, tenant, "al")] == [
        ("order.note:7", None),
        ("order.note:7", None),
    ]
    assert [e["groupCount"] for e in await entries(app_api, tenant, "al", grouped=True)] == [2]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"throttleSeconds": 60}, "needs `groupBy`"),
        ({"groupBy": "{{ sku }}", "throttleSeconds": 0}, "`throttleSeconds` must be between"),
        ({"groupBy": "{{ sku }}", "throttleSeconds": 10**6}, "`throttleSeconds` must be between"),
        ({"groupBy": "{{ sku "}, "groupBy"),
        ({"groupBy": "x" * 501}, "`groupBy` must be"),
    ],
)
async def test_bad_throttles_are_refused_when_saved(
    app_api: GraphQLClient, runtime: Runtime, change: dict[str, Any], said: str
) -> None:
    tenant = unique("t")
    body = {"event": "sale.completed", "title": "t", "message": "m", **change}
    error = await app_api.error(UPSERT, {"input": body}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and said in error["message"], error
    listed = await app_api.data(
        'query { eventTemplates(event: "sale.completed") { shipped } }', token=token("boss", tenant, "admin")
    )
    assert all(t["shipped"] for t in listed["eventTemplates"])


async def test_a_missing_key_variable_writes_nothing(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant = unique("t")
    data = {k: v for k, v in samples()["inventory.adjusted"].items()}
    del data["sku"]
    body = {"event": "inventory.adjusted", "data": data, "userIds": ["alice"]}
    assert await app_api.code(TRIGGER, {"input": body}, token=token("boss", tenant, "admin")) == "BAD_USER_INPUT"
    assert await entries(app_api, tenant, "alice") == []
    async with runtime.transaction() as session:
        found = await session.execute(select(EventWindow).where(EventWindow.tenant_id == tenant))
        assert list(found.scalars()) == []


async def test_a_long_key_is_kept_to_its_digest(runtime: Runtime) -> None:
    tenant = unique("t")
    for sku in ("S" * 300, "S" * 299 + "T"):
        data = {**samples()["inventory.adjusted"], "sku": sku}
        await events.trigger_event(runtime, event="inventory.adjusted", tenant=tenant, users=["al"], data=data)
    listed = await inbox_of(runtime, tenant, "al")
    assert [n.group_count for n in listed] == [1, 1]
    assert all(n.group_key is not None and len(n.group_key) < 200 for n in listed)
    assert listed[0].group_key != listed[1].group_key


LIVE = "subscription L($after: String) { notificationAdded(after: $after) { id groupKey groupCount } }"


async def test_each_throttled_notification_arrives_live(server: Server, api: GraphQLClient) -> None:
    """Live, each notification of a throttled group arrives as itself, with the group's key: a client shows them as
    the one entry the listing has (the bell's grouping), and its unread count follows each."""
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    warm = {"input": {"userIds": ["alice"], "title": "warm", "message": "m"}}
    first = (await api.data(SEND_BULK, warm, token=admin))["sendBulkNotifications"]["notification"]["id"]
    async with subscription(server, token("alice", tenant)) as alice:
        await alice.subscribe(LIVE, {"after": encode_cursor(int(first))})
        sent = [await trigger(api, tenant, adjusted(after=n, userIds=["alice"])) for n in range(3)]
        arrived = [(await alice.next_data())["notificationAdded"] for _ in sent]
        assert [a["id"] for a in arrived] == [n["id"] for n in sent]
        assert len({a["groupKey"] for a in arrived}) == 1 and arrived[0]["groupKey"].startswith("!inventory.adjusted")
        assert all(a["groupCount"] is None for a in arrived)
        await alice.nothing_within(0.3)
    [entry, warmed] = await entries(api, tenant, "alice")
    assert (entry["id"], entry["groupCount"], warmed["groupCount"]) == (sent[-1]["id"], 3, None)


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[Runtime]:
    url = await asyncio.to_thread(migrated_sqlite, tmp_path)
    async with open_runtime(Settings(database_url=url, jwt_secret=JWT_SECRET)) as runtime:
        yield runtime


async def test_throttling_on_the_embedded_database(embedded: Runtime) -> None:
    data = samples()["inventory.adjusted"]
    for n in range(19):
        await events.trigger_event(
            embedded, event="inventory.adjusted", tenant="acme", users=["al", "bo"], data={**data, "after": n}
        )
    await events.trigger_event(embedded, event="inventory.adjusted", tenant="other", users=["al"], data=data)
    [al] = await inbox_of(embedded, "acme", "al")
    [bo] = await inbox_of(embedded, "acme", "bo")
    assert (al.group_count, bo.group_count) == (19, 19)
    assert al.metadata["data"]["after"] == 18
    assert [n.group_count for n in await inbox_of(embedded, "other", "al")] == [1]
    async with embedded.transaction() as session:
        windows = await session.execute(select(EventWindow.tenant_id).order_by(EventWindow.tenant_id))
        assert list(windows.scalars()) == ["acme", "other"]
        rows = await session.execute(select(InboxEntry.group_key).where(InboxEntry.group_key.is_not(None)))
        assert len(set(rows.scalars())) == 2
    with pytest.raises(BadInput):
        await events.trigger_event(embedded, event="inventory.adjusted", tenant="acme", users=["al"], data={})


async def test_pages_walk_past_a_throttled_group_once(runtime: Runtime) -> None:
    tenant = unique("t")
    principal = Principal(user_id="al", tenant_id=tenant)

    async def plain(title: str) -> None:
        await sending.send_notification(runtime, tenant=tenant, user="al", title=title, message="m")

    await plain("old")
    for n in range(5):
        data = {**samples()["inventory.adjusted"], "after": n}
        await events.trigger_event(runtime, event="inventory.adjusted", tenant=tenant, users=["al"], data=data)
    await plain("new 1")
    await plain("new 2")
    walked: list[tuple[str, int | None]] = []
    after: str | None = None
    while True:  # one entry a page: the first page holds no throttled row, the later ones do
        page = await inbox.list_notifications(runtime, principal, first=1, after=after)
        walked += [(n.title, n.group_count) for n in page.notifications]
        if not page.has_next_page:
            break
        after = encode_cursor(page.notifications[-1].id)
    assert walked == [("new 2", None), ("new 1", None), ("Stock adjusted: Espresso beans 1 kg", 5), ("old", None)]
