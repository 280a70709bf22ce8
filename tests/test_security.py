"""Isolation and authentication: nobody sees, counts, marks, deletes or hears another user's or tenant's data.

Every test builds its own world (two tenants, two users each, each with a different number of notifications so
that a leaked count or row is visible) on PostgreSQL and Redis. Requests go to the app in this process through
httpx's ASGI transport (conftest.app_api); websockets, and the good credentials of every operation, go through the
real server, whose subscribers hear the app's sends over the same Redis.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import websockets

from services.auth import Principal, readable_sender
from services.templates import samples
from tests.support import (
    JWT_SECRET,
    LIST,
    REGISTER,
    SEND,
    SEND_BULK,
    SEND_TENANT,
    GraphQLClient,
    Server,
    Subscription,
    start_server,
    subscription,
    token,
    unique,
)
from tests.test_events import TRIGGER, titles

PROTOCOL = websockets.Subprotocol("graphql-transport-ws")

ONE = "query One($id: ID!) { notification(id: $id) { id title isRead } }"
UNREAD = "{ unreadCount }"
RECENT = "query Recent($limit: Int!) { recentNotifications(limit: $limit) { id title isRead } }"
PREFS = """{ notificationPreferences {
  inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority }
  typeOverrides { type inApp email sms } } }"""
MARK_READ = "mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
MARK_ALL = "mutation { markAllNotificationsRead { updatedCount unreadCount } }"
MARK_UNREAD = "mutation Unread($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount } }"
DELETE_READ = "mutation { deleteReadNotifications { deletedCount } }"
TENANT_DEFAULTS = "query D($tenantId: ID) { tenantNotificationDefaults(tenantId: $tenantId) { timeZone } }"
UPDATE_TENANT_DEFAULTS = """mutation T($input: UpdateTenantNotificationDefaultsInput!) {
  updateTenantNotificationDefaults(input: $input) { timeZone } }"""
UPDATE_PREFS = """mutation Prefs($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) {
    inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority }
    typeOverrides { type inApp email sms } } }"""
ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title } }"
COUNT = "subscription { unreadCountChanged }"


# --- the world ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    user: str
    tenant: str

    def token(self, *roles: str) -> str:
        return token(self.user, self.tenant, *roles)


def admin(tenant: str) -> str:
    return token(unique("admin"), tenant, "admin")


def service() -> str:
    """A service caller from a tenant of its own: it may send to any tenant, but only via `tenantId`."""
    return token(unique("svc"), unique("svc-tenant"), "service")


@dataclass
class World:
    """Tenant A: a1 (2 private), a2 (1 private); tenant B: b1 (3), b2 (4); plus one bulk send per tenant to both."""

    a1: Member
    a2: Member
    b1: Member
    b2: Member
    private: dict[Member, list[str]] = field(default_factory=dict)
    shared: dict[str, str] = field(default_factory=dict)  # tenant -> id of the bulk send to both its users

    @property
    def members(self) -> list[Member]:
        return [self.a1, self.a2, self.b1, self.b2]

    def own(self, m: Member) -> set[str]:
        return {*self.private[m], self.shared[m.tenant]}

    def peer(self, m: Member) -> Member:
        return {self.a1: self.a2, self.a2: self.a1, self.b1: self.b2, self.b2: self.b1}[m]

    def strangers(self, m: Member) -> list[Member]:
        """The users of the other tenant."""
        return [o for o in self.members if o.tenant != m.tenant]


async def send_to(api: GraphQLClient, m: Member, title: str, *, by: str | None = None, **extra: Any) -> str:
    payload = {"userId": m.user, "title": title, "message": f"for {m.user}@{m.tenant}", **extra}
    sent = await api.data(SEND, {"input": payload}, token=by or admin(m.tenant))
    assert sent["sendNotification"]["delivered"] == 1, sent
    return str(sent["sendNotification"]["notification"]["id"])


async def seed(api: GraphQLClient) -> World:
    ta, tb = unique("ta"), unique("tb")
    w = World(Member(unique("a1"), ta), Member(unique("a2"), ta), Member(unique("b1"), tb), Member(unique("b2"), tb))
    for m, n in zip(w.members, (2, 1, 3, 4), strict=True):
        w.private[m] = [await send_to(api, m, f"private {i} of {m.user}") for i in range(n)]
    for tenant, pair in ((ta, [w.a1, w.a2]), (tb, [w.b1, w.b2])):
        bulk = {"userIds": [m.user for m in pair], "title": f"shared in {tenant}", "message": "both"}
        sent = await api.data(SEND_BULK, {"input": bulk}, token=admin(tenant))
        assert sent["sendBulkNotifications"]["delivered"] == 2, sent
        w.shared[tenant] = str(sent["sendBulkNotifications"]["notification"]["id"])
    return w


async def unread(api: GraphQLClient, m: Member) -> int:
    return int((await api.data(UNREAD, token=m.token()))["unreadCount"])


async def inbox(api: GraphQLClient, m: Member, status: str = "ALL") -> dict[str, bool]:
    """Every notification the user lists (id -> isRead), all pages."""
    found: dict[str, bool] = {}
    after: str | None = None
    while True:
        variables = {"first": 100, "after": after, "filter": {"status": status}}
        page = (await api.data(LIST, variables, token=m.token()))["notifications"]
        found.update({e["node"]["id"]: e["node"]["isRead"] for e in page["edges"]})
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def snapshot(api: GraphQLClient, members: list[Member]) -> dict[Member, dict[str, bool]]:
    return {m: await inbox(api, m) for m in members}


async def tenant_reach(api: GraphQLClient, tenant: str) -> int:
    """How many users `tenant` has registered, by a tenant-wide send: 0 proves nothing registered anyone there."""
    sent = await api.data(
        SEND_TENANT, {"input": {"tenantId": tenant, "title": "probe", "message": "m"}}, token=service()
    )
    return int(sent["sendTenantNotification"]["delivered"])


@pytest.fixture
def api(app_api: GraphQLClient) -> GraphQLClient:
    return app_api


# --- queries ------------------------------------------------------------------------------------------------------


async def test_notifications_lists_only_the_callers_rows(api: GraphQLClient) -> None:
    w = await seed(api)
    for m in w.members:
        assert await inbox(api, m) == dict.fromkeys(w.own(m), False), m
    # Read state is per inbox: a2 reading the shared message does not make it read for a1.
    await api.data(MARK_READ, {"ids": [w.shared[w.a1.tenant]]}, token=w.a2.token())
    assert await inbox(api, w.a2, "READ") == {w.shared[w.a1.tenant]: True}
    assert await inbox(api, w.a1, "READ") == {}
    assert set(await inbox(api, w.a1, "UNREAD")) == w.own(w.a1)
    # Paging from a cursor taken from someone else's inbox still pages the caller's own inbox.
    b2_page = (await api.data(LIST, {"first": 1}, token=w.b2.token()))["notifications"]
    foreign_cursor = b2_page["edges"][0]["cursor"]
    for m in (w.a1, w.b1):
        page = (await api.data(LIST, {"first": 100, "after": foreign_cursor}, token=m.token()))["notifications"]
        assert {e["node"]["id"] for e in page["edges"]} <= w.own(m), m


async def test_notification_by_id_of_someone_else_is_not_found(api: GraphQLClient) -> None:
    w = await seed(api)
    for m in w.members:
        for mine in w.own(m):
            got = (await api.data(ONE, {"id": mine}, token=m.token()))["notification"]
            assert got["id"] == mine
        foreign = {i for o in w.members if o != m for i in w.private[o]} | {w.shared[o.tenant] for o in w.strangers(m)}
        for other in sorted(foreign):
            error = await api.error(ONE, {"id": other}, token=m.token())
            assert error["extensions"]["code"] == "NOT_FOUND", (m, other, error)
            assert "private" not in error["message"] and "shared" not in error["message"], error
    # The shared message, read by a1, is still unread in a2's inbox.
    shared = w.shared[w.a1.tenant]
    await api.data(MARK_READ, {"ids": [shared]}, token=w.a1.token())
    assert (await api.data(ONE, {"id": shared}, token=w.a1.token()))["notification"]["isRead"] is True
    assert (await api.data(ONE, {"id": shared}, token=w.a2.token()))["notification"]["isRead"] is False


async def test_unread_count_counts_only_the_callers_rows(api: GraphQLClient) -> None:
    w = await seed(api)
    assert [await unread(api, m) for m in w.members] == [3, 2, 4, 5]
    await send_to(api, w.a1, "one more for a1")
    await send_to(api, Member(w.a1.user, w.b1.tenant), "a1's user id, in tenant B")
    assert [await unread(api, m) for m in w.members] == [4, 2, 4, 5]
    await api.data(MARK_ALL, token=w.b2.token())
    assert [await unread(api, m) for m in w.members] == [4, 2, 4, 0]


async def test_recent_notifications_are_only_the_callers(api: GraphQLClient) -> None:
    w = await seed(api)
    for m in w.members:
        recent = (await api.data(RECENT, {"limit": 50}, token=m.token()))["recentNotifications"]
        assert {n["id"] for n in recent} == w.own(m), m
        assert all(m.user in n["title"] or n["title"].startswith("shared in ") for n in recent), recent


async def test_preferences_are_per_user_and_per_tenant(api: GraphQLClient) -> None:
    w = await seed(api)
    twin = Member(w.a1.user, w.b1.tenant)  # a1's user id in tenant B: somebody else
    before = {m: (await api.data(PREFS, token=m.token()))["notificationPreferences"] for m in [*w.members, twin]}
    change = {
        "email": {"enabled": True, "minPriority": "LOW"},
        "sms": {"enabled": True},
        "typeOverrides": [{"type": "promo", "inApp": False}],
    }
    updated = (await api.data(UPDATE_PREFS, {"input": change}, token=w.a1.token()))["updateNotificationPreferences"]
    assert updated["email"] == {"enabled": True, "minPriority": "LOW"}
    assert updated["typeOverrides"] == [{"type": "promo", "inApp": False, "email": None, "sms": None}]
    assert updated != before[w.a1]
    for m in [w.a2, w.b1, w.b2, twin]:
        assert (await api.data(PREFS, token=m.token()))["notificationPreferences"] == before[m], m
    # And delivery honours each user's own preferences: a1's "promo" switch-off does not touch anyone else.
    promo = {"type": "promo", "title": "promo", "message": "m"}
    sent = await api.data(SEND_BULK, {"input": {**promo, "userIds": [w.a1.user, w.a2.user]}}, token=admin(w.a1.tenant))
    assert (sent["sendBulkNotifications"]["delivered"], sent["sendBulkNotifications"]["skipped"]) == (1, 1)
    await send_to(api, twin, "promo for the twin", type="promo")
    assert [await unread(api, m) for m in (w.a1, w.a2, twin)] == [3, 3, 1]


# --- mutations ----------------------------------------------------------------------------------------------------


async def test_marking_someone_elses_ids_read_changes_nothing(api: GraphQLClient) -> None:
    w = await seed(api)
    before = await snapshot(api, w.members)
    foreign = [w.private[w.a2][0], w.private[w.b1][0], w.private[w.b2][1], w.shared[w.b1.tenant]]
    result = (await api.data(MARK_READ, {"ids": foreign}, token=w.a1.token()))["markNotificationsRead"]
    assert result == {"updatedCount": 0, "unreadCount": 3}
    assert await snapshot(api, w.members) == before
    # Mixed with one of its own: only that one counts.
    result = await api.data(MARK_READ, {"ids": [*foreign, w.private[w.a1][0]]}, token=w.a1.token())
    assert result["markNotificationsRead"] == {"updatedCount": 1, "unreadCount": 2}
    after = await snapshot(api, w.members)
    assert after[w.a1] == {**before[w.a1], w.private[w.a1][0]: True}
    assert {m: after[m] for m in (w.a2, w.b1, w.b2)} == {m: before[m] for m in (w.a2, w.b1, w.b2)}
    # The shared message: a1 marking it marks a1's copy only.
    result = await api.data(MARK_READ, {"ids": [w.shared[w.a1.tenant]]}, token=w.a1.token())
    assert result["markNotificationsRead"] == {"updatedCount": 1, "unreadCount": 1}
    assert await unread(api, w.a2) == 2
    assert (await inbox(api, w.a2))[w.shared[w.a2.tenant]] is False


async def test_marking_someone_elses_ids_unread_changes_nothing(api: GraphQLClient) -> None:
    w = await seed(api)
    for m in (w.a2, w.b1):
        await api.data(MARK_ALL, token=m.token())
    before = await snapshot(api, w.members)
    foreign = [*w.private[w.a2], *w.private[w.b1], w.shared[w.b1.tenant]]
    for caller in (w.a1, w.b2):
        result = (await api.data(MARK_UNREAD, {"ids": foreign}, token=caller.token()))["markNotificationsUnread"]
        assert result["updatedCount"] == 0, (caller, result)
    assert await snapshot(api, w.members) == before
    assert [await unread(api, m) for m in w.members] == [3, 0, 0, 5]
    # b2 marking the shared id of its own tenant unread (it is unread already) leaves b1's read copy alone.
    result = await api.data(MARK_UNREAD, {"ids": [w.shared[w.b1.tenant]]}, token=w.b2.token())
    assert result["markNotificationsUnread"]["updatedCount"] == 0
    assert (await inbox(api, w.b1))[w.shared[w.b1.tenant]] is True


async def test_mark_all_read_affects_only_the_caller(api: GraphQLClient) -> None:
    w = await seed(api)
    before = await snapshot(api, w.members)
    result = (await api.data(MARK_ALL, token=w.a1.token()))["markAllNotificationsRead"]
    assert result == {"updatedCount": 3, "unreadCount": 0}
    after = await snapshot(api, w.members)
    assert after[w.a1] == dict.fromkeys(w.own(w.a1), True)
    assert {m: after[m] for m in (w.a2, w.b1, w.b2)} == {m: before[m] for m in (w.a2, w.b1, w.b2)}
    assert [await unread(api, m) for m in w.members] == [0, 2, 4, 5]


async def test_delete_read_deletes_only_the_callers_read_rows(api: GraphQLClient) -> None:
    w = await seed(api)
    for m in w.members:
        await api.data(MARK_ALL, token=m.token())
    result = (await api.data(DELETE_READ, token=w.a1.token()))["deleteReadNotifications"]
    assert result == {"deletedCount": 3}
    assert await inbox(api, w.a1) == {}
    for m in (w.a2, w.b1, w.b2):
        assert await inbox(api, m) == dict.fromkeys(w.own(m), True), m
    # The shared message is gone from a1's inbox only.
    shared = w.shared[w.a1.tenant]
    assert await api.code(ONE, {"id": shared}, token=w.a1.token()) == "NOT_FOUND"
    assert (await api.data(ONE, {"id": shared}, token=w.a2.token()))["notification"]["id"] == shared
    result = (await api.data(DELETE_READ, token=w.b2.token()))["deleteReadNotifications"]
    assert result == {"deletedCount": 5}
    assert await inbox(api, w.b1) == dict.fromkeys(w.own(w.b1), True)


async def test_same_user_id_in_two_tenants_is_two_inboxes(api: GraphQLClient) -> None:
    user = unique("same")
    here, there = Member(user, unique("ta")), Member(user, unique("tb"))
    mine = await send_to(api, here, "here")
    theirs = [await send_to(api, there, f"there {i}", by=service(), tenantId=there.tenant) for i in range(2)]
    assert await inbox(api, here) == {mine: False}
    assert await inbox(api, there) == dict.fromkeys(theirs, False)
    assert (await unread(api, here), await unread(api, there)) == (1, 2)
    for other in theirs:
        assert await api.code(ONE, {"id": other}, token=here.token()) == "NOT_FOUND"
    assert await api.code(ONE, {"id": mine}, token=there.token()) == "NOT_FOUND"
    marked = (await api.data(MARK_READ, {"ids": theirs}, token=here.token()))["markNotificationsRead"]
    assert marked == {"updatedCount": 0, "unreadCount": 1}
    marked = (await api.data(MARK_ALL, token=here.token()))["markAllNotificationsRead"]
    assert marked == {"updatedCount": 1, "unreadCount": 0}
    assert await inbox(api, there) == dict.fromkeys(theirs, False)
    await api.data(MARK_READ, {"ids": [theirs[0]]}, token=there.token())
    assert (await api.data(DELETE_READ, token=here.token()))["deleteReadNotifications"] == {"deletedCount": 1}
    assert await inbox(api, there) == {theirs[0]: True, theirs[1]: False}
    unmarked = (await api.data(MARK_UNREAD, {"ids": [theirs[0]]}, token=here.token()))["markNotificationsUnread"]
    assert unmarked == {"updatedCount": 0, "unreadCount": 0}
    # A tenant-wide send reaches the user in that tenant only.
    tenant_wide = {"title": "everyone there", "message": "m"}
    await api.data(SEND_TENANT, {"input": tenant_wide}, token=admin(there.tenant))
    assert (await unread(api, here), await unread(api, there)) == (0, 2)
    await api.data(UPDATE_PREFS, {"input": {"email": {"enabled": True}}}, token=here.token())
    prefs = (await api.data(PREFS, token=there.token()))["notificationPreferences"]
    assert prefs["email"]["enabled"] is False


async def test_tenant_wide_send_reaches_only_that_tenant(api: GraphQLClient) -> None:
    w = await seed(api)
    sent = await api.data(SEND_TENANT, {"input": {"title": "all of A", "message": "m"}}, token=admin(w.a1.tenant))
    assert sent["sendTenantNotification"]["delivered"] == 2
    everyone = sent["sendTenantNotification"]["notification"]["id"]
    assert [await unread(api, m) for m in w.members] == [4, 3, 4, 5]
    for m in (w.b1, w.b2):
        assert await api.code(ONE, {"id": everyone}, token=m.token()) == "NOT_FOUND"


# --- who may send -------------------------------------------------------------------------------------------------


def _send_attempts(user: str, tenant: str | None) -> list[tuple[str, dict[str, Any]]]:
    content = {"title": "not allowed", "message": "m"}
    scope = {"tenantId": tenant} if tenant is not None else {}
    return [
        (SEND, {"input": {**content, **scope, "userId": user}}),
        (SEND_BULK, {"input": {**content, **scope, "userIds": [user]}}),
        (SEND_TENANT, {"input": {**content, **scope}}),
        (REGISTER, {"input": {**scope, "users": [{"userId": user}]}}),
    ]


@pytest.mark.parametrize("roles", [(), ("Admin",), ("SERVICE",), ("superuser", "root")], ids=repr)
async def test_a_plain_user_cannot_send(api: GraphQLClient, roles: tuple[str, ...]) -> None:
    tenant, other = unique("t"), unique("t")
    caller = token(unique("u"), tenant, *roles)
    target = unique("target")
    for scope in (None, tenant, other):
        for query, variables in _send_attempts(target, scope):
            assert await api.code(query, variables, token=caller) == "FORBIDDEN", (query, scope)
    # Nothing was written: no user was registered in either tenant, so nobody has anything.
    assert await tenant_reach(api, tenant) == 0
    assert await tenant_reach(api, other) == 0
    assert await unread(api, Member(target, tenant)) == 0
    assert await unread(api, Member(target, other)) == 0


async def test_an_admin_cannot_send_to_another_tenant(api: GraphQLClient) -> None:
    w = await seed(api)
    fresh = unique("t")
    caller = admin(w.a1.tenant)
    for target in (Member(w.b1.user, w.b1.tenant), Member(unique("x"), fresh), Member(w.a1.user, fresh)):
        for query, variables in _send_attempts(target.user, target.tenant):
            assert await api.code(query, variables, token=caller) == "FORBIDDEN", (query, target)
    assert await tenant_reach(api, fresh) == 0  # nobody was registered there
    assert [await unread(api, m) for m in w.members] == [3, 2, 4, 5]
    assert await unread(api, Member(w.a1.user, fresh)) == 0
    # Its own tenant, named explicitly or not, is fine.
    sent = await api.data(
        SEND, {"input": {"userId": w.a2.user, "tenantId": w.a1.tenant, "title": "t", "message": "m"}}, token=caller
    )
    assert sent["sendNotification"]["delivered"] == 1
    registered = await api.data(REGISTER, {"input": {"users": [{"userId": unique("new")}]}}, token=caller)
    assert registered["registerUsers"]["registered"] == 1


async def test_the_service_role_sends_to_any_tenant_only_via_tenant_id(api: GraphQLClient) -> None:
    w = await seed(api)
    caller = service()
    sent = await api.data(
        SEND, {"input": {"userId": w.a1.user, "tenantId": w.a1.tenant, "title": "svc", "message": "m"}}, token=caller
    )
    assert sent["sendNotification"]["delivered"] == 1
    bulk = {"userIds": [w.b1.user, w.b2.user], "tenantId": w.b1.tenant, "title": "svc bulk", "message": "m"}
    assert (await api.data(SEND_BULK, {"input": bulk}, token=caller))["sendBulkNotifications"]["delivered"] == 2
    wide = {"tenantId": w.b1.tenant, "title": "svc wide", "message": "m"}
    assert (await api.data(SEND_TENANT, {"input": wide}, token=caller))["sendTenantNotification"]["delivered"] == 2
    assert [await unread(api, m) for m in w.members] == [4, 2, 6, 7]
    fresh = unique("tc")
    users = {"tenantId": fresh, "users": [{"userId": unique("c1")}, {"userId": unique("c2")}]}
    assert (await api.data(REGISTER, {"input": users}, token=caller))["registerUsers"]["registered"] == 2
    assert await tenant_reach(api, fresh) == 2
    # Without tenantId it sends to its own tenant: a1's user id there is a different inbox.
    sent = await api.data(SEND, {"input": {"userId": w.a1.user, "title": "own tenant", "message": "m"}}, token=caller)
    assert sent["sendNotification"]["delivered"] == 1
    assert await unread(api, w.a1) == 4


async def test_idempotency_keys_of_different_senders_never_collide(api: GraphQLClient) -> None:
    base = unique("t")
    victim_tenant, key = f"{base}/x", unique("key")
    victim_admin = token("adm", victim_tenant, "admin")
    attacker_admin = token("x/adm", base, "admin")
    secret = {"userId": unique("v"), "title": "secret of the other tenant", "message": "m", "idempotencyKey": key}
    assert (await api.data(SEND, {"input": secret}, token=victim_admin))["sendNotification"]["delivered"] == 1
    mine = {"userId": unique("u"), "title": "mine", "message": "m", "idempotencyKey": key}
    sent = (await api.data(SEND, {"input": mine}, token=attacker_admin))["sendNotification"]
    assert sent["notification"]["title"] == "mine", sent
    assert (sent["duplicate"], sent["delivered"]) == (False, 1), sent


async def test_a_service_using_one_idempotency_key_in_two_tenants_sends_in_each(app_api: GraphQLClient) -> None:
    first, second = unique("t"), unique("t")
    service, key = token("svc", unique("ops"), "service"), unique("key")
    answers = []
    for tenant in (first, second, second):
        content = {"userId": "ann", "title": f"for {tenant}", "message": "m", "idempotencyKey": key, "tenantId": tenant}
        answers.append((await app_api.data(SEND, {"input": content}, token=service))["sendNotification"])
    assert [(a["notification"]["title"], a["duplicate"]) for a in answers] == [
        (f"for {first}", False),
        (f"for {second}", False),
        (f"for {second}", True),
    ]
    assert answers[1]["notification"]["id"] == answers[2]["notification"]["id"] != answers[0]["notification"]["id"]
    for tenant in (first, second):
        assert await titles(app_api, tenant, "ann") == [f"for {tenant}"]
    # Triggers as well; in its own tenant the service keeps its plain name.
    trigger = {"event": "system.maintenance", "data": samples()["system.maintenance"], "userIds": ["ann"]}
    for tenant in (first, second):
        fields = {**trigger, "idempotencyKey": f"{key}-trigger", "tenantId": tenant}
        assert (await app_api.data(TRIGGER, {"input": fields}, token=service))["triggerEvent"]["duplicate"] is False
        assert len(await titles(app_api, tenant, "ann")) == 2
    assert readable_sender(Principal("svc", "ops").sender_for("acme")) == "svc (ops) for acme"
    assert Principal("svc", "ops").sender_for("ops") == Principal("svc", "ops").key


# --- authentication over HTTP -------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def claims(
    user: str, tenant: str, *, ttl: int = 3600, drop: tuple[str, ...] = (), replace: dict[str, Any] | None = None
) -> dict[str, Any]:
    now = int(time.time())
    full = {
        "sub": user,
        "tenant": tenant,
        "roles": ["admin", "service"],
        "iat": now,
        "exp": now + ttl,
        **(replace or {}),
    }
    return {k: v for k, v in full.items() if k not in drop}


def signed(body: dict[str, Any], secret: str = JWT_SECRET) -> str:
    return jwt.encode(body, secret, algorithm="HS256")


def unsigned(body: dict[str, Any], alg: str = "none") -> str:
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(body).encode())}."


def tampered(user: str, tenant: str) -> str:
    """A genuine plain-user token whose payload was swapped for one with roles, keeping the old signature."""
    header, _, signature = token(user, tenant).split(".")
    return f"{header}.{b64url(json.dumps(claims(user, tenant)).encode())}.{signature}"


BAD_CREDENTIALS: dict[str, Callable[[str, str], str | None]] = {
    "no header": lambda u, t: None,
    "empty header": lambda u, t: "",
    "bearer without token": lambda u, t: "Bearer",
    "basic": lambda u, t: "Basic " + base64.b64encode(f"{u}:password".encode()).decode(),
    "valid token, wrong scheme": lambda u, t: f"Token {signed(claims(u, t))}",
    "malformed": lambda u, t: "Bearer not.a.jwt",
    "garbage": lambda u, t: "Bearer " + "x" * 50,
    "expired": lambda u, t: f"Bearer {signed(claims(u, t, ttl=-3600))}",
    "wrong secret": lambda u, t: f"Bearer {signed(claims(u, t), 'another-secret-0123456789abcdef0123456789')}",
    "alg none": lambda u, t: f"Bearer {unsigned(claims(u, t))}",
    "alg None": lambda u, t: f"Bearer {unsigned(claims(u, t), 'None')}",
    "HS256 without signature": lambda u, t: f"Bearer {unsigned(claims(u, t), 'HS256')}",
    "tampered payload": lambda u, t: f"Bearer {tampered(u, t)}",
    "missing tenant": lambda u, t: f"Bearer {signed(claims(u, t, drop=('tenant',)))}",
    "missing sub": lambda u, t: f"Bearer {signed(claims(u, t, drop=('sub',)))}",
    "missing exp": lambda u, t: f"Bearer {signed(claims(u, t, drop=('exp',)))}",
    "empty sub": lambda u, t: f"Bearer {signed(claims(u, t, replace={'sub': ''}))}",
    "empty tenant": lambda u, t: f"Bearer {signed(claims(u, t, replace={'tenant': ''}))}",
    "numeric tenant": lambda u, t: f"Bearer {signed(claims(u, t, replace={'tenant': 12345}))}",
    "roles not a list": lambda u, t: f"Bearer {signed(claims(u, t, replace={'roles': 'service'}))}",
}


def _odd(**replace: Any) -> Callable[[str, str], str]:
    """A genuinely signed token with claims of the wrong type or range (JSON's Infinity and NaN included)."""
    # Signed as bytes: PyJWT's own encoding refuses some of these.
    return lambda u, t: f"Bearer {jwt.PyJWS().encode(json.dumps(claims(u, t, replace=replace)).encode(), JWT_SECRET)}"


def _later(seconds: int) -> int:
    return int(time.time()) + seconds


# Signed with the right secret, and still not a caller: each must be UNAUTHENTICATED (4403), never a 500.
BAD_CREDENTIALS.update(
    {
        "exp a 401-digit integer": _odd(exp=10**400),
        "exp a string": lambda u, t: _odd(exp=str(_later(3600)))(u, t),
        "exp infinite": _odd(exp=float("inf")),
        "exp not a number": _odd(exp=float("nan")),
        "exp true": _odd(exp=True),
        "exp a list": lambda u, t: _odd(exp=[_later(3600)])(u, t),
        "nbf a string": lambda u, t: _odd(nbf=str(_later(-10)))(u, t),
        "nbf in the future": lambda u, t: _odd(nbf=_later(3600))(u, t),
        "iat a 401-digit integer": _odd(iat=10**400),
        "iat an object": _odd(iat={"s": 1}),
        "sub with a zero-width space": _odd(sub="ali\u200bce"),
        "tenant with a bidi override": _odd(tenant="bo\u202eb"),
        "sub with a tab": _odd(sub="a\tb"),
        "sub with a next-line character": _odd(sub="a\x85b"),
        "roles with a number": _odd(roles=["admin", 5]),
        "aud a number": _odd(aud=5),
        "iss a list": _odd(iss=["a"]),
    }
)


def http_operations(user: str, tenant: str) -> list[tuple[str, str, dict[str, Any]]]:
    content = {"title": "t", "message": "m"}
    return [
        ("notifications", LIST, {"first": 10}),
        ("notification", ONE, {"id": "1"}),
        ("unreadCount", UNREAD, {}),
        ("recentNotifications", RECENT, {"limit": 10}),
        ("notificationPreferences", PREFS, {}),
        ("markNotificationsRead", MARK_READ, {"ids": ["1"]}),
        ("markAllNotificationsRead", MARK_ALL, {}),
        ("markNotificationsUnread", MARK_UNREAD, {"ids": ["1"]}),
        ("deleteReadNotifications", DELETE_READ, {}),
        ("updateNotificationPreferences", UPDATE_PREFS, {"input": {"email": {"enabled": True}}}),
        ("sendNotification", SEND, {"input": {**content, "userId": user, "tenantId": tenant}}),
        ("sendBulkNotifications", SEND_BULK, {"input": {**content, "userIds": [user], "tenantId": tenant}}),
        ("sendTenantNotification", SEND_TENANT, {"input": {**content, "tenantId": tenant}}),
        ("registerUsers", REGISTER, {"input": {"users": [{"userId": unique("r")}], "tenantId": tenant}}),
        ("tenantNotificationDefaults", TENANT_DEFAULTS, {"tenantId": tenant}),
        (
            "updateTenantNotificationDefaults",
            UPDATE_TENANT_DEFAULTS,
            {"input": {"timeZone": "UTC", "tenantId": tenant}},
        ),
    ]


async def post(api: GraphQLClient, query: str, variables: dict[str, Any], auth: str | None) -> httpx.Response:
    headers = {} if auth is None else {"Authorization": auth}
    return await api.http.post(api.url, json={"query": query, "variables": variables}, headers=headers)


@pytest.mark.parametrize("kind", list(BAD_CREDENTIALS))
async def test_every_operation_refuses_bad_credentials(api: GraphQLClient, kind: str) -> None:
    user, tenant = unique("u"), unique("t")
    auth = BAD_CREDENTIALS[kind](user, tenant)
    for name, query, variables in http_operations(user, tenant):
        response = await post(api, query, variables, auth)
        assert response.status_code == 200, (name, response.status_code, response.text)
        body = response.json()
        # Nothing, or the field's null where it is nullable (`notification`).
        assert body.get("data") in (None, {name: None}), (name, body)
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
        assert codes == ["UNAUTHENTICATED"], (name, body)
        assert "Traceback" not in response.text and JWT_SECRET not in response.text
    # Nothing ran as anyone: the token's tenant has no registered user (not even the token's own `sub`).
    assert await tenant_reach(api, tenant) == 0


async def test_good_credentials_work_for_every_operation(
    api: GraphQLClient, server: Server, http: httpx.AsyncClient
) -> None:
    """The counterpart of the refusals: the same operations, with a valid token of the same shape, succeed; through
    the real server, so the Authorization header is read as uvicorn passes it on."""
    real = GraphQLClient(server.url, http)
    user, tenant = unique("u"), unique("t")
    for scheme in ("Bearer", "bearer"):
        for name, query, variables in http_operations(user, tenant):
            if name == "notification":
                continue  # id 1 is nobody's
            response = await post(real, query, variables, f"{scheme} {signed(claims(user, tenant))}")
            assert response.status_code == 200 and not response.json().get("errors"), (name, response.text)


@pytest.mark.parametrize("audience", ["another-service", ["a", "b"]], ids=["string", "list"])
async def test_a_token_with_an_audience_is_accepted(api: GraphQLClient, audience: str | list[str]) -> None:
    # No audience is configured, so `aud` is type-checked only (PyJWT alone refuses every token that has one).
    body = claims(unique("u"), unique("t"), replace={"aud": audience, "exp": time.time() + 3600.5})
    assert await api.data("{ unreadCount }", token=signed(body)) == {"unreadCount": 0}


# --- websockets: authentication and protocol ----------------------------------------------------------------------


async def close_code(ws: websockets.ClientConnection, within: float = 30) -> int | None:
    """Read until the server closes the socket; nothing it sends first may be an ack or data."""
    try:
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), within))
            assert message.get("type") not in ("connection_ack", "next"), message
            if message.get("type") == "ping":
                await ws.send(json.dumps({"type": "pong"}))
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


