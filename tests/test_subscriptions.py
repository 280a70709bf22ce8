"""Live subscriptions through the real server: what `notificationAdded` and `unreadCountChanged` deliver, to whom,
in what order, across tabs and processes, and how catch-up with `after` closes the gap of a reconnect.

Some tests use the `gql` package as an independent graphql-transport-ws client; the others speak the protocol frame
by frame (tests.support.subscription) to check every message.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import itertools
import tracemalloc
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.websockets import WebsocketsTransport

from services.auth import Principal
from services.inbox import encode_cursor
from services.runtime import Runtime
from services.sending import send_notification
from services.subscriptions import notifications_added
from tests.support import (
    LIST,
    SEND,
    SEND_BULK,
    SEND_TENANT,
    GraphQLClient,
    Server,
    Subscription,
    count_rises,
    start_server,
    subscription,
    token,
    unique,
)

CAUGHT_UP = 600  # more than a batch of the catch-up
WAIT = 15.0  # generous: only there so that a broken test fails instead of hanging
PROBE = "probe"  # the type of the notifications sent to find out that a subscription is live; tests skip them

FIELDS = "id type title message priority isRead readAt actionUrl actionText metadata createdAt expiresAt"
ADDED = f"subscription Added($after: String) {{ notificationAdded(after: $after) {{ {FIELDS} }} }}"
COUNT = "subscription Count { unreadCountChanged }"
MARK_READ = "mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
MARK_UNREAD = "mutation Unread($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount } }"
MARK_ALL = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"
DELETE_READ = "mutation { deleteReadNotifications { deletedCount } }"
PREFERENCES = """
mutation Prefs($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { inApp { enabled minPriority } typeOverrides { type inApp } }
}"""


class Inbox:
    """A fresh tenant with one user who subscribes, and an admin who sends to them over HTTP."""

    def __init__(self, api: GraphQLClient) -> None:
        self.api = api
        self.tenant = unique("t")
        self.user = unique("u")
        self.token = token(self.user, self.tenant)
        self.admin = token(unique("admin"), self.tenant, "admin")
        self._probes = itertools.count(1)

    async def send(self, title: str, **fields: Any) -> dict[str, Any]:
        data = await self.api.data(
            SEND,
            {"input": {"userId": self.user, "title": title, "message": f"{title} body", **fields}},
            token=self.admin,
        )
        result: dict[str, Any] = data["sendNotification"]
        return result

    async def probe(self) -> None:
        await self.send(f"probe {next(self._probes)}", type=PROBE)

    async def as_user(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self.api.data(query, variables, token=self.token)

    async def listed(self) -> list[dict[str, Any]]:
        """The user's notifications as the `notifications` query returns them, newest first, with cursors."""
        edges: list[dict[str, Any]] = []
        after = None
        while True:
            page = (await self.as_user(LIST, {"first": 100, "after": after}))["notifications"]
            edges.extend(page["edges"])
            if not page["pageInfo"]["hasNextPage"]:
                return edges
            after = page["pageInfo"]["endCursor"]

    async def nodes_by_id(self) -> dict[str, dict[str, Any]]:
        return {edge["node"]["id"]: edge["node"] for edge in await self.listed()}


# --- an independent client: gql over graphql-transport-ws -------------------------------------------------------


