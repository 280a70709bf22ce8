"""Sending: the Python API in-process (`runtime`) and the send mutations over HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

import pytest
from redis import asyncio as aioredis
from sqlalchemy import event, func, select

from models import InboxEntry, Message
from models.message import Priority
from services import inbox, recipients, sending
from services.auth import Principal
from services.errors import BadInput
from services.notification import Notification
from services.preferences import PreferenceChanges, TypeOverride, update_preferences
from services.runtime import Runtime
from tests.support import LIST, REDIS_URL, SEND, SEND_BULK, SEND_TENANT, GraphQLClient, redis_channel, token, unique

REGISTER = "mutation R($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"


async def inbox_of(runtime: Runtime, tenant: str, user: str) -> list[Notification]:
    page = await inbox.list_notifications(runtime, Principal(user_id=user, tenant_id=tenant), first=100)
    return page.notifications


async def inbox_ids(runtime: Runtime, tenant: str, user: str) -> list[int]:
    return [n.id for n in await inbox_of(runtime, tenant, user)]


async def message_count(runtime: Runtime, sender: str, key: str) -> int:
    async with runtime.sessions() as session:
        stmt = select(func.count()).select_from(Message).where(Message.sender == sender, Message.idempotency_key == key)
        return int((await session.execute(stmt)).scalar_one())


async def http_ids(api: GraphQLClient, tenant: str, user: str) -> list[str]:
    data = await api.data(LIST, {"first": 100}, token=token(user, tenant))
    return [e["node"]["id"] for e in data["notifications"]["edges"]]


async def set_preferences(runtime: Runtime, tenant: str, user: str, **changes: Any) -> None:
    await update_preferences(runtime, Principal(user_id=user, tenant_id=tenant), PreferenceChanges(**changes))


# Tasks copy the context they are started in: statements of tasks started inside `counting_statements` count.
_COUNTING: ContextVar[list[str] | None] = ContextVar("counting", default=None)


@contextmanager
def counting_statements(runtime: Runtime) -> Iterator[list[str]]:
    """Every SQL statement the runtime's engine executes inside the block on behalf of the current task and the
    tasks it starts there (a send runs in one of its own), so background work of the same process is not counted."""
    statements: list[str] = []
    token = _COUNTING.set(statements)

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if _COUNTING.get() is statements:
            statements.append(statement)

    event.listen(runtime.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(runtime.engine.sync_engine, "before_cursor_execute", record)
        _COUNTING.reset(token)


@asynccontextmanager
async def subscribed(channel: str) -> AsyncIterator[Any]:
    """A redis-py subscriber to a pub/sub channel, subscribed (confirmed) when the block starts."""
    client = aioredis.Redis.from_url(REDIS_URL)
    pubsub: Any = client.pubsub()  # redis-py leaves PubSub.aclose untyped
    try:
        await pubsub.subscribe(channel)
        confirmation = await pubsub.get_message(timeout=10)
        assert confirmation is not None and confirmation["type"] == "subscribe", confirmation
        yield pubsub
    finally:
        await pubsub.aclose()
        await client.aclose()


async def messages_until_marker(pubsub: Any, channel: str) -> list[dict[str, Any]]:
    """Publishes a marker and returns the events received before it: everything published so far."""
    marker = unique("marker")
    publisher = aioredis.Redis.from_url(REDIS_URL)
    try:
        await publisher.publish(channel, marker)
    finally:
        await publisher.aclose()
    events: list[dict[str, Any]] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
        if message is None:
            continue
        data = message["data"].decode()
        if data == marker:
            return events
        events.append(json.loads(data))
    raise AssertionError(f"the marker never arrived; got {events}")


# The Python API


async def test_send_notification_seed_style(runtime: Runtime) -> None:
    tenant, user = unique("t"), unique("u")
    result = await sending.send_notification(
        runtime,
        user=user,
        tenant=tenant,
        title="New order",
        message="Order #42 was placed",
        type="sale",
        priority="high",
        action_url="/orders/42",
        action_text="View order",
        metadata={"orderId": 42, "total": 19.5},
    )
    assert (result.delivered, result.skipped, result.duplicate) == (1, 0, False)
    n = result.notification
    assert n.type == "sale" and n.priority is Priority.HIGH
    assert (n.title, n.message) == ("New order", "Order #42 was placed")
    assert (n.action_url, n.action_text) == ("/orders/42", "View order")
    assert n.metadata == {"orderId": 42, "total": 19.5}
    assert n.read_at is None and n.expires_at is None
    [got] = await inbox_of(runtime, tenant, user)
    assert got == n


async def test_priority_names_and_defaults(runtime: Runtime) -> None:
    tenant, user = unique("t"), unique("u")
    plain = await sending.send_notification(runtime, user=user, tenant=tenant, title="a", message="b")
    assert plain.notification.type == "system" and plain.notification.priority is Priority.NORMAL
    assert plain.notification.metadata == {}
    for name, level in (("LOW", Priority.LOW), ("Urgent", Priority.URGENT), (Priority.HIGH, Priority.HIGH)):
        sent = await sending.send_notification(runtime, user=user, tenant=tenant, title="a", message="b", priority=name)
        assert sent.notification.priority is level
    with pytest.raises(BadInput):
        await sending.send_notification(runtime, user=user, tenant=tenant, title="a", message="b", priority="huge")
    assert len(await inbox_ids(runtime, tenant, user)) == 4


async def test_send_bulk_notifications(runtime: Runtime) -> None:
    tenant = unique("t")
    users = [unique("u") for _ in range(3)]
    result = await sending.send_bulk_notifications(
        runtime, users=[*users, users[0]], tenant=tenant, title="Stock low", message="m", type="inventory"
    )
    assert (result.delivered, result.skipped, result.duplicate) == (3, 0, False)
    for user in users:
        assert await inbox_ids(runtime, tenant, user) == [result.notification.id]
    # The same ids in another tenant are other people.
    assert await inbox_ids(runtime, unique("t"), users[0]) == []
    with pytest.raises(BadInput):
        await sending.send_bulk_notifications(runtime, users=[], tenant=tenant, title="a", message="b")
    with pytest.raises(BadInput):
        await sending.send_bulk_notifications(
            runtime, users=[f"u{i}" for i in range(1001)], tenant=tenant, title="a", message="b"
        )


async def test_send_tenant_notification_reaches_every_registered_user(runtime: Runtime) -> None:
    tenant = unique("t")
    users = [unique("u") for _ in range(3)]
    for user in users:
        await sending.send_notification(runtime, user=user, tenant=tenant, title="hello", message="m")
    result = await sending.send_tenant_notification(
        runtime, tenant=tenant, title="Maintenance", message="tonight", priority="urgent", type="system"
    )
    assert (result.delivered, result.skipped, result.duplicate) == (3, 0, False)
    for user in users:
        [latest, _] = await inbox_of(runtime, tenant, user)
        assert latest.id == result.notification.id and latest.priority is Priority.URGENT


async def test_tenant_send_to_empty_tenant(runtime: Runtime) -> None:
    result = await sending.send_tenant_notification(runtime, tenant=unique("t"), title="a", message="b")
    assert (result.delivered, result.skipped, result.duplicate) == (0, 0, False)


async def test_tenant_send_reaches_users_registered_ahead_and_no_one_else(runtime: Runtime, api: GraphQLClient) -> None:
    tenant, other_tenant = unique("t"), unique("t")
    via_python = [unique("py") for _ in range(2)]
    via_http = [unique("http") for _ in range(2)]
    assert set(await recipients.register_users(runtime, tenant, via_python)) == set(via_python)
    registered = await api.data(
        REGISTER,
        {"input": {"users": [{"userId": via_http[0], "email": "a@example.com"}, {"userId": via_http[1]}]}},
        token=token(unique("admin"), tenant, "admin"),
    )
    assert registered == {"registerUsers": {"registered": 2}}
    # Users of another tenant, one with the same external id, registered both ways.
    await recipients.register_users(runtime, other_tenant, [via_python[0], unique("x")])
    await api.data(
        REGISTER,
        {"input": {"tenantId": other_tenant, "users": [{"userId": via_http[0]}]}},
        token=token(unique("svc"), unique("t"), "service"),
    )

    result = await sending.send_tenant_notification(runtime, tenant=tenant, title="Welcome", message="m")
    assert (result.delivered, result.skipped) == (4, 0)
    for user in via_python + via_http:
        assert await inbox_ids(runtime, tenant, user) == [result.notification.id]
    assert await http_ids(api, tenant, via_http[1]) == [str(result.notification.id)]
    for user in (via_python[0], via_http[0]):
        assert await inbox_ids(runtime, other_tenant, user) == []


async def test_bulk_send_registers_unknown_users(runtime: Runtime) -> None:
    tenant = unique("t")
    known = unique("u")
    await recipients.register_users(runtime, tenant, [known])
    new = [unique("new") for _ in range(3)]
    bulk = await sending.send_bulk_notifications(runtime, users=[known, *new], tenant=tenant, title="a", message="b")
    assert bulk.delivered == 4
    single = unique("single")
    await sending.send_notification(runtime, user=single, tenant=tenant, title="a", message="b")
    everyone = await sending.send_tenant_notification(runtime, tenant=tenant, title="all", message="b")
    assert (everyone.delivered, everyone.skipped) == (5, 0)
    for user in new:
        assert await inbox_ids(runtime, tenant, user) == [everyone.notification.id, bulk.notification.id]


# Idempotency


async def test_idempotent_repeat_returns_first_result(runtime: Runtime) -> None:
    tenant, user, key = unique("t"), unique("u"), unique("key")
    first = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="once", message="m", idempotency_key=key, sender="shop"
    )
    assert first.duplicate is False and first.delivered == 1
    again = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="twice", message="m2", idempotency_key=key, sender="shop"
    )
    assert again.duplicate is True
    assert again.notification.id == first.notification.id
    assert again.notification.title == "once"
    assert (again.delivered, again.skipped) == (first.delivered, first.skipped)
    assert await inbox_ids(runtime, tenant, user) == [first.notification.id]
    assert await message_count(runtime, "shop", key) == 1

    # The same key from another sender is another send.
    other = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="other", message="m", idempotency_key=key, sender="billing"
    )
    assert other.duplicate is False and other.notification.id != first.notification.id
    assert await inbox_ids(runtime, tenant, user) == [other.notification.id, first.notification.id]


async def test_idempotent_tenant_and_bulk_sends(runtime: Runtime) -> None:
    tenant, key = unique("t"), unique("key")
    users = [unique("u") for _ in range(2)]
    bulk = await sending.send_bulk_notifications(
        runtime, users=users, tenant=tenant, title="a", message="b", idempotency_key=key
    )
    repeat = await sending.send_bulk_notifications(
        runtime, users=users, tenant=tenant, title="a", message="b", idempotency_key=key
    )
    assert repeat.duplicate and repeat.notification.id == bulk.notification.id and repeat.delivered == 2
    # The key is per sender, not per kind of send: a tenant send with it is a repeat too.
    tenant_repeat = await sending.send_tenant_notification(
        runtime, tenant=tenant, title="a", message="b", idempotency_key=key
    )
    assert tenant_repeat.duplicate and tenant_repeat.notification.id == bulk.notification.id
    for user in users:
        assert await inbox_ids(runtime, tenant, user) == [bulk.notification.id]


async def test_concurrent_sends_with_one_key_send_once(runtime: Runtime) -> None:
    tenant, user, key = unique("t"), unique("u"), unique("key")
    results = await asyncio.gather(
        *(
            sending.send_notification(
                runtime, user=user, tenant=tenant, title=f"try {i}", message="m", idempotency_key=key, sender="racer"
            )
            for i in range(5)
        )
    )
    assert len({r.notification.id for r in results}) == 1
    assert [r.duplicate for r in results].count(False) == 1
    assert all(r.delivered == 1 for r in results)
    assert await message_count(runtime, "racer", key) == 1
    assert await inbox_ids(runtime, tenant, user) == [results[0].notification.id]


async def test_concurrent_tenant_sends_with_one_key_send_once(runtime: Runtime) -> None:
    tenant, key = unique("t"), unique("key")
    users = [unique("u") for _ in range(3)]
    await recipients.register_users(runtime, tenant, users)
    results = await asyncio.gather(
        *(
            sending.send_tenant_notification(runtime, tenant=tenant, title="t", message="m", idempotency_key=key)
            for _ in range(5)
        )
    )
    assert len({r.notification.id for r in results}) == 1
    assert [r.duplicate for r in results].count(False) == 1
    assert await message_count(runtime, sending.PYTHON_SENDER, key) == 1
    for user in users:
        assert await inbox_ids(runtime, tenant, user) == [results[0].notification.id]


# Preferences applied when sending


async def test_type_switched_off_is_skipped_but_urgent_gets_through(runtime: Runtime) -> None:
    tenant, user = unique("t"), unique("u")
    await set_preferences(runtime, tenant, user, type_overrides=[TypeOverride("sale", in_app=False)])
    skipped = await sending.send_notification(runtime, user=user, tenant=tenant, title="s", message="m", type="sale")
    assert (skipped.delivered, skipped.skipped) == (0, 1)
    assert await inbox_ids(runtime, tenant, user) == []
    high = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="s", message="m", type="sale", priority="high"
    )
    assert (high.delivered, high.skipped) == (0, 1)
    urgent = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="s", message="m", type="sale", priority="urgent"
    )
    assert (urgent.delivered, urgent.skipped) == (1, 0)
    other_type = await sending.send_notification(runtime, user=user, tenant=tenant, title="o", message="m")
    assert (other_type.delivered, other_type.skipped) == (1, 0)
    assert await inbox_ids(runtime, tenant, user) == [other_type.notification.id, urgent.notification.id]


async def test_in_app_off_skips_everything_but_urgent(runtime: Runtime) -> None:
    tenant, user = unique("t"), unique("u")
    await set_preferences(runtime, tenant, user, in_app=False)
    normal = await sending.send_notification(runtime, user=user, tenant=tenant, title="n", message="m")
    assert (normal.delivered, normal.skipped) == (0, 1)
    urgent = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="u", message="m", priority="urgent"
    )
    assert (urgent.delivered, urgent.skipped) == (1, 0)
    # A type override switching in-app back on wins over the general switch.
    await set_preferences(runtime, tenant, user, type_overrides=[TypeOverride("security", in_app=True)])
    security = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="s", message="m", type="security"
    )
    assert (security.delivered, security.skipped) == (1, 0)
    assert await inbox_ids(runtime, tenant, user) == [security.notification.id, urgent.notification.id]


async def test_in_app_min_priority(runtime: Runtime) -> None:
    tenant, user = unique("t"), unique("u")
    await set_preferences(runtime, tenant, user, in_app_min_priority=Priority.HIGH)
    delivered: list[int] = []
    for priority, expected in (("low", 0), ("normal", 0), ("high", 1), ("urgent", 1)):
        result = await sending.send_notification(
            runtime, user=user, tenant=tenant, title=priority, message="m", priority=priority
        )
        assert (result.delivered, result.skipped) == (expected, 1 - expected), priority
        if expected:
            delivered.append(result.notification.id)
    assert await inbox_ids(runtime, tenant, user) == list(reversed(delivered))


async def test_bulk_and_tenant_sends_apply_each_users_preferences(runtime: Runtime) -> None:
    tenant = unique("t")
    accepts, mutes_sales, picky = unique("yes"), unique("nosale"), unique("picky")
    await recipients.register_users(runtime, tenant, [accepts, mutes_sales, picky])
    await set_preferences(runtime, tenant, mutes_sales, type_overrides=[TypeOverride("sale", in_app=False)])
    await set_preferences(runtime, tenant, picky, in_app_min_priority=Priority.URGENT)

    bulk = await sending.send_bulk_notifications(
        runtime, users=[accepts, mutes_sales, picky], tenant=tenant, title="b", message="m", type="sale"
    )
    assert (bulk.delivered, bulk.skipped) == (1, 2)
    whole = await sending.send_tenant_notification(
        runtime, tenant=tenant, title="t", message="m", type="inventory", priority="high"
    )
    assert (whole.delivered, whole.skipped) == (2, 1)
    urgent = await sending.send_tenant_notification(
        runtime, tenant=tenant, title="u", message="m", type="sale", priority="urgent"
    )
    assert (urgent.delivered, urgent.skipped) == (3, 0)
    assert await inbox_ids(runtime, tenant, accepts) == [
        urgent.notification.id,
        whole.notification.id,
        bulk.notification.id,
    ]
    assert await inbox_ids(runtime, tenant, mutes_sales) == [urgent.notification.id, whole.notification.id]
    assert await inbox_ids(runtime, tenant, picky) == [urgent.notification.id]


# Cost: statements and pub/sub messages


async def _register_many(runtime: Runtime, tenant: str, count: int) -> list[str]:
    users = [f"user-{i:05d}" for i in range(count)]
    for start in range(0, count, 1000):
        await recipients.register_users(runtime, tenant, users[start : start + 1000])
    return users


async def test_tenant_send_costs_the_same_statements_and_one_event_whatever_the_size(runtime: Runtime) -> None:
    small, large = unique("t"), unique("t")
    await _register_many(runtime, small, 10)
    large_users = await _register_many(runtime, large, 2000)

    results: dict[str, sending.SendResult] = {}
    counts: dict[str, int] = {}
    for tenant in (small, large):
        async with subscribed(redis_channel(runtime.settings, tenant)) as pubsub:
            with counting_statements(runtime) as statements:
                results[tenant] = await sending.send_tenant_notification(
                    runtime, tenant=tenant, title="Sale", message="m", type="sale", idempotency_key=unique("k")
                )
            counts[tenant] = len(statements)
            events = await messages_until_marker(pubsub, redis_channel(runtime.settings, tenant))
        assert len(events) == 1, events
        assert events[0]["k"] == "added" and events[0]["n"][0] == results[tenant].notification.id

    assert (results[small].delivered, results[small].skipped) == (10, 0)
    assert (results[large].delivered, results[large].skipped) == (2000, 0)
    assert counts[small] == counts[large], counts
    # idempotency lookup, tenant lock, one statement storing the message and its inbox rows, unlock
    assert 0 < counts[large] <= 4, counts
    async with runtime.sessions() as session:
        stored = await session.execute(
            select(func.count()).select_from(InboxEntry).where(InboxEntry.message_id == results[large].notification.id)
        )
        assert stored.scalar_one() == 2000
    for user in (large_users[0], large_users[-1]):
        assert await inbox_ids(runtime, large, user) == [results[large].notification.id]


async def test_one_event_per_send_and_none_when_nothing_delivered(runtime: Runtime) -> None:
    tenant = unique("t")
    users = [unique("u") for _ in range(3)]
    await recipients.register_users(runtime, tenant, users)
    await set_preferences(runtime, tenant, users[0], type_overrides=[TypeOverride("sale", in_app=False)])
    async with subscribed(redis_channel(runtime.settings, tenant)) as pubsub:
        single = await sending.send_notification(runtime, user=users[1], tenant=tenant, title="a", message="m")
        bulk = await sending.send_bulk_notifications(runtime, users=users, tenant=tenant, title="b", message="m")
        whole = await sending.send_tenant_notification(runtime, tenant=tenant, title="c", message="m")
        nobody = await sending.send_notification(
            runtime, user=users[0], tenant=tenant, title="d", message="m", type="sale"
        )
        assert nobody.delivered == 0
        events = await messages_until_marker(pubsub, redis_channel(runtime.settings, tenant))
    assert [e["n"][0] for e in events] == [single.notification.id, bulk.notification.id, whole.notification.id]
    assert all(e["k"] == "added" for e in events)


# The mutations over HTTP


async def test_send_mutations_as_admin(api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token(unique("admin"), tenant, "admin")
    a, b = unique("u"), unique("u")
    single = await api.data(
        SEND, {"input": {"userId": a, "title": "One", "message": "m", "priority": "HIGH", "type": "sale"}}, token=admin
    )
    single = single["sendNotification"]
    assert (single["delivered"], single["skipped"], single["duplicate"]) == (1, 0, False)
    assert single["notification"]["type"] == "sale" and single["notification"]["priority"] == "HIGH"
    bulk = (await api.data(SEND_BULK, {"input": {"userIds": [a, b], "title": "Two", "message": "m"}}, token=admin))[
        "sendBulkNotifications"
    ]
    assert (bulk["delivered"], bulk["skipped"], bulk["duplicate"]) == (2, 0, False)
    whole = (await api.data(SEND_TENANT, {"input": {"title": "All", "message": "m"}}, token=admin))[
        "sendTenantNotification"
    ]
    assert (whole["delivered"], whole["skipped"], whole["duplicate"]) == (2, 0, False)
    # The admin's own tenant, given explicitly, is allowed too.
    explicit = (
        await api.data(SEND_TENANT, {"input": {"tenantId": tenant, "title": "x", "message": "m"}}, token=admin)
    )["sendTenantNotification"]
    assert explicit["delivered"] == 2
    ids = [single, bulk, whole, explicit]
    assert await http_ids(api, tenant, a) == [r["notification"]["id"] for r in reversed(ids)]
    assert await http_ids(api, tenant, b) == [r["notification"]["id"] for r in reversed(ids[1:])]


async def test_admin_cannot_send_to_another_tenant_and_users_cannot_send(api: GraphQLClient) -> None:
    tenant, elsewhere = unique("t"), unique("t")
    admin = token(unique("admin"), tenant, "admin")
    user = token(unique("u"), tenant)
    target = unique("u")
    content = {"title": "x", "message": "m"}
    for query, extra in (
        (SEND, {"userId": target}),
        (SEND_BULK, {"userIds": [target]}),
        (SEND_TENANT, {}),
    ):
        assert await api.code(query, {"input": {**content, **extra, "tenantId": elsewhere}}, token=admin) == (
            "FORBIDDEN"
        )
        assert await api.code(query, {"input": {**content, **extra}}, token=user) == "FORBIDDEN"
        assert await api.code(query, {"input": {**content, **extra}}) == "UNAUTHENTICATED"
    assert await api.code(REGISTER, {"input": {"users": [{"userId": target}], "tenantId": elsewhere}}, token=admin) == (
        "FORBIDDEN"
    )
    assert await api.code(REGISTER, {"input": {"users": [{"userId": target}]}}, token=user) == "FORBIDDEN"
    # Nothing was sent or registered anywhere.
    assert await http_ids(api, elsewhere, target) == []
    assert await http_ids(api, tenant, target) == []


async def test_service_sends_to_any_tenant(api: GraphQLClient) -> None:
    home, customer = unique("t"), unique("t")
    service = token(unique("svc"), home, "service")
    user = unique("u")
    single = (
        await api.data(
            SEND, {"input": {"userId": user, "tenantId": customer, "title": "a", "message": "m"}}, token=service
        )
    )["sendNotification"]
    assert single["delivered"] == 1
    bulk = (
        await api.data(
            SEND_BULK,
            {"input": {"userIds": [user, unique("u")], "tenantId": customer, "title": "b", "message": "m"}},
            token=service,
        )
    )["sendBulkNotifications"]
    assert bulk["delivered"] == 2
    await api.data(REGISTER, {"input": {"tenantId": customer, "users": [{"userId": unique("ahead")}]}}, token=service)
    whole = (
        await api.data(SEND_TENANT, {"input": {"tenantId": customer, "title": "c", "message": "m"}}, token=service)
    )["sendTenantNotification"]
    assert (whole["delivered"], whole["skipped"]) == (3, 0)
    assert await http_ids(api, customer, user) == [
        whole["notification"]["id"],
        bulk["notification"]["id"],
        single["notification"]["id"],
    ]
    # The same user id in the service's own tenant got nothing.
    assert await http_ids(api, home, user) == []
    # Without tenantId the service sends to its own tenant.
    own = (await api.data(SEND, {"input": {"userId": user, "title": "home", "message": "m"}}, token=service))[
        "sendNotification"
    ]
    assert await http_ids(api, home, user) == [own["notification"]["id"]]


async def test_idempotency_over_http_is_per_sender(api: GraphQLClient, runtime: Runtime) -> None:
    tenant, user, key = unique("t"), unique("u"), unique("key")
    first_admin, second_admin = token(unique("a"), tenant, "admin"), token(unique("a"), tenant, "admin")
    payload = {"input": {"userId": user, "title": "once", "message": "m", "idempotencyKey": key}}
    first = (await api.data(SEND, payload, token=first_admin))["sendNotification"]
    again = (await api.data(SEND, payload, token=first_admin))["sendNotification"]
    assert first["duplicate"] is False and again["duplicate"] is True
    assert again["notification"] == first["notification"]
    assert again["delivered"] == first["delivered"] == 1
    assert await http_ids(api, tenant, user) == [first["notification"]["id"]]
    other = (await api.data(SEND, payload, token=second_admin))["sendNotification"]
    assert other["duplicate"] is False and other["notification"]["id"] != first["notification"]["id"]
    assert await http_ids(api, tenant, user) == [other["notification"]["id"], first["notification"]["id"]]
    # The Python sender's keys are its own too.
    python = await sending.send_notification(
        runtime, user=user, tenant=tenant, title="py", message="m", idempotency_key=key
    )
    assert python.duplicate is False


async def test_http_send_respects_preferences(api: GraphQLClient) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token(unique("admin"), tenant, "admin")
    await api.data(
        "mutation U($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) "
        "{ inApp { enabled } } }",
        {"input": {"typeOverrides": [{"type": "sale", "inApp": False}]}},
        token=token(user, tenant),
    )
    muted = (
        await api.data(SEND, {"input": {"userId": user, "title": "s", "message": "m", "type": "sale"}}, token=admin)
    )["sendNotification"]
    assert (muted["delivered"], muted["skipped"]) == (0, 1)
    urgent = (
        await api.data(
            SEND,
            {"input": {"userId": user, "title": "s", "message": "m", "type": "sale", "priority": "URGENT"}},
            token=admin,
        )
    )["sendNotification"]
    assert (urgent["delivered"], urgent["skipped"]) == (1, 0)
    assert await http_ids(api, tenant, user) == [urgent["notification"]["id"]]


async def test_send_validation_errors(api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token(unique("admin"), tenant, "admin")
    user = unique("u")
    bad_inputs = [
        {"userId": user, "title": " ", "message": "m"},
        {"userId": user, "title": "t", "message": "m", "type": "Bad Type"},
        {"userId": user, "title": "t", "message": "m", "actionUrl": "javascript:alert(1)"},
        {"userId": user, "title": "t", "message": "m", "expiresAt": "2000-01-01T00:00:00Z"},
        {"userId": user, "title": "t", "message": "m", "metadata": [1, 2]},
        {"userId": user, "title": "t" * 201, "message": "m"},
    ]
    for bad in bad_inputs:
        assert await api.code(SEND, {"input": bad}, token=admin) == "BAD_USER_INPUT", bad
    assert await api.code(SEND_BULK, {"input": {"userIds": [], "title": "t", "message": "m"}}, token=admin) == (
        "BAD_USER_INPUT"
    )
    assert await http_ids(api, tenant, user) == []