@asynccontextmanager
async def raw_socket(server: Server, *protocols: str) -> AsyncIterator[websockets.ClientConnection]:
    offered = [websockets.Subprotocol(p) for p in protocols] or None
    async with websockets.connect(server.ws_url, subprotocols=offered, open_timeout=30) as ws:
        yield ws


BAD_INIT_PAYLOADS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "empty payload": lambda u, t: {},
    "other key with a valid token": lambda u, t: {"token": signed(claims(u, t)), "authToken": signed(claims(u, t))},
    "non-string value": lambda u, t: {"authorization": 12345},
    "bare token without Bearer": lambda u, t: {"Authorization": signed(claims(u, t))},
}


def _as_header(make: Callable[[str, str], str | None]) -> Callable[[str, str], dict[str, Any]]:
    return lambda u, t: {"Authorization": make(u, t)}


BAD_INIT_PAYLOADS.update({kind: _as_header(make) for kind, make in BAD_CREDENTIALS.items()})
del BAD_INIT_PAYLOADS["no header"]  # None: the same as "empty value" but not JSON-meaningful as a header


@pytest.mark.parametrize("kind", list(BAD_INIT_PAYLOADS))
async def test_websocket_refuses_bad_credentials_with_4403(api: GraphQLClient, server: Server, kind: str) -> None:
    user, tenant = unique("u"), unique("t")
    async with raw_socket(server, PROTOCOL) as ws:
        assert ws.subprotocol == PROTOCOL
        init = {"type": "connection_init", "payload": BAD_INIT_PAYLOADS[kind](user, tenant)}
        await ws.send(json.dumps(init))
        assert await close_code(ws) == 4403
    # The connection_init without any payload key at all is refused the same way.
    async with raw_socket(server, PROTOCOL) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert await close_code(ws) == 4403
    assert await tenant_reach(api, tenant) == 0