class Feed:
    """One subscription of a gql session, read in the background into a queue."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict[str, Any] | BaseException] = asyncio.Queue()

    async def next(self, within: float = WAIT) -> dict[str, Any]:
        item = await asyncio.wait_for(self.queue.get(), within)
        if isinstance(item, BaseException):
            raise item
        return item

    async def notification(self, within: float = WAIT) -> dict[str, Any]:
        """The next notification that is not a probe."""
        while True:
            notification: dict[str, Any] = (await self.next(within))["notificationAdded"]
            if notification["type"] != PROBE:
                return notification

    async def count(self, within: float = WAIT) -> int:
        return int((await self.next(within))["unreadCountChanged"])


@asynccontextmanager
async def gql_session(server: Server, access_token: str) -> AsyncIterator[Any]:
    transport = WebsocketsTransport(
        url=server.ws_url,
        init_payload={"Authorization": f"Bearer {access_token}"},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )
    async with Client(transport=transport) as session:
        yield session


@asynccontextmanager
async def gql_feed(session: Any, query: str, variables: dict[str, Any] | None = None) -> AsyncIterator[Feed]:
    feed = Feed()

    async def pump() -> None:
        try:
            async for result in session.subscribe(GraphQLRequest(query, variable_values=variables)):
                feed.queue.put_nowait(result)
        except Exception as error:
            feed.queue.put_nowait(error)

    task = asyncio.create_task(pump())
    try:
        yield feed
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def until_live(feed: Feed, probe: Callable[[], Awaitable[None]]) -> None:
    """Send probes until one arrives: from then on `notificationAdded` (subscribed without `after`, which has no
    first message) is certainly listening, so whatever is sent next must come live."""
    for _ in range(60):
        await probe()
        try:
            notification = (await feed.next(within=1.0))["notificationAdded"]
        except TimeoutError:
            continue
        assert notification["type"] == PROBE, notification
        return
    raise AssertionError("the subscription never became live")


# --- frame by frame ----------------------------------------------------------------------------------------------


async def next_of(sub: Subscription, op_id: str, within: float = WAIT) -> dict[str, Any]:
    message = await sub.receive(within)
    assert message.get("id") == op_id, message
    assert message["type"] == "next", message
    assert not message["payload"].get("errors"), message
    data: dict[str, Any] = message["payload"]["data"]
    return data


def _b64(text: str) -> str:
    """A string shaped like a cursor but not one the API returned."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# --- notificationAdded --------------------------------------------------------------------------------------------


async def test_notification_added_delivers_single_bulk_and_tenant_sends_with_every_field(
    api: GraphQLClient, server: Server
) -> None:
    inbox = Inbox(api)
    other = unique("u")
    async with gql_session(server, inbox.token) as session, gql_feed(session, ADDED) as feed:
        await until_live(feed, inbox.probe)

        single = await inbox.send(
            "Invoice ready",
            type="billing.invoice",
            priority="HIGH",
            actionUrl="https://example.com/invoices/42",
            actionText="Open",
            metadata={"invoice": 42, "lines": [{"sku": "a", "qty": 2}], "paid": False, "note": None},
            expiresAt="2999-01-01T00:00:00+00:00",
        )
        bulk = await api.data(
            SEND_BULK,
            {"input": {"userIds": [other, inbox.user], "title": "Bulk", "message": "to two", "type": "news"}},
            token=inbox.admin,
        )
        tenant = await api.data(
            SEND_TENANT,
            {"input": {"title": "Everyone", "message": "tenant-wide", "priority": "URGENT"}},
            token=inbox.admin,
        )
        assert single["delivered"] == 1
        assert bulk["sendBulkNotifications"]["delivered"] == 2
        assert tenant["sendTenantNotification"]["delivered"] == 2  # the subscriber and `other`

        received = [await feed.notification() for _ in range(3)]

    sent_ids = [
        single["notification"]["id"],
        bulk["sendBulkNotifications"]["notification"]["id"],
        tenant["sendTenantNotification"]["notification"]["id"],
    ]
    assert [n["id"] for n in received] == sent_ids
    # What arrives live is exactly what the notifications query shows for the same inbox entry.
    stored = await inbox.nodes_by_id()
    for notification in received:
        assert notification == stored[notification["id"]]
    assert received[0]["type"] == "billing.invoice"
    assert received[0]["priority"] == "HIGH"
    assert received[0]["metadata"] == {"invoice": 42, "lines": [{"sku": "a", "qty": 2}], "paid": False, "note": None}
    assert received[0]["actionUrl"] == "https://example.com/invoices/42"
    assert received[0]["expiresAt"] is not None
    assert received[1]["title"] == "Bulk" and received[2]["title"] == "Everyone"
    assert all(n["isRead"] is False and n["readAt"] is None for n in received)


