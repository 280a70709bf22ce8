"""A user's own inbox over HTTP: listing, paging, filtering, counting, marking, deleting, expiry and preferences."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from models import InboxEntry, Message
from services import inbox as inbox_service
from services import sending
from services.auth import Principal
from services.runtime import Runtime
from tests.support import LIST, GraphQLClient, token, unique

FIELDS = "id type title message priority isRead readAt actionUrl actionText metadata createdAt expiresAt"
SEND_FULL = f"""
mutation Send($input: SendNotificationInput!) {{
  sendNotification(input: $input) {{ delivered skipped duplicate notification {{ {FIELDS} }} }}
}}"""
SEND_BULK_FULL = """
mutation SendBulk($input: SendBulkNotificationsInput!) {
  sendBulkNotifications(input: $input) { delivered skipped duplicate notification { id } }
}"""
ONE = f"query One($id: ID!) {{ notification(id: $id) {{ {FIELDS} }} }}"
UNREAD = "query Unread($types: [String!]) { unreadCount(types: $types) }"
RECENT = "query Recent($limit: Int!) { recentNotifications(limit: $limit) { id title isRead } }"
MARK_READ = "mutation M($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
MARK_UNREAD = "mutation M($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount } }"
MARK_ALL = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"
DELETE_READ = "mutation { deleteReadNotifications { deletedCount } }"
PREFS_FIELDS = """
  inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority }
  typeOverrides { type inApp email sms }