@pytest.mark.parametrize("key", ["Authorization", "authorization", "AUTHORIZATION"])
async def test_websocket_authorization_key_is_case_insensitive(api: GraphQLClient, server: Server, key: str) -> None:
    me = Member(unique("u"), unique("t"))
    await send_to(api, me, "one")
    async with raw_socket(server, PROTOCOL) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {key: f"Bearer {me.token()}"}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": COUNT}}))
        message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        while message == {"type": "ping"}:  # the server's first ping comes at a random moment
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert message == {"id": "1", "type": "next", "payload": {"data": {"unreadCountChanged": 1}}}


async def test_subscribing_before_connection_init_is_closed_4401(server: Server) -> None:
    async with raw_socket(server, PROTOCOL) as ws:
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": COUNT}}))
        assert await close_code(ws) == 4401
    async with raw_socket(server, PROTOCOL) as ws:
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": UNREAD}}))
        assert await close_code(ws) == 4401


async def test_subscribing_after_a_refused_init_gets_nothing(server: Server) -> None:
    async with raw_socket(server, PROTOCOL) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": "Bearer nope"}}))
        with suppress(websockets.ConnectionClosed):  # perhaps already closed by the server
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": COUNT}}))
        assert await close_code(ws) == 4403


@pytest.mark.parametrize("offered", [("graphql-ws",), (), ("graphql-ws", "other")], ids=repr)
async def test_only_graphql_transport_ws_is_spoken(server: Server, offered: tuple[str, ...]) -> None:
    me = Member(unique("u"), unique("t"))
    async with raw_socket(server, *offered) as ws:
        # The legacy protocol is chosen only to be refused in its own terms (tests/test_clients.py): clients abort a
        # handshake that chooses none of what they offered, without seeing why.
        assert ws.subprotocol == ("graphql-ws" if offered else None)
        # Speak the legacy protocol anyway: it must never be acknowledged or answered with data.
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {me.token()}"}}
        with suppress(websockets.ConnectionClosed):  # perhaps already closed by the server
            await ws.send(json.dumps(init))
            await ws.send(json.dumps({"id": "1", "type": "start", "payload": {"query": COUNT}}))
        assert await close_code(ws) == 4406