async def test_subscriptions_whose_variables_choose_different_fields_each_get_their_own_payload(
    api: GraphQLClient, server: Server
) -> None:
    # A document's payload is rendered once per event for each choice of the variables its selection uses.
    inbox = Inbox(api)
    query = "subscription S($full: Boolean!) { notificationAdded { type title @include(if: $full) } }"
    async with (
        gql_session(server, inbox.token) as one,
        gql_session(server, inbox.token) as two,
        gql_feed(one, query, {"full": True}) as full,
        gql_feed(two, query, {"full": False}) as bare,
    ):
        await until_live(full, inbox.probe)
        await until_live(bare, inbox.probe)
        await inbox.send("Hello")
        assert (await full.notification())["title"] == "Hello"
        assert "title" not in await bare.notification()


async def test_notification_added_only_delivers_the_callers_own(api: GraphQLClient, server: Server) -> None:
    inbox = Inbox(api)
    elsewhere = unique("t")  # a tenant with a user of the same id
    service = token(unique("svc"), elsewhere, "service")
    async with subscription(server, inbox.token) as sub:
        op = await sub.subscribe(ADDED)
        # `after` is not given, so there is no first message; probe until it is live, skipping late probes later.
        for _ in range(60):
            await inbox.probe()
            try:
                first = await next_of(sub, op, within=1.0)
                break
            except TimeoutError:
                continue
        else:
            raise AssertionError("the subscription never became live")
        assert first["notificationAdded"]["type"] == PROBE

        await api.data(
            SEND, {"input": {"userId": unique("u"), "title": "Neighbour", "message": "m"}}, token=inbox.admin
        )
        await api.data(
            SEND,
            {"input": {"userId": inbox.user, "tenantId": elsewhere, "title": "Namesake", "message": "m"}},
            token=service,
        )
        await api.data(
            SEND_TENANT, {"input": {"tenantId": elsewhere, "title": "Other tenant", "message": "m"}}, token=service
        )
        mine = await inbox.send("Mine")

        while True:
            notification = (await next_of(sub, op))["notificationAdded"]
            if notification["type"] != PROBE:
                break
        assert notification["id"] == mine["notification"]["id"], notification
        assert notification["title"] == "Mine"


async def test_notification_added_skips_what_preferences_turned_away(api: GraphQLClient, server: Server) -> None:
    inbox = Inbox(api)
    other = unique("u")
    async with gql_session(server, inbox.token) as session, gql_feed(session, ADDED) as feed:
        await until_live(feed, inbox.probe)
        preferences = await inbox.as_user(
            PREFERENCES,
            {"input": {"inApp": {"minPriority": "HIGH"}, "typeOverrides": [{"type": "promo", "inApp": False}]}},
        )
        assert preferences["updateNotificationPreferences"]["inApp"] == {"enabled": True, "minPriority": "HIGH"}

        low = await inbox.send("Too low", priority="LOW")
        normal = await inbox.send("Still too low", priority="NORMAL")
        muted = await api.data(
            SEND_BULK,
            {
                "input": {
                    "userIds": [inbox.user, other],
                    "title": "Promo",
                    "message": "m",
                    "type": "promo",
                    "priority": "HIGH",  # above the floor, but the type is switched off
                }
            },
            token=inbox.admin,
        )
        tenant = await api.data(
            SEND_TENANT, {"input": {"title": "Tenant normal", "message": "m", "priority": "NORMAL"}}, token=inbox.admin
        )
        assert (low["delivered"], low["skipped"]) == (0, 1)
        assert (normal["delivered"], normal["skipped"]) == (0, 1)
        assert (muted["sendBulkNotifications"]["delivered"], muted["sendBulkNotifications"]["skipped"]) == (1, 1)
        assert tenant["sendTenantNotification"]["delivered"] == 1  # `other` only
        wanted = await inbox.send("Important", priority="HIGH")
        assert wanted["delivered"] == 1

        # The first notification after the turned-away ones is the one that was accepted: none of them came first.
        notification = await feed.notification()
        assert notification["id"] == wanted["notification"]["id"], notification
        assert notification["title"] == "Important"

    stored = await inbox.nodes_by_id()
    assert [n["title"] for n in stored.values() if n["type"] != PROBE] == ["Important"]