"""
PREFS = f"{{ notificationPreferences {{ {PREFS_FIELDS} }} }}"
UPDATE_PREFS = f"""
mutation U($input: UpdateNotificationPreferencesInput!) {{
  updateNotificationPreferences(input: $input) {{ {PREFS_FIELDS} }}
}}"""
DEFAULT_PREFS = {
    "inApp": {"enabled": True, "minPriority": "LOW"},
    "email": {"enabled": False, "minPriority": "HIGH"},
    "sms": {"enabled": False, "minPriority": "URGENT"},
    "typeOverrides": [],
}


class Inbox:
    """One fresh tenant with an admin who sends and a user whose inbox the test reads."""

    def __init__(self, api: GraphQLClient) -> None:
        self.api = api
        self.tenant = unique("t")
        self.user = unique("u")
        self.admin_token = token(unique("admin"), self.tenant, "admin")
        self.user_token = token(self.user, self.tenant)

    async def send(self, title: str, *, user: str | None = None, **fields: Any) -> dict[str, Any]:
        """Sends to this inbox's user (or `user`); returns the notification as the send reported it."""
        payload = {"userId": user or self.user, "title": title, "message": f"body of {title}", **fields}
        result = (await self.api.data(SEND_FULL, {"input": payload}, token=self.admin_token))["sendNotification"]
        assert result["delivered"] == 1 and result["skipped"] == 0 and result["duplicate"] is False, result
        notification: dict[str, Any] = result["notification"]
        return notification

    async def send_many(self, count: int, **fields: Any) -> list[str]:
        """`count` notifications sent one after another; their ids in sending order."""
        return [(await self.send(f"n{i}", **fields))["id"] for i in range(count)]

    async def page(self, first: int | None = None, after: str | None = None, **filter: Any) -> dict[str, Any]:
        given = {"first": first, "after": after, "filter": filter or None}
        variables = {k: v for k, v in given.items() if v is not None}  # absent, so the defaults apply
        data = await self.api.data(LIST, variables, token=self.user_token)
        connection: dict[str, Any] = data["notifications"]
        return connection

    async def ids(self, **filter: Any) -> list[str]:
        return [e["node"]["id"] for e in (await self.page(100, **filter))["edges"]]

    async def unread(self, types: list[str] | None = None) -> int:
        return int((await self.api.data(UNREAD, {"types": types}, token=self.user_token))["unreadCount"])

    async def run(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self.api.data(query, variables, token=self.user_token)


def parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, value
    return parsed


# Listing and paging


async def test_notifications_newest_first_with_all_fields(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(3)
    connection = await inbox.page()
    assert [e["node"]["id"] for e in connection["edges"]] == list(reversed(sent))
    assert connection["pageInfo"]["hasNextPage"] is False
    assert connection["pageInfo"]["endCursor"] == connection["edges"][-1]["cursor"]
    nodes = [e["node"] for e in connection["edges"]]
    assert [n["title"] for n in nodes] == ["n2", "n1", "n0"]
    created = [parse_time(n["createdAt"]) for n in nodes]
    assert created == sorted(created, reverse=True)
    assert all(n["isRead"] is False and n["readAt"] is None for n in nodes)
    assert len({e["cursor"] for e in connection["edges"]}) == 3


async def test_empty_inbox(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    connection = await inbox.page()
    assert connection == {"edges": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}
    assert await inbox.unread() == 0
    assert (await inbox.run(RECENT, {"limit": 5}))["recentNotifications"] == []


async def test_keyset_pagination_returns_every_item_exactly_once(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(7)
    seen: list[str] = []
    pages: list[tuple[int, bool]] = []
    after: str | None = None
    while True:
        connection = await inbox.page(3, after)
        edges = connection["edges"]
        seen.extend(e["node"]["id"] for e in edges)
        info = connection["pageInfo"]
        pages.append((len(edges), info["hasNextPage"]))
        assert info["endCursor"] == edges[-1]["cursor"]
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
        assert len(pages) < 10, "pagination does not end"
    assert pages == [(3, True), (3, True), (1, False)]
    assert seen == list(reversed(sent))


async def test_last_full_page_has_no_next_page(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(4)
    first = await inbox.page(2)
    assert first["pageInfo"]["hasNextPage"] is True
    second = await inbox.page(2, first["pageInfo"]["endCursor"])
    assert second["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["id"] for e in first["edges"] + second["edges"]] == list(reversed(sent))
    # Past the end: an empty page, no next page, no cursor.
    third = await inbox.page(2, second["pageInfo"]["endCursor"])
    assert third == {"edges": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}


async def test_pagination_is_stable_when_new_notifications_arrive(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(5)
    first = await inbox.page(2)
    newer = await inbox.send_many(2)
    rest: list[str] = []
    after = first["pageInfo"]["endCursor"]
    while after is not None:
        connection = await inbox.page(2, after)
        rest.extend(e["node"]["id"] for e in connection["edges"])
        after = connection["pageInfo"]["endCursor"] if connection["pageInfo"]["hasNextPage"] else None
    assert [e["node"]["id"] for e in first["edges"]] + rest == list(reversed(sent))
    assert (await inbox.ids())[:2] == list(reversed(newer))


async def test_first_zero_and_bad_paging_arguments(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    await inbox.send_many(1)
    empty = await inbox.page(0)
    assert empty["edges"] == [] and empty["pageInfo"] == {"hasNextPage": True, "endCursor": None}
    variables = {"first": 101}
    assert await api.code(LIST, variables, token=inbox.user_token) == "BAD_USER_INPUT"
    assert await api.code(LIST, {"first": -1}, token=inbox.user_token) == "BAD_USER_INPUT"
    assert await api.code(LIST, {"after": "not-a-cursor"}, token=inbox.user_token) == "BAD_USER_INPUT"
    assert (await inbox.page(100))["pageInfo"]["hasNextPage"] is False


async def test_users_only_see_their_own_notifications(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    other = unique("u")
    mine = (await inbox.send("mine"))["id"]
    theirs = (await inbox.send("theirs", user=other))["id"]
    assert await inbox.ids() == [mine]
    other_token = token(other, inbox.tenant)
    assert await api.code(ONE, {"id": mine}, token=other_token) == "NOT_FOUND"
    # The same user id in another tenant is another user.
    assert (await api.data(LIST, {}, token=token(inbox.user, unique("t"))))["notifications"]["edges"] == []
    assert await api.code(ONE, {"id": theirs}, token=inbox.user_token) == "NOT_FOUND"


# Filters and counts


async def test_filter_by_status(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    a, b, c = await inbox.send_many(3)
    await inbox.run(MARK_READ, {"ids": [b]})
    assert await inbox.ids(status="UNREAD") == [c, a]
    assert await inbox.ids(status="READ") == [b]
    assert await inbox.ids(status="ALL") == [c, b, a]
    assert await inbox.ids() == [c, b, a]


async def test_filter_by_types_and_min_priority(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sale_low = (await inbox.send("sale-low", type="sale", priority="LOW"))["id"]
    stock_high = (await inbox.send("stock-high", type="inventory", priority="HIGH"))["id"]
    system_urgent = (await inbox.send("system-urgent", priority="URGENT"))["id"]
    sale_normal = (await inbox.send("sale-normal", type="sale"))["id"]
    assert await inbox.ids(types=["sale"]) == [sale_normal, sale_low]
    assert await inbox.ids(types=["sale", "system"]) == [sale_normal, system_urgent, sale_low]
    assert await inbox.ids(types=["nothing"]) == []
    assert await inbox.ids(minPriority="LOW") == [sale_normal, system_urgent, stock_high, sale_low]
    assert await inbox.ids(minPriority="NORMAL") == [sale_normal, system_urgent, stock_high]
    assert await inbox.ids(minPriority="HIGH") == [system_urgent, stock_high]
    assert await inbox.ids(minPriority="URGENT") == [system_urgent]
    assert await inbox.ids(types=["sale"], minPriority="NORMAL") == [sale_normal]
    await inbox.run(MARK_READ, {"ids": [system_urgent]})
    assert await inbox.ids(status="UNREAD", minPriority="HIGH") == [stock_high]
    assert await inbox.ids(status="READ", types=["system"]) == [system_urgent]


async def test_filtered_pagination(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    wanted: list[str] = []
    for i in range(6):
        sent = await inbox.send(f"n{i}", type="sale" if i % 2 else "system")
        if i % 2:
            wanted.append(sent["id"])
    first = await inbox.page(2, types=["sale"])
    assert first["pageInfo"]["hasNextPage"] is True
    second = await inbox.page(2, first["pageInfo"]["endCursor"], types=["sale"])
    assert second["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["id"] for e in first["edges"] + second["edges"]] == list(reversed(wanted))


async def test_unread_count_with_and_without_types(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sales = [(await inbox.send(f"s{i}", type="sale"))["id"] for i in range(3)]
    await inbox.send("stock", type="inventory")
    assert await inbox.unread() == 4
    assert await inbox.unread(["sale"]) == 3
    assert await inbox.unread(["inventory"]) == 1
    assert await inbox.unread(["sale", "inventory"]) == 4
    assert await inbox.unread(["security"]) == 0
    await inbox.run(MARK_READ, {"ids": sales[:2]})
    assert await inbox.unread() == 2
    assert await inbox.unread(["sale"]) == 1
    assert await api.code(UNREAD, {"types": ["Not A Type"]}, token=inbox.user_token) == "BAD_USER_INPUT"


async def test_recent_notifications(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(4)
    await inbox.run(MARK_READ, {"ids": [sent[3]]})
    recent = (await inbox.run(RECENT, {"limit": 2}))["recentNotifications"]
    assert [n["id"] for n in recent] == [sent[3], sent[2]]
    assert [n["isRead"] for n in recent] == [True, False]
    everything = (await inbox.run(RECENT, {"limit": 50}))["recentNotifications"]
    assert [n["id"] for n in everything] == list(reversed(sent))
    default = (await inbox.run("{ recentNotifications { id } }"))["recentNotifications"]
    assert [n["id"] for n in default] == list(reversed(sent))
    for limit in (0, 51):
        assert await api.code(RECENT, {"limit": limit}, token=inbox.user_token) == "BAD_USER_INPUT"


async def test_notification_by_id_has_every_field(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    expires = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    sent = await inbox.send(
        "Flash sale",
        type="sale",
        priority="HIGH",
        actionUrl="https://shop.example/sale?id=7",
        actionText="Open",
        metadata={"orderId": 7, "tags": ["a", "b"], "nested": {"ok": True}},
        expiresAt=expires.isoformat(),
    )
    got = (await inbox.run(ONE, {"id": sent["id"]}))["notification"]
    assert set(got) == set(FIELDS.split())
    assert got["id"] == sent["id"] and got["id"].isdigit()
    assert got["type"] == "sale"
    assert got["title"] == "Flash sale"
    assert got["message"] == "body of Flash sale"
    assert got["priority"] == "HIGH"
    assert got["isRead"] is False and got["readAt"] is None
    assert got["actionUrl"] == "https://shop.example/sale?id=7"
    assert got["actionText"] == "Open"
    assert got["metadata"] == {"orderId": 7, "tags": ["a", "b"], "nested": {"ok": True}}
    assert parse_time(got["expiresAt"]) == expires
    assert parse_time(got["createdAt"]) == parse_time(sent["createdAt"])
    assert abs(parse_time(got["createdAt"]) - datetime.now(UTC)) < timedelta(minutes=10)
    # The sender saw exactly what the recipient sees.
    assert got == sent
    # The list shows the same node.
    assert (await inbox.page())["edges"][0]["node"] == got

    before = datetime.now(UTC) - timedelta(minutes=10)
    await inbox.run(MARK_READ, {"ids": [sent["id"]]})
    read = (await inbox.run(ONE, {"id": sent["id"]}))["notification"]
    assert read["isRead"] is True
    assert before < parse_time(read["readAt"]) < datetime.now(UTC) + timedelta(minutes=10)
    assert {k: v for k, v in read.items() if k not in ("isRead", "readAt")} == {
        k: v for k, v in got.items() if k not in ("isRead", "readAt")
    }


async def test_notification_defaults(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send("plain")
    got = (await inbox.run(ONE, {"id": sent["id"]}))["notification"]
    assert got["type"] == "system"
    assert got["priority"] == "NORMAL"
    assert got["actionUrl"] is None and got["actionText"] is None and got["expiresAt"] is None
    assert got["metadata"] == {}


async def test_notification_by_unknown_or_bad_id(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    assert await api.code(ONE, {"id": "999999999999"}, token=inbox.user_token) == "NOT_FOUND"
    assert await api.code(ONE, {"id": "abc"}, token=inbox.user_token) == "BAD_USER_INPUT"
    assert await api.code(ONE, {"id": "1"}) == "UNAUTHENTICATED"


# Marking and deleting


async def test_mark_read_and_unread_are_idempotent(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    a, b, c = await inbox.send_many(3)
    assert (await inbox.run(MARK_READ, {"ids": [a, b]}))["markNotificationsRead"] == {
        "updatedCount": 2,
        "unreadCount": 1,
    }
    assert (await inbox.run(MARK_READ, {"ids": [a, b]}))["markNotificationsRead"] == {
        "updatedCount": 0,
        "unreadCount": 1,
    }
    # Already read ones are not counted again; repeated ids count once.
    assert (await inbox.run(MARK_READ, {"ids": [a, c, c]}))["markNotificationsRead"] == {
        "updatedCount": 1,
        "unreadCount": 0,
    }
    assert (await inbox.run(MARK_UNREAD, {"ids": [b]}))["markNotificationsUnread"] == {
        "updatedCount": 1,
        "unreadCount": 1,
    }
    assert (await inbox.run(MARK_UNREAD, {"ids": [b]}))["markNotificationsUnread"] == {
        "updatedCount": 0,
        "unreadCount": 1,
    }
    assert await inbox.ids(status="UNREAD") == [b]
    assert await inbox.unread() == 1
    unread_again = (await inbox.run(ONE, {"id": b}))["notification"]
    assert unread_again["isRead"] is False and unread_again["readAt"] is None
    assert (await inbox.run(MARK_READ, {"ids": []}))["markNotificationsRead"] == {"updatedCount": 0, "unreadCount": 1}


async def test_mark_all_read_is_idempotent(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    sent = await inbox.send_many(4)
    await inbox.run(MARK_READ, {"ids": [sent[0]]})
    assert (await inbox.run(MARK_ALL))["markAllNotificationsRead"] == {"updatedCount": 3, "unreadCount": 0}
    assert (await inbox.run(MARK_ALL))["markAllNotificationsRead"] == {"updatedCount": 0, "unreadCount": 0}
    assert await inbox.ids(status="UNREAD") == []
    assert await inbox.ids(status="READ") == list(reversed(sent))
    # A new one after marking all is unread.
    new = (await inbox.send("later"))["id"]
    assert await inbox.ids(status="UNREAD") == [new]
    assert await inbox.unread() == 1


MARKED = "updatedCount unreadCount notifications { id isRead readAt title }"
MARK_READ_LISTED = f"mutation M($ids: [ID!]!) {{ markNotificationsRead(ids: $ids) {{ {MARKED} }} }}"
MARK_UNREAD_LISTED = f"mutation M($ids: [ID!]!) {{ markNotificationsUnread(ids: $ids) {{ {MARKED} }} }}"
MARK_ALL_LISTED = f"mutation {{ markAllNotificationsRead {{ {MARKED} }} }}"


async def test_marking_returns_the_notifications_as_they_are_now(api: GraphQLClient) -> None:
    """For normalised client caches: the named notifications the caller holds, newest first, changed or not."""
    inbox = Inbox(api)
    a, b, c = await inbox.send_many(3)
    theirs = (await inbox.send("theirs", user=unique("u")))["id"]
    marked = (await inbox.run(MARK_READ_LISTED, {"ids": [a, theirs, b, "999999999999"]}))["markNotificationsRead"]
    assert (marked["updatedCount"], marked["unreadCount"]) == (2, 1)
    assert [(n["id"], n["title"], n["isRead"]) for n in marked["notifications"]] == [(b, "n1", True), (a, "n0", True)]
    read_at = {n["id"]: n["readAt"] for n in marked["notifications"]}
    listed = {e["node"]["id"]: e["node"] for e in (await inbox.page(10))["edges"]}
    assert all(read_at[i] == listed[i]["readAt"] is not None for i in (a, b))
    # Already read (another tab's doing, say): still listed, as it is, so a stale cache is corrected.
    again = (await inbox.run(MARK_READ_LISTED, {"ids": [a]}))["markNotificationsRead"]
    assert again["updatedCount"] == 0 and again["notifications"] == [
        {"id": a, "isRead": True, "readAt": read_at[a], "title": "n0"}
    ]
    unread = (await inbox.run(MARK_UNREAD_LISTED, {"ids": [b]}))["markNotificationsUnread"]
    assert unread["notifications"] == [{"id": b, "isRead": False, "readAt": None, "title": "n1"}]
    # Marking all lists what it changed (b and c), through a fragment too.
    fragment = """
    mutation { markAllNotificationsRead { ...Marked } }
    fragment Marked on MarkResult { notifications { id isRead } }"""
    all_read = (await inbox.run(fragment))["markAllNotificationsRead"]
    assert all_read["notifications"] == [{"id": c, "isRead": True}, {"id": b, "isRead": True}]
    assert (await inbox.run(MARK_ALL_LISTED))["markAllNotificationsRead"]["notifications"] == []


async def test_marking_all_lists_the_newest_it_changed_up_to_the_bound(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = Principal(user_id=unique("u"), tenant_id=unique("t"))
    sent = []
    for i in range(4):
        result = await sending.send_notification(
            runtime, user=me.user_id, tenant=me.tenant_id, title=f"n{i}", message="m"
        )
        sent.append(result.notification.id)
    monkeypatch.setattr(inbox_service, "MAX_LISTED_CHANGES", 2)
    change = await inbox_service.mark_read(runtime, me, None, listed=True)
    assert (change.updated, change.unread) == (4, 0)
    assert [n.id for n in change.notifications] == sent[:1:-1] and all(n.is_read for n in change.notifications)
    # Not asked for: not read back.
    await inbox_service.mark_read(runtime, me, [str(sent[0])], read=False)
    change = await inbox_service.mark_read(runtime, me, [str(sent[0])])
    assert (change.updated, change.notifications) == (1, [])


async def test_marking_ignores_ids_of_others(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    other = unique("u")
    mine = (await inbox.send("mine"))["id"]
    theirs = (await inbox.send("theirs", user=other))["id"]
    assert (await inbox.run(MARK_READ, {"ids": [theirs, "999999999999"]}))["markNotificationsRead"] == {
        "updatedCount": 0,
        "unreadCount": 1,
    }
    other_token = token(other, inbox.tenant)
    assert await api.data(UNREAD, token=other_token) == {"unreadCount": 1}
    # Marking all of mine leaves theirs alone, and a message sent to both is per-recipient.
    assert (await inbox.run(MARK_ALL))["markAllNotificationsRead"] == {"updatedCount": 1, "unreadCount": 0}
    assert await api.data(UNREAD, token=other_token) == {"unreadCount": 1}
    shared = await api.data(
        SEND_BULK_FULL,
        {"input": {"userIds": [inbox.user, other], "title": "both", "message": "m"}},
        token=inbox.admin_token,
    )
    shared_id = shared["sendBulkNotifications"]["notification"]["id"]
    assert (await inbox.run(MARK_READ, {"ids": [shared_id]}))["markNotificationsRead"]["updatedCount"] == 1
    assert await api.data(UNREAD, token=other_token) == {"unreadCount": 2}
    assert (await api.data(ONE, {"id": shared_id}, token=other_token))["notification"]["isRead"] is False
    assert (await inbox.run(ONE, {"id": mine}))["notification"]["isRead"] is True


async def test_mark_bad_ids_is_bad_input(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    assert await api.code(MARK_READ, {"ids": ["x1"]}, token=inbox.user_token) == "BAD_USER_INPUT"
    assert await api.code(MARK_UNREAD, {"ids": ["-1"]}, token=inbox.user_token) == "BAD_USER_INPUT"
    assert await api.code(MARK_ALL) == "UNAUTHENTICATED"


async def test_delete_read_removes_only_read_ones(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    a, b, c, d = await inbox.send_many(4)
    other = unique("u")
    theirs = (await inbox.send("theirs", user=other))["id"]
    other_token = token(other, inbox.tenant)
    await api.data(MARK_ALL, token=other_token)
    assert (await inbox.run(DELETE_READ))["deleteReadNotifications"] == {"deletedCount": 0}
    await inbox.run(MARK_READ, {"ids": [a, c]})
    assert (await inbox.run(DELETE_READ))["deleteReadNotifications"] == {"deletedCount": 2}
    assert await inbox.ids() == [d, b]
    assert await inbox.unread() == 2
    assert await api.code(ONE, {"id": a}, token=inbox.user_token) == "NOT_FOUND"
    assert (await inbox.run(DELETE_READ))["deleteReadNotifications"] == {"deletedCount": 0}
    # Deleted ones cannot be marked back.
    assert (await inbox.run(MARK_UNREAD, {"ids": [a, c]}))["markNotificationsUnread"]["updatedCount"] == 0
    # The other user's read notification is still there.
    assert [e["node"]["id"] for e in (await api.data(LIST, {}, token=other_token))["notifications"]["edges"]] == [
        theirs
    ]


# Expiry


async def _expire(runtime: Runtime, message_id: str) -> None:
    """Moves a notification's expiry into the past, as if its time had come."""
    past = datetime.now(UTC) - timedelta(minutes=1)
    async with runtime.sessions() as session, session.begin():
        await session.execute(update(Message).where(Message.id == int(message_id)).values(expires_at=past))
        await session.execute(
            update(InboxEntry).where(InboxEntry.message_id == int(message_id)).values(expires_at=past)
        )


async def test_expired_notifications_never_appear(api: GraphQLClient, runtime: Runtime) -> None:
    inbox = Inbox(api)
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    keep = (await inbox.send("keep", type="sale"))["id"]
    keep_read = (await inbox.send("keep-read", type="sale", expiresAt=later))["id"]
    gone = (await inbox.send("gone", type="sale", priority="URGENT", expiresAt=later))["id"]
    gone_read = (await inbox.send("gone-read", type="sale", expiresAt=later))["id"]
    await inbox.run(MARK_READ, {"ids": [keep_read, gone_read]})
    assert await inbox.ids() == [gone_read, gone, keep_read, keep]
    assert await inbox.unread() == 2

    await _expire(runtime, gone)
    await _expire(runtime, gone_read)

    assert await inbox.ids() == [keep_read, keep]
    assert await inbox.ids(status="UNREAD") == [keep]
    assert await inbox.ids(status="READ") == [keep_read]
    assert await inbox.ids(types=["sale"], minPriority="URGENT") == []
    assert await inbox.unread() == 1
    assert await inbox.unread(["sale"]) == 1
    recent = (await inbox.run(RECENT, {"limit": 10}))["recentNotifications"]
    assert [n["id"] for n in recent] == [keep_read, keep]
    for expired in (gone, gone_read):
        assert await api.code(ONE, {"id": expired}, token=inbox.user_token) == "NOT_FOUND"
    # Paging skips them too.
    first = await inbox.page(1)
    second = await inbox.page(1, first["pageInfo"]["endCursor"])
    assert [e["node"]["id"] for e in first["edges"] + second["edges"]] == [keep_read, keep]
    assert second["pageInfo"]["hasNextPage"] is False
    # Marking does not touch or count them.
    assert (await inbox.run(MARK_READ, {"ids": [gone]}))["markNotificationsRead"] == {
        "updatedCount": 0,
        "unreadCount": 1,
    }
    assert (await inbox.run(MARK_UNREAD, {"ids": [gone_read]}))["markNotificationsUnread"]["updatedCount"] == 0
    assert (await inbox.run(MARK_ALL))["markAllNotificationsRead"] == {"updatedCount": 1, "unreadCount": 0}
    assert await inbox.ids() == [keep_read, keep]


@pytest.mark.slow
async def test_notification_disappears_when_it_expires(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    keep = (await inbox.send("keep"))["id"]
    expires = datetime.now(UTC) + timedelta(seconds=3)
    short = (await inbox.send("short", expiresAt=expires.isoformat()))["id"]
    listed = await inbox.ids()
    if datetime.now(UTC) < expires:  # the server answered before the expiry, so it must have listed it
        assert listed == [short, keep]

    deadline = time.monotonic() + 60
    while short in await inbox.ids():
        assert time.monotonic() < deadline, "the notification never expired"
        await asyncio.sleep(0.25)
    assert datetime.now(UTC) >= expires, "it disappeared before it expired"

    assert await inbox.ids() == [keep]
    assert await inbox.unread() == 1
    assert [n["id"] for n in (await inbox.run(RECENT, {"limit": 10}))["recentNotifications"]] == [keep]
    assert await api.code(ONE, {"id": short}, token=inbox.user_token) == "NOT_FOUND"
    assert (await inbox.run(MARK_ALL))["markAllNotificationsRead"] == {"updatedCount": 1, "unreadCount": 0}


# Preferences


async def test_preferences_defaults(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    assert (await inbox.run(PREFS))["notificationPreferences"] == DEFAULT_PREFS
    assert await api.code(PREFS) == "UNAUTHENTICATED"


async def test_update_preferences_changes_only_given_fields(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    updated = (await inbox.run(UPDATE_PREFS, {"input": {"inApp": {"minPriority": "HIGH"}}}))[
        "updateNotificationPreferences"
    ]
    expected = {**DEFAULT_PREFS, "inApp": {"enabled": True, "minPriority": "HIGH"}}
    assert updated == expected
    updated = (await inbox.run(UPDATE_PREFS, {"input": {"email": {"enabled": True}}}))["updateNotificationPreferences"]
    expected = {**expected, "email": {"enabled": True, "minPriority": "HIGH"}}
    assert updated == expected
    updated = (
        await inbox.run(
            UPDATE_PREFS,
            {"input": {"sms": {"enabled": True, "minPriority": "NORMAL"}, "inApp": {"enabled": False}}},
        )
    )["updateNotificationPreferences"]
    expected = {
        **expected,
        "sms": {"enabled": True, "minPriority": "NORMAL"},
        "inApp": {"enabled": False, "minPriority": "HIGH"},
    }
    assert updated == expected
    # An empty update changes nothing; reading agrees with what the update returned.
    assert (await inbox.run(UPDATE_PREFS, {"input": {}}))["updateNotificationPreferences"] == expected
    assert (await inbox.run(PREFS))["notificationPreferences"] == expected
    # Someone else's preferences are untouched.
    other = token(unique("u"), inbox.tenant)
    assert (await api.data(PREFS, token=other))["notificationPreferences"] == DEFAULT_PREFS


async def test_type_overrides_set_replaced_and_removed(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    overrides = [{"type": "sale", "inApp": False}, {"type": "inventory", "email": True, "sms": False}]
    updated = (await inbox.run(UPDATE_PREFS, {"input": {"typeOverrides": overrides}}))["updateNotificationPreferences"]
    assert updated["typeOverrides"] == [
        {"type": "inventory", "inApp": None, "email": True, "sms": False},
        {"type": "sale", "inApp": False, "email": None, "sms": None},
    ]
    assert {k: v for k, v in updated.items() if k != "typeOverrides"} == {
        k: v for k, v in DEFAULT_PREFS.items() if k != "typeOverrides"
    }
    # Updating other fields keeps the overrides.
    kept = (await inbox.run(UPDATE_PREFS, {"input": {"email": {"enabled": True}}}))["updateNotificationPreferences"]
    assert kept["typeOverrides"] == updated["typeOverrides"]
    assert kept["email"] == {"enabled": True, "minPriority": "HIGH"}
    # Giving a type again sets that type's override; others stay.
    replaced = (await inbox.run(UPDATE_PREFS, {"input": {"typeOverrides": [{"type": "sale", "sms": True}]}}))[
        "updateNotificationPreferences"
    ]
    assert replaced["typeOverrides"] == [
        {"type": "inventory", "inApp": None, "email": True, "sms": False},
        {"type": "sale", "inApp": None, "email": None, "sms": True},
    ]
    # All null removes that type's override only.
    removed = (
        await inbox.run(
            UPDATE_PREFS,
            {"input": {"typeOverrides": [{"type": "sale", "inApp": None, "email": None, "sms": None}]}},
        )
    )["updateNotificationPreferences"]
    assert removed["typeOverrides"] == [{"type": "inventory", "inApp": None, "email": True, "sms": False}]
    removed = (await inbox.run(UPDATE_PREFS, {"input": {"typeOverrides": [{"type": "inventory"}]}}))[
        "updateNotificationPreferences"
    ]
    assert removed["typeOverrides"] == []
    assert (await inbox.run(PREFS))["notificationPreferences"] == {**DEFAULT_PREFS, "email": kept["email"]}


async def test_update_preferences_rejects_bad_overrides(api: GraphQLClient) -> None:
    inbox = Inbox(api)
    twice = [{"type": "sale", "inApp": False}, {"type": "sale", "email": True}]
    assert await api.code(UPDATE_PREFS, {"input": {"typeOverrides": twice}}, token=inbox.user_token) == (
        "BAD_USER_INPUT"
    )
    bad = [{"type": "Not A Type", "inApp": False}]
    assert await api.code(UPDATE_PREFS, {"input": {"typeOverrides": bad}}, token=inbox.user_token) == ("BAD_USER_INPUT")
    assert (await inbox.run(PREFS))["notificationPreferences"] == DEFAULT_PREFS


async def test_simultaneous_preference_saves_all_succeed(api: GraphQLClient) -> None:
    # Two tabs saving at once both create the user's rows; the later one must not fail on the earlier's.
    reader = token(unique("u"), unique("t"))
    saves = [
        api.run(
            "mutation($on: Boolean!) { updateNotificationPreferences(input: { email: { enabled: $on }, "
            'typeOverrides: [{ type: "sale", inApp: $on }] }) { email { enabled } } }',
            {"on": i % 2 == 0},
            token=reader,
        )
        for i in range(6)
    ]
    for body in await asyncio.gather(*saves):
        assert not body.get("errors"), body