@pytest.fixture(scope="module")
def limited_server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """A server of our own that waits 1 s for connection_init and allows 2 subscriptions per connection."""
    env = server_env | {"CONNECTION_INIT_TIMEOUT_SECONDS": "1", "MAX_SUBSCRIPTIONS_PER_CONNECTION": "2"}
    running = start_server(env, logs_dir)
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.slow
async def test_a_connection_that_never_inits_is_closed_4408(limited_server: Server) -> None:
    async with raw_socket(limited_server, PROTOCOL) as ws:
        assert await close_code(ws) == 4408


@pytest.mark.slow
async def test_subscriptions_per_connection_are_bounded(api: GraphQLClient, limited_server: Server) -> None:
    me = Member(unique("u"), unique("t"))
    await send_to(api, me, "first")
    second = await send_to(api, me, "second")
    after, _ = await cursor_of_oldest(api, me)
    async with subscription(limited_server, me.token()) as sub:
        await sub.subscribe(COUNT)
        assert await sub.next_data() == {"unreadCountChanged": 2}
        await sub.subscribe(ADDED, {"after": after})
        assert await sub.next_data() == {"notificationAdded": {"id": second, "title": "second"}}
        third = await sub.subscribe(COUNT)
        refused = await sub.receive()
        assert refused["id"] == third and refused["type"] == "error", refused
        assert [e["extensions"]["code"] for e in refused["payload"]] == ["BAD_USER_INPUT"], refused
        # The two admitted ones still work.
        sent = await send_to(api, me, "third")
        got = [await sub.next_data() for _ in range(2)]
        assert {"unreadCountChanged": 3} in got and {"notificationAdded": {"id": sent, "title": "third"}} in got, got
        # Completing one frees its slot.
        await sub.ws.send(json.dumps({"id": "1", "type": "complete"}))
        fourth = await sub.subscribe(COUNT)
        message = await sub.receive()
        assert message == {"id": fourth, "type": "next", "payload": {"data": {"unreadCountChanged": 3}}}
    # The bound is per connection: another one gets its own two.
    async with subscription(limited_server, me.token()) as other:
        await other.subscribe(COUNT)
        await other.subscribe(COUNT)
        assert [await other.next_data() for _ in range(2)] == [{"unreadCountChanged": 3}] * 2