async def test_notification_added_after_the_newest_cursor_delivers_only_new_ones(
    api: GraphQLClient, server: Server
) -> None:
    inbox = Inbox(api)
    for i in range(3):
        await inbox.send(f"old {i}")
    newest = (await inbox.listed())[0]
    async with (
        gql_session(server, inbox.token) as session,
        gql_feed(session, ADDED, {"after": newest["cursor"]}) as feed,
    ):
        # No probe needed: with `after`, whatever is newer than the cursor arrives, whenever the stream starts.
        fresh = await inbox.send("new")
        notification = await feed.notification()
        assert notification["id"] == fresh["notification"]["id"]
        assert notification == (await inbox.nodes_by_id())[notification["id"]]
        follow = await inbox.send("newer")
        assert (await feed.notification())["id"] == follow["notification"]["id"]


async def test_catch_up_after_a_cursor_then_live_exactly_once_with_concurrent_senders(
    api: GraphQLClient, server: Server
) -> None:
    inbox = Inbox(api)
    before, k, senders, per_sender = 12, 4, 5, 6
    for i in range(before):
        await inbox.send(f"before {i}")
    oldest_first = list(reversed(await inbox.listed()))
    cursor = oldest_first[k - 1]["cursor"]  # of the k-th notification
    expected_catch_up = [edge["node"]["id"] for edge in oldest_first[k:]]

    async def sender(index: int) -> None:
        for j in range(per_sender):
            await inbox.send(f"during {index}.{j}")

    async with subscription(server, inbox.token) as sub:
        op, *_ = await asyncio.gather(sub.subscribe(ADDED, {"after": cursor}), *(sender(i) for i in range(senders)))
        assert isinstance(op, str)
        # Everything newer than the cursor is in the database now; wait until each of them arrived.
        wanted = {edge["node"]["id"] for edge in oldest_first[k:]} | {
            edge["node"]["id"] for edge in await inbox.listed() if edge["node"]["title"].startswith("during")
        }
        assert len(wanted) == before - k + senders * per_sender
        received: list[str] = []
        while not wanted <= set(received):
            received.append((await next_of(sub, op))["notificationAdded"]["id"])
        # One more send: if anything were to arrive twice, it would arrive before this one.
        last = await inbox.send("after all")
        received.append((await next_of(sub, op))["notificationAdded"]["id"])

    assert received[-1] == last["notification"]["id"]
    assert len(received) == len(set(received)), "a notification arrived twice"
    assert set(received) == wanted | {last["notification"]["id"]}, "an unexpected notification arrived"
    # Catch-up comes first, oldest first: the notifications older than the concurrent sends lead, in order.
    assert received[: len(expected_catch_up)] == expected_catch_up
    # Nothing at or before the cursor.
    assert not set(received) & {edge["node"]["id"] for edge in oldest_first[:k]}


async def refused(sub: Subscription, op_id: str) -> dict[str, Any]:
    """The error ending operation `op_id`: an `error` frame, or a `next` frame with errors followed by `complete`
    (graphql-transport-ws allows both for execution errors). The connection itself must stay open."""
    message = await sub.receive(WAIT)
    assert message.get("id") == op_id, message
    if message["type"] == "error":
        errors = message["payload"]
    else:
        assert message["type"] == "next", message
        errors = message["payload"].get("errors")
        completed = await sub.receive(WAIT)
        assert completed == {"id": op_id, "type": "complete"}, completed
    assert isinstance(errors, list) and len(errors) == 1, message
    text = str(message)
    assert "Traceback" not in text and "sqlalchemy" not in text.lower() and "SELECT" not in text, message
    error: dict[str, Any] = errors[0]
    return error


@pytest.mark.parametrize(
    "after",
    ["not-a-cursor", "", "%%%", _b64("n:x"), _b64("x:1"), _b64("n:-1"), _b64("n:1.5"), _b64("n:" + "9" * 40)],
    ids=["garbage", "empty", "not-base64", "no-digits", "wrong-prefix", "negative", "fraction", "too-long"],
)
async def test_malformed_after_is_refused_with_bad_user_input(api: GraphQLClient, server: Server, after: str) -> None:
    inbox = Inbox(api)
    async with subscription(server, inbox.token) as sub:
        op = await sub.subscribe(ADDED, {"after": after})
        error = await refused(sub, op)
        assert error.get("extensions", {}).get("code") == "BAD_USER_INPUT", error
        # The connection stays usable: a valid subscription on it still works.
        count_op = await sub.subscribe(COUNT)
        assert await next_of(sub, count_op) == {"unreadCountChanged": 0}


async def test_after_beyond_the_id_range_is_bad_user_input_without_leaking_sql(
    api: GraphQLClient, server: Server
) -> None:
    inbox = Inbox(api)
    overflow = _b64("n:" + "9" * 25)  # well-formed, short enough, but no notification id can be that large
    async with subscription(server, inbox.token) as sub:
        op = await sub.subscribe(ADDED, {"after": overflow})
        error = await refused(sub, op)
        assert error.get("extensions", {}).get("code") == "BAD_USER_INPUT", error
    assert await api.code(LIST, {"after": overflow}, token=inbox.token) == "BAD_USER_INPUT"


# --- unreadCountChanged -------------------------------------------------------------------------------------------


async def test_unread_count_changed_follows_sends_and_marks(api: GraphQLClient, server: Server) -> None:
    inbox = Inbox(api)
    other = unique("u")
    first = await inbox.send("existing")
    stranger = await api.data(
        SEND, {"input": {"userId": other, "title": "Not yours", "message": "m"}}, token=inbox.admin
    )
    async with subscription(server, inbox.token) as sub:
        op = await sub.subscribe(COUNT)

        async def count() -> int:
            return int((await next_of(sub, op))["unreadCountChanged"])

        assert await count() == 1  # the current count first
        second = await inbox.send("second")
        assert await count() == 2
        await api.data(
            SEND_BULK, {"input": {"userIds": [inbox.user, other], "title": "b", "message": "m"}}, token=inbox.admin
        )
        assert await count() == 3
        await api.data(SEND_TENANT, {"input": {"title": "t", "message": "m"}}, token=inbox.admin)
        assert await count() == 4

        ids = [first["notification"]["id"], second["notification"]["id"]]
        read = await inbox.as_user(MARK_READ, {"ids": ids})
        assert read["markNotificationsRead"] == {"updatedCount": 2, "unreadCount": 2}
        assert await count() == 2
        # Changing nothing (already read; someone else's) sends nothing: the next value is the next real change.
        again = await inbox.as_user(MARK_READ, {"ids": [*ids, stranger["sendNotification"]["notification"]["id"]]})
        assert again["markNotificationsRead"] == {"updatedCount": 0, "unreadCount": 2}
        unread = await inbox.as_user(MARK_UNREAD, {"ids": [ids[0]]})
        assert unread["markNotificationsUnread"] == {"updatedCount": 1, "unreadCount": 3}
        assert await count() == 3
        # Deleting read rows leaves the unread count as it is: no value in between.
        deleted = await inbox.as_user(DELETE_READ)
        assert deleted["deleteReadNotifications"]["deletedCount"] == 1
        await sub.nothing_within(1.0)
        everything = await inbox.as_user(MARK_ALL)
        assert everything["markAllNotificationsRead"] == {"updatedCount": 3, "unreadCount": 0}
        assert await count() == 0
        await inbox.as_user(DELETE_READ)
        await inbox.send("after the clean-up")
        assert await count() == 1
        await sub.nothing_within(0.5)

    assert (await inbox.as_user("{ unreadCount }"))["unreadCount"] == 1