# --- websockets: isolation of live streams ------------------------------------------------------------------------


async def cursor_of_oldest(api: GraphQLClient, m: Member) -> tuple[str, list[str]]:
    """The cursor of m's oldest notification and the ids after it, oldest first."""
    edges = (await api.data(LIST, {"first": 100}, token=m.token()))["notifications"]["edges"]
    ids = [e["node"]["id"] for e in reversed(edges)]
    return edges[-1]["cursor"], ids[1:]


async def others_are_busy(api: GraphQLClient, w: World, me: Member) -> None:
    """Everything that happens to other inboxes: same tenant, other tenant, and my user id in the other tenant."""
    peer, strangers = w.peer(me), w.strangers(me)
    twin = Member(me.user, strangers[0].tenant)
    await send_to(api, peer, "for my peer")
    bulk = {"userIds": [peer.user], "title": "bulk for my peer", "message": "m"}
    await api.data(SEND_BULK, {"input": bulk}, token=admin(me.tenant))
    await api.data(MARK_ALL, token=peer.token())
    await api.data(MARK_UNREAD, {"ids": [w.private[peer][0]]}, token=peer.token())
    await api.data(MARK_READ, {"ids": [w.private[peer][0]]}, token=peer.token())
    await api.data(DELETE_READ, token=peer.token())
    await api.data(UPDATE_PREFS, {"input": {"email": {"enabled": True}}}, token=peer.token())
    for stranger in strangers:
        await send_to(api, stranger, "for a stranger")
    await send_to(api, twin, "for my user id in the other tenant", by=service(), tenantId=twin.tenant)
    wide = {"title": "all of the other tenant", "message": "m"}
    await api.data(SEND_TENANT, {"input": wide}, token=admin(twin.tenant))
    await api.data(SEND_TENANT, {"input": {**wide, "tenantId": twin.tenant}}, token=service())
    await api.data(MARK_ALL, token=twin.token())
    await api.data(MARK_ALL, token=strangers[0].token())
    await api.data(DELETE_READ, token=strangers[0].token())
    # My own attempts on their rows change nothing, so they must not stir my streams either.
    await api.data(MARK_READ, {"ids": [w.private[peer][0], w.private[strangers[1]][0]]}, token=me.token())