async def test_unread_count_changed_ignores_other_users(api: GraphQLClient, server: Server) -> None:
    inbox = Inbox(api)
    neighbour = unique("u")
    async with gql_session(server, inbox.token) as session, gql_feed(session, COUNT) as feed:
        assert await feed.count() == 0
        sent = await api.data(SEND, {"input": {"userId": neighbour, "title": "n", "message": "m"}}, token=inbox.admin)
        await api.data(MARK_ALL, token=token(neighbour, inbox.tenant))
        await api.data(
            MARK_UNREAD, {"ids": [sent["sendNotification"]["notification"]["id"]]}, token=token(neighbour, inbox.tenant)
        )
        await inbox.send("mine")
        assert await feed.count() == 1


# --- several tabs, several processes ------------------------------------------------------------------------------


async def test_two_tabs_of_one_user_both_receive_every_event(api: GraphQLClient, server: Server) -> None:
    inbox = Inbox(api)
    seed = await inbox.send("seed")
    cursor = (await inbox.listed())[0]["cursor"]
    assert (await inbox.listed())[0]["node"]["id"] == seed["notification"]["id"]

    @asynccontextmanager
    async def tab() -> AsyncIterator[tuple[Feed, Feed]]:
        async with (
            gql_session(server, inbox.token) as session,
            gql_feed(session, ADDED, {"after": cursor}) as added,
            gql_feed(session, COUNT) as counts,
        ):
            yield added, counts

    first, second = tab(), tab()
    # Both tabs connect and subscribe at the same instant.
    (added_1, counts_1), (added_2, counts_2) = await asyncio.gather(first.__aenter__(), second.__aenter__())
    try:
        assert list(await asyncio.gather(counts_1.count(), counts_2.count())) == [1, 1]
        sent = [await inbox.send(f"tab event {i}") for i in range(3)]
        ids = [s["notification"]["id"] for s in sent]
        for added in (added_1, added_2):
            assert [(await added.notification())["id"] for _ in ids] == ids
        for counts in (counts_1, counts_2):
            await count_rises(counts.count, 1, 4)

        # A read made in one tab (an HTTP mutation as the same user) updates the other's count.
        await inbox.as_user(MARK_READ, {"ids": [ids[0]]})
        assert list(await asyncio.gather(counts_1.count(), counts_2.count())) == [3, 3]
        await inbox.as_user(MARK_UNREAD, {"ids": [ids[0]]})
        assert list(await asyncio.gather(counts_1.count(), counts_2.count())) == [4, 4]
        await inbox.as_user(MARK_ALL)
        assert list(await asyncio.gather(counts_1.count(), counts_2.count())) == [0, 0]
    finally:
        await asyncio.gather(first.__aexit__(None, None, None), second.__aexit__(None, None, None))