@asynccontextmanager
async def live(api: GraphQLClient, server: Server, m: Member) -> AsyncIterator[tuple[Subscription, Subscription, int]]:
    """m's notificationAdded and unreadCountChanged streams, each on a connection of its own, both listening when
    this returns (m needs two notifications: catch-up from the oldest one's cursor proves the stream is live)."""
    after, newer = await cursor_of_oldest(api, m)
    async with subscription(server, m.token()) as added, subscription(server, m.token()) as counts:
        await counts.subscribe(COUNT)
        count = int((await counts.next_data())["unreadCountChanged"])
        assert count == await unread(api, m)
        # Catch-up from a cursor replays the caller's own newer notifications only.
        await added.subscribe(ADDED, {"after": after})
        assert [(await added.next_data())["notificationAdded"]["id"] for _ in newer] == newer
        yield added, counts, count


async def counts_up_to_zero(stream: Subscription, before: int) -> list[int]:
    """The counts a stream sends after a send (`before` unread) and a mark-all. The first is skipped when the feed
    reads it after the mark-all committed: a count stream carries the current count, not every one in between."""
    counts = [(await stream.next_data())["unreadCountChanged"]]
    if counts == [before]:
        counts.append((await stream.next_data())["unreadCountChanged"])
    return counts


@pytest.mark.parametrize("observer", ["a1", "b2"])
async def test_live_streams_carry_only_the_callers_events(api: GraphQLClient, server: Server, observer: str) -> None:
    w = await seed(api)
    me: Member = getattr(w, observer)
    async with live(api, server, me) as (added, counts, count):
        assert count == len(w.own(me))
        await others_are_busy(api, w, me)
        # Events of one tenant arrive in order, so a leak would show before my own marker does.
        marker = await send_to(api, me, "marker")
        assert (await added.next_data())["notificationAdded"] == {"id": marker, "title": "marker"}
        assert await counts.next_data() == {"unreadCountChanged": count + 1}
        await added.nothing_within(1.0)
        await counts.nothing_within(1.0)


async def test_live_streams_of_the_same_user_id_in_two_tenants_are_separate(api: GraphQLClient, server: Server) -> None:
    user = unique("same")
    here, there = Member(user, unique("ta")), Member(user, unique("tb"))
    for m in (here, there):
        for i in range(2):
            await send_to(api, m, f"{i} for {m.tenant}")
    async with live(api, server, here) as (added_here, counts_here, _), live(api, server, there) as streams:
        added_there, counts_there, _ = streams
        wide = {"title": "everyone there", "message": "m"}
        sent = await api.data(SEND_TENANT, {"input": wide}, token=admin(there.tenant))
        assert sent["sendTenantNotification"]["delivered"] == 1
        tenant_wide = sent["sendTenantNotification"]["notification"]["id"]
        await api.data(MARK_ALL, token=there.token())
        marker = await send_to(api, here, "marker here")
        assert await added_here.next_data() == {"notificationAdded": {"id": marker, "title": "marker here"}}
        assert await counts_here.next_data() == {"unreadCountChanged": 3}
        assert await added_there.next_data() == {"notificationAdded": {"id": tenant_wide, "title": "everyone there"}}
        assert await counts_up_to_zero(counts_there, 3) in ([3, 0], [0])
        await asyncio.gather(
            *(stream.nothing_within(0.5) for stream in (added_here, counts_here, added_there, counts_there))
        )