async def test_many_users_of_one_tenant_connecting_at_once_each_get_their_own(
    api: GraphQLClient, server: Server
) -> None:
    tenant = unique("t")
    users = [unique("u") for _ in range(6)]
    admin = token(unique("admin"), tenant, "admin")

    async def one(user: str) -> tuple[str, int]:
        async with subscription(server, token(user, tenant)) as sub:
            op = await sub.subscribe(COUNT)
            assert await next_of(sub, op) == {"unreadCountChanged": 0}
            ready.release()
            await go.wait()

            async def count(within: float) -> int:
                return int((await next_of(sub, op, within))["unreadCountChanged"])

            # Two sends reach each user; the second may commit before the first one's count is read, and then the
            # two are reported as one.
            return user, (await count_rises(count, 0, 2, user))[-1]

    ready, go = asyncio.Semaphore(0), asyncio.Event()
    tasks = asyncio.gather(*(one(u) for u in users))
    for _ in users:
        await asyncio.wait_for(ready.acquire(), WAIT)
    go.set()
    await api.data(SEND_TENANT, {"input": {"title": "all", "message": "m"}}, token=admin)
    await api.data(SEND, {"input": {"userId": users[0], "title": "first only", "message": "m"}}, token=admin)
    for user in users[1:]:
        await api.data(SEND, {"input": {"userId": user, "title": "each", "message": "m"}}, token=admin)
    results = dict(await asyncio.wait_for(tasks, WAIT * 2))
    assert results == {user: 2 for user in users}


@pytest.fixture
def second_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """Another process of the service on the same database and Redis, as a second replica would be."""
    running = start_server(server_env, logs_dir)
    yield running
    running.stop()


@pytest.mark.slow
async def test_a_send_through_one_process_reaches_a_subscriber_of_another_exactly_once(
    api: GraphQLClient, server: Server, second_server: Server, http: httpx.AsyncClient
) -> None:
    inbox = Inbox(api)
    through_second = GraphQLClient(second_server.url, http)
    sender = Inbox(through_second)
    sender.tenant, sender.user, sender.token, sender.admin = inbox.tenant, inbox.user, inbox.token, inbox.admin

    async with gql_session(server, inbox.token) as session, gql_feed(session, ADDED) as feed:
        await until_live(feed, sender.probe)  # the probes, too, travel from the second process to the first
        sent = await sender.send("from the other process")
        notification = await feed.notification()
        assert notification["id"] == sent["notification"]["id"]
        assert notification == (await inbox.nodes_by_id())[notification["id"]]
        # Exactly once: a second send arrives next, with nothing in between.
        marker = await sender.send("marker")
        assert (await feed.notification())["id"] == marker["notification"]["id"]

    # And the other way round, frame by frame: subscribed on the second, sent through the first.
    async with subscription(second_server, inbox.token) as sub:
        op = await sub.subscribe(COUNT)
        assert await next_of(sub, op) == {"unreadCountChanged": len(await inbox.listed())}
        before = len(await inbox.listed())
        await inbox.send("back again")
        assert await next_of(sub, op) == {"unreadCountChanged": before + 1}
        await inbox.as_user(MARK_ALL)
        assert await next_of(sub, op) == {"unreadCountChanged": 0}
        await sub.nothing_within(0.5)


async def test_a_catch_up_a_client_does_not_read_holds_little_of_it(runtime: Runtime) -> None:
    """A catch-up is read from the database a batch at a time and held while the client takes it: a client that
    subscribes with an old cursor and stops reading keeps one batch in memory per subscription (twenty per socket).
    Batches of 500 notifications of 21 KB each held 10 MB per subscription, 200 MB per socket."""
    tenant, user = unique("t"), unique("u")

    async def send_big(title: str) -> int:
        sent = await send_notification(
            runtime, user=user, tenant=tenant, title=title, message="m" * 5_000, metadata={"k": "v" * 15_000}
        )
        return sent.notification.id

    first = await send_big("first")
    for n in range(CAUGHT_UP):
        await send_big(f"n{n}")
    added = notifications_added(runtime, Principal(user, tenant), encode_cursor(first))
    assert isinstance(added, AsyncGenerator)  # closed at the end, as strawberry closes it
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        assert (await asyncio.wait_for(anext(added), WAIT)).title == "n0"  # and the client reads no further
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        await added.aclose()
    assert held < 2_000_000, held