async def test_tenant_ids_that_look_like_patterns_or_prefixes_stay_separate(api: GraphQLClient, server: Server) -> None:
    base = unique("t")
    victim = Member(unique("v"), f"{base}-victim")
    lurkers = [Member(unique("l"), tenant) for tenant in (f"{base}*", f"{base}?victim", base, f"{base}-[a-z]*")]
    await send_to(api, victim, "victim's first")
    async with subscription(server, victim.token()) as watched, _many(server, lurkers) as streams:
        await watched.subscribe(COUNT)
        assert await watched.next_data() == {"unreadCountChanged": 1}
        for lurker, stream in zip(lurkers, streams, strict=True):
            await stream.subscribe(COUNT)
            assert await stream.next_data() == {"unreadCountChanged": 0}, lurker
        await api.data(SEND_TENANT, {"input": {"title": "victim tenant", "message": "m"}}, token=admin(victim.tenant))
        await api.data(MARK_ALL, token=victim.token())
        assert await counts_up_to_zero(watched, 2) in ([2, 0], [0])
        for lurker, stream in zip(lurkers, streams, strict=True):
            await send_to(api, lurker, "marker")
            assert await stream.next_data() == {"unreadCountChanged": 1}, lurker
            await stream.nothing_within(0.5)


@asynccontextmanager
async def _many(server: Server, members: list[Member]) -> AsyncIterator[list[Any]]:
    if not members:
        yield []
        return
    async with subscription(server, members[0].token()) as first, _many(server, members[1:]) as rest:
        yield [first, *rest]


async def test_operations_over_the_socket_act_as_the_sockets_user(api: GraphQLClient, server: Server) -> None:
    w = await seed(api)
    async with subscription(server, w.a1.token()) as sub:
        await sub.subscribe(UNREAD)
        assert await _data_skipping_completes(sub) == {"unreadCount": 3}
        await sub.subscribe(ONE, {"id": w.private[w.b1][0]})
        message = await _skip_completes(sub)
        assert message["type"] == "next" and message["payload"]["data"] == {"notification": None}, message
        assert message["payload"]["errors"], message
        assert "private" not in json.dumps(message), message
        await sub.subscribe(MARK_READ, {"ids": [w.private[w.a2][0], w.private[w.b2][0]]})
        assert await _data_skipping_completes(sub) == {"markNotificationsRead": {"updatedCount": 0, "unreadCount": 3}}
        await sub.subscribe(SEND, {"input": {"userId": w.a2.user, "title": "t", "message": "m"}})
        message = await _skip_completes(sub)
        assert message["type"] == "next" and message["payload"]["data"] is None, message
        assert message["payload"]["errors"], message
    assert [await unread(api, m) for m in w.members] == [3, 2, 4, 5]


async def test_errors_over_the_socket_carry_codes(api: GraphQLClient, server: Server) -> None:
    w = await seed(api)
    async with subscription(server, w.a1.token()) as sub:
        await sub.subscribe(ONE, {"id": w.private[w.b1][0]})
        message = await _skip_completes(sub)
        assert [e.get("extensions", {}).get("code") for e in message["payload"]["errors"]] == ["NOT_FOUND"], message
        await sub.subscribe(SEND, {"input": {"userId": w.a2.user, "title": "t", "message": "m"}})
        message = await _skip_completes(sub)
        assert [e.get("extensions", {}).get("code") for e in message["payload"]["errors"]] == ["FORBIDDEN"], message
        await sub.subscribe(ADDED, {"after": "not-a-cursor"})
        message = await _skip_completes(sub)
        errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
        assert [e.get("extensions", {}).get("code") for e in errors] == ["BAD_USER_INPUT"], message


MALFORMED_SUBSCRIBE_PAYLOADS: dict[str, Any] = {
    "not an object": "subscription { unreadCountChanged }",
    "query a number": {"query": 5},
    "no query": {"variables": {}},
    "variables a list": {"query": COUNT, "variables": [1]},
    "operationName a number": {"query": COUNT, "operationName": 5},
    "extensions a string": {"query": COUNT, "extensions": "x"},
}


@pytest.mark.parametrize("kind", list(MALFORMED_SUBSCRIBE_PAYLOADS))
async def test_a_malformed_subscribe_payload_closes_4400(server: Server, kind: str) -> None:
    since = server.logging_from_here()
    async with subscription(server, Member(unique("u"), unique("t")).token()) as sub:
        message = {"id": "1", "type": "subscribe", "payload": MALFORMED_SUBSCRIBE_PAYLOADS[kind]}
        await sub.ws.send(json.dumps(message))
        assert await close_code(sub.ws) == 4400
    assert "Traceback" not in since.log()


@pytest.mark.parametrize("name", ["Other", "\ud800"], ids=["unknown", "lone-surrogate"])
@pytest.mark.parametrize(
    "query", [f"subscription Count {COUNT[len('subscription ') :]}", "query Count { unreadCount }"]
)
async def test_a_subscribe_naming_no_operation_of_its_document_is_bad_input(
    server: Server, name: str, query: str
) -> None:
    since = server.logging_from_here()
    async with subscription(server, Member(unique("u"), unique("t")).token()) as sub:
        message = {"id": "1", "type": "subscribe", "payload": {"query": query, "operationName": name}}
        await sub.ws.send(json.dumps(message))  # escapes the surrogate
        refused = await sub.receive()
        assert refused["type"] == "error", refused
        assert [e["extensions"]["code"] for e in refused["payload"]] == ["BAD_USER_INPUT"], refused
        # The connection stays usable.
        await sub.subscribe(COUNT)
        assert await sub.next_data() == {"unreadCountChanged": 0}
    assert "Traceback" not in since.log()


async def _skip_completes(sub: Any) -> dict[str, Any]:
    while True:
        message: dict[str, Any] = await sub.receive()
        if message["type"] != "complete":
            return message


async def _data_skipping_completes(sub: Any) -> dict[str, Any]:
    message = await _skip_completes(sub)
    assert message["type"] == "next" and not message["payload"].get("errors"), message
    data: dict[str, Any] = message["payload"]["data"]
    return data
