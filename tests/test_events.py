"""triggerEvent, event templates and topics: over GraphQL in-process on PostgreSQL, the Python API on PostgreSQL
and on the embedded SQLite database; every operation tried across users and tenants."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

import api_client
from models import EventTemplate, Message, TopicSubscription
from services import events, recipients, topics
from services.errors import BadInput
from services.inbox import encode_cursor
from services.runtime import Runtime, open_runtime
from services.templates import samples
from settings import Settings
from tests.conftest import migrated_sqlite
from tests.support import JWT_SECRET, LIST, SEND, SEND_BULK, GraphQLClient, Server, subscription, token, unique
from tests.test_sending import counting_statements, inbox_of

TRIGGER = """
mutation T($input: TriggerEventInput!) {
  triggerEvent(input: $input) {
    delivered skipped duplicate notification { id type title message priority actionUrl actionText metadata }
  }
}"""
UPSERT = """
mutation U($input: EventTemplateInput!) {
  upsertEventTemplate(input: $input) { event locale type priority title message actionUrl actionText shipped updatedAt }
}"""
TEMPLATES = """
query Q($tenantId: ID, $event: String) { eventTemplates(tenantId: $tenantId, event: $event) { event locale shipped } }
"""
DELETE = """
mutation D($event: String!, $locale: String!, $tenantId: ID) {
  deleteEventTemplate(event: $event, locale: $locale, tenantId: $tenantId) { deletedCount }
}"""
FOLLOW = "mutation F($input: TopicSubscriptionInput!) { subscribeToTopic(input: $input) { topic changed } }"
UNFOLLOW = "mutation F($input: TopicSubscriptionInput!) { unsubscribeFromTopic(input: $input) { topic changed } }"
FOLLOWED = "{ followedTopics }"


async def titles(api: GraphQLClient, tenant: str, user: str) -> list[str]:
    data = await api.data(LIST, {"first": 100}, token=token(user, tenant))
    return [edge["node"]["title"] for edge in data["notifications"]["edges"]]


async def count(runtime: Runtime, model: Any, **where: str) -> int:
    async with runtime.sessions() as session:
        statement = select(func.count()).select_from(model)
        for column, value in where.items():
            statement = statement.where(getattr(model, column) == value)
        return int((await session.execute(statement)).scalar_one())


def sale(**extra: Any) -> dict[str, Any]:
    return {"event": "sale.completed", "data": samples()["sale.completed"], **extra}


async def test_a_trigger_writes_the_notification_from_the_events_template(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    sent = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], actor="Maria")}, token=admin)
    result = sent["triggerEvent"]
    assert (result["delivered"], result["skipped"], result["duplicate"]) == (1, 0, False)
    n = result["notification"]
    assert n["type"] == "sale" and n["priority"] == "NORMAL"
    assert n["title"] == "Sale completed: €1,249.50"
    assert n["message"] == "Sale S-1042 for Acme Corp was completed by Maria: €1,249.50."
    assert (n["actionUrl"], n["actionText"]) == ("/sales/S-1042", "View sale")
    assert n["metadata"] == {"event": "sale.completed", "data": samples()["sale.completed"], "actor": "Maria"}
    assert await titles(app_api, tenant, "alice") == [n["title"]]

    german = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], locale="de-AT")}, token=admin)
    assert german["triggerEvent"]["notification"]["title"] == "Verkauf abgeschlossen: €\xa01.249,50"  # Austria's format
    unknown = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], locale="tlh")}, token=admin)
    assert unknown["triggerEvent"]["notification"]["title"] == "Sale completed: €1,249.50"


async def test_a_repeated_idempotency_key_sends_once(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, key = unique("t"), unique("k")
    admin = token("boss", tenant, "admin")
    first = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], idempotencyKey=key)}, token=admin)
    again = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], idempotencyKey=key)}, token=admin)
    assert again["triggerEvent"]["duplicate"] is True
    assert again["triggerEvent"]["notification"]["id"] == first["triggerEvent"]["notification"]["id"]
    assert await count(runtime, Message, tenant_id=tenant) == 1


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"event": "sale.exploded", "userIds": ["alice"]}, "no template"),
        ({"event": "Sale Completed", "userIds": ["alice"]}, "not an event name"),
        ({"event": "sale.completed", "userIds": ["alice"], "data": {"sale_id": 1}}, "needs a value"),
        ({"event": "sale.completed", "userIds": ["alice"], "data": [1, 2]}, "JSON object"),
        ({"event": "sale.completed", "userIds": ["alice"], "data": {"x": "y" * 15_500}}, "15,360"),
        ({"event": "sale.completed", "data": samples()["sale.completed"]}, "exactly one way"),
        ({"event": "sale.completed", "userIds": ["alice"], "toTenant": True}, "exactly one way"),
        ({"event": "sale.completed", "topic": "has space"}, "`topic`"),
        ({"event": "sale.completed", "userIds": ["alice"], "locale": "not a locale"}, "language tag"),
        ({"event": "sale.completed", "userIds": ["alice"], "actor": ""}, "`actor`"),
        ({"event": "sale.completed", "userIds": [], "data": samples()["sale.completed"]}, "at least one"),
        ({"event": "sale.completed", "userIds": ["a\u0000b"], "data": samples()["sale.completed"]}, "user id"),
    ],
)
async def test_bad_triggers_are_refused_and_write_nothing(
    app_api: GraphQLClient, runtime: Runtime, fields: dict[str, Any], said: str
) -> None:
    tenant = unique("t")
    error = await app_api.error(TRIGGER, {"input": fields}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and said in error["message"], error
    assert await count(runtime, Message, tenant_id=tenant) == 0


async def test_only_senders_of_the_tenant_may_trigger(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    user = token("alice", tenant)
    assert await app_api.code(TRIGGER, {"input": sale(userIds=["alice"])}, token=user) == "FORBIDDEN"
    foreign = {"input": sale(userIds=["alice"], tenantId=other)}
    assert await app_api.code(TRIGGER, foreign, token=token("boss", tenant, "admin")) == "FORBIDDEN"
    assert await app_api.code(TRIGGER, {"input": sale(userIds=["alice"])}) == "UNAUTHENTICATED"
    assert await count(runtime, Message, tenant_id=tenant) + await count(runtime, Message, tenant_id=other) == 0
    # A service may trigger for any tenant.
    done = await app_api.data(TRIGGER, foreign, token=token("svc", tenant, "service"))
    assert done["triggerEvent"]["delivered"] == 1


async def test_a_tenant_trigger_reaches_its_users_in_a_constant_number_of_statements(runtime: Runtime) -> None:
    counts: dict[str, int] = {}
    for size in (5, 500):
        tenant = unique("t")
        await recipients.register_users(runtime, tenant, [f"u{i}" for i in range(size)])
        await recipients.register_users(runtime, unique("other"), ["u0"])
        with counting_statements(runtime) as statements:
            result = await events.trigger_event(
                runtime, event="system.maintenance", tenant=tenant, to_tenant=True, data=samples()["system.maintenance"]
            )
        counts[tenant] = len(statements)
        assert (result.delivered, result.skipped) == (size, 0)
    # the template lookup, then a send's own: idempotency, lock, one statement, unlock
    assert len(set(counts.values())) == 1 and 0 < max(counts.values()) <= 6, counts


async def test_topics_reach_their_followers_only(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    topic = f"order:{unique('o')}"
    admin = token("boss", tenant, "admin")
    # alice follows it herself; the admin makes bob follow it; carol does not; dave of another tenant follows the
    # same topic name in his tenant.
    mine = await app_api.data(FOLLOW, {"input": {"topic": topic, "tenantId": tenant}}, token=token("alice", tenant))
    assert mine["subscribeToTopic"] == {"topic": topic, "changed": 1}
    await app_api.data(FOLLOW, {"input": {"topic": topic, "userIds": ["bob"]}}, token=admin)
    await app_api.data(FOLLOW, {"input": {"topic": topic}}, token=token("dave", other))
    await recipients.register_users(runtime, tenant, ["carol"])
    assert (await app_api.data(FOLLOWED, token=token("alice", tenant)))["followedTopics"] == [topic]
    assert (await app_api.data(FOLLOWED, token=token("bob", tenant)))["followedTopics"] == [topic]
    assert (await app_api.data(FOLLOWED, token=token("carol", tenant)))["followedTopics"] == []
    # The same user id in another tenant is another person, with topics of their own.
    assert (await app_api.data(FOLLOWED, token=token("alice", other)))["followedTopics"] == []
    assert (await app_api.data(FOLLOWED, token=token("dave", other)))["followedTopics"] == [topic]

    low = {"event": "inventory.low_stock", "data": samples()["inventory.low_stock"], "topic": topic}
    sent = await app_api.data(TRIGGER, {"input": low}, token=admin)
    assert (sent["triggerEvent"]["delivered"], sent["triggerEvent"]["skipped"]) == (2, 0)
    title = sent["triggerEvent"]["notification"]["title"]
    assert await titles(app_api, tenant, "alice") == [title]
    assert await titles(app_api, tenant, "bob") == [title]
    assert await titles(app_api, tenant, "carol") == []
    assert await titles(app_api, other, "dave") == []

    gone = await app_api.data(UNFOLLOW, {"input": {"topic": topic}}, token=token("alice", tenant))
    assert gone["unsubscribeFromTopic"]["changed"] == 1
    # Another product: low stock of the same one within the hour would join bob's first entry (the throttle).
    other_product = {**low, "data": {**samples()["inventory.low_stock"], "sku": "TEA-250G"}}
    again = await app_api.data(TRIGGER, {"input": other_product}, token=admin)
    assert again["triggerEvent"]["delivered"] == 1
    assert len(await titles(app_api, tenant, "alice")) == 1 and len(await titles(app_api, tenant, "bob")) == 2
    nobody = {**low, "topic": f"order:{unique('none')}"}
    assert (await app_api.data(TRIGGER, {"input": nobody}, token=admin))["triggerEvent"]["delivered"] == 0


async def test_users_follow_topics_only_for_themselves(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    topic = f"order:{unique('o')}"
    alice = token("alice", tenant)
    for mutation in (FOLLOW, UNFOLLOW):
        naming_bob = {"input": {"topic": topic, "userIds": ["bob"]}}
        assert await app_api.code(mutation, naming_bob, token=alice) == "FORBIDDEN"
        elsewhere = {"input": {"topic": topic, "tenantId": other}}
        assert await app_api.code(mutation, elsewhere, token=alice) == "FORBIDDEN"
        foreign = {"input": {"topic": topic, "userIds": ["dave"], "tenantId": other}}
        assert await app_api.code(mutation, foreign, token=token("boss", tenant, "admin")) == "FORBIDDEN"
        assert await app_api.code(mutation, {"input": {"topic": "a b"}}, token=alice) == "BAD_USER_INPUT"
        assert await app_api.code(mutation, {"input": {"topic": "x" * 201}}, token=alice) == "BAD_USER_INPUT"
    assert await app_api.code(FOLLOW, {"input": {"topic": topic}}) == "UNAUTHENTICATED"
    assert await count(runtime, TopicSubscription, topic=topic) == 0


async def test_admins_replace_templates_for_their_tenant_only(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    admin = token("boss", tenant, "admin")
    mine = {
        "event": "sale.completed",
        "locale": "en",
        "type": "sale",
        "priority": "HIGH",
        "title": "Closed: {{ customer|upper }}",
        "message": "{{ amount|money(currency) }} from {{ customer }}",
        "actionUrl": "/deals/{{ sale_id }}",
    }
    saved = (await app_api.data(UPSERT, {"input": mine}, token=admin))["upsertEventTemplate"]
    assert saved["shipped"] is False and saved["priority"] == "HIGH" and saved["updatedAt"]
    sent = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"])}, token=admin)
    n = sent["triggerEvent"]["notification"]
    assert (n["title"], n["priority"], n["actionUrl"], n["actionText"]) == (
        "Closed: ACME CORP",
        "HIGH",
        "/deals/S-1042",
        None,
    )
    # The other tenant still gets the shipped template, and German still gets the shipped German one.
    theirs = await app_api.data(TRIGGER, {"input": sale(userIds=["dave"])}, token=token("boss", other, "admin"))
    assert theirs["triggerEvent"]["notification"]["title"] == "Sale completed: €1,249.50"
    german = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"], locale="de")}, token=admin)
    assert german["triggerEvent"]["notification"]["title"].startswith("Verkauf abgeschlossen")

    listed = (await app_api.data(TEMPLATES, {"event": "sale.completed"}, token=admin))["eventTemplates"]
    assert [(t["locale"], t["shipped"]) for t in listed] == [("de", True), ("en", False), ("fr", True)]
    everything = (await app_api.data(TEMPLATES, token=admin))["eventTemplates"]
    assert len(everything) == 27

    # An event of the tenant's own becomes triggerable once it has a template.
    custom = {"event": "loyalty.points_earned", "title": "{{ points|number }} points", "message": "Thanks!"}
    await app_api.data(UPSERT, {"input": custom}, token=admin)
    points = {"event": "loyalty.points_earned", "userIds": ["alice"], "data": {"points": 1500}}
    assert (await app_api.data(TRIGGER, {"input": points}, token=admin))["triggerEvent"]["notification"]["title"] == (
        "1,500 points"
    )
    assert await app_api.code(TRIGGER, {"input": points}, token=token("boss", other, "admin")) == "BAD_USER_INPUT"

    removed = await app_api.data(DELETE, {"event": "sale.completed", "locale": "en"}, token=admin)
    assert removed["deleteEventTemplate"]["deletedCount"] == 1
    back = await app_api.data(TRIGGER, {"input": sale(userIds=["alice"])}, token=admin)
    assert back["triggerEvent"]["notification"]["title"] == "Sale completed: €1,249.50"


async def test_templates_are_managed_by_senders_of_the_tenant_only(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    body = {"event": "sale.completed", "title": "x", "message": "y"}
    alice, admin = token("alice", tenant), token("boss", tenant, "admin")
    assert await app_api.code(UPSERT, {"input": body}, token=alice) == "FORBIDDEN"
    assert await app_api.code(UPSERT, {"input": {**body, "tenantId": other}}, token=admin) == "FORBIDDEN"
    assert await app_api.code(TEMPLATES, {}, token=alice) == "FORBIDDEN"
    assert await app_api.code(TEMPLATES, {"tenantId": other}, token=admin) == "FORBIDDEN"
    delete = {"event": "sale.completed", "locale": "en"}
    assert await app_api.code(DELETE, delete, token=alice) == "FORBIDDEN"
    await app_api.data(UPSERT, {"input": body}, token=token("boss", other, "admin"))
    assert await app_api.code(DELETE, {**delete, "tenantId": other}, token=admin) == "FORBIDDEN"
    assert await count(runtime, EventTemplate, tenant_id=tenant) == 0
    assert await count(runtime, EventTemplate, tenant_id=other) == 1


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"title": "{% if %}"}, "line 1"),
        ({"message": "{{ x }"}, "`message`"),
        ({"actionUrl": "{{ range(10) }}"}, "calls"),
        ({"title": "  "}, "empty"),
        ({"title": "x" * 201}, "limit is 200"),
        ({"message": "x" * 5_001}, "at most 5,000"),
        ({"event": "nodots"}, "event name"),
        ({"event": ".".join(["a" * 40] * 3)}, "at most 100"),
        ({"locale": "tlh"}, "not a locale"),
        ({"type": "Not A Slug"}, "`type`"),
    ],
)
async def test_bad_templates_are_refused_when_saved_and_write_nothing(
    app_api: GraphQLClient, runtime: Runtime, change: dict[str, str], said: str
) -> None:
    tenant = unique("t")
    body = {"event": "sale.completed", "title": "t", "message": "m", **change}
    error = await app_api.error(UPSERT, {"input": body}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and said in error["message"], error
    assert await count(runtime, EventTemplate, tenant_id=tenant) == 0


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[Runtime]:
    url = await asyncio.to_thread(migrated_sqlite, tmp_path)
    async with open_runtime(Settings(database_url=url, jwt_secret=JWT_SECRET)) as runtime:
        yield runtime


async def test_events_and_topics_on_the_embedded_database(embedded: Runtime) -> None:
    tenant = "acme"
    await recipients.register_users(embedded, tenant, ["alice", "bob", "carol"])
    await topics.subscribe(embedded, tenant, "order:1", ["alice", "bob"])
    await topics.subscribe(embedded, "other", "order:1", ["alice"])
    data = samples()["sale.created"]
    result = await events.trigger_event(embedded, event="sale.created", tenant=tenant, topic="order:1", data=data)
    assert (result.delivered, result.skipped) == (2, 0)
    everyone = await events.trigger_event(
        embedded, event="sale.created", tenant=tenant, to_tenant=True, data=data, locale="de"
    )
    assert (everyone.delivered, everyone.notification.title) == (3, "Neuer Verkauf: 1.249,50\xa0€")
    assert [n.title for n in await inbox_of(embedded, "other", "alice")] == []
    assert len(await inbox_of(embedded, tenant, "carol")) == 1
    with pytest.raises(BadInput):
        await events.trigger_event(embedded, event="sale.created", tenant=tenant, users=["alice"], data={})
    assert len(await inbox_of(embedded, tenant, "alice")) == 2


REGISTER = "mutation R($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"


async def test_a_user_alone_gets_events_in_the_locale_stored_for_them(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    users = [{"userId": "jana", "locale": "de-AT"}, {"userId": "bob"}]
    await app_api.data(REGISTER, {"input": {"users": users}}, token=admin)

    async def title(**fields: Any) -> str:
        sent = await app_api.data(TRIGGER, {"input": sale(**fields)}, token=admin)
        return str(sent["triggerEvent"]["notification"]["title"])

    assert await title(userIds=["jana"]) == "Verkauf abgeschlossen: €\xa01.249,50"
    assert await title(userIds=["jana"], locale="en") == "Sale completed: €1,249.50"  # the trigger's own wins
    assert await title(userIds=["bob"]) == "Sale completed: €1,249.50"
    # Several: each their own, and the answer is the message most of them got (here, of those without a locale).
    assert await title(userIds=["jana", "bob"]) == "Sale completed: €1,249.50"
    assert (await titles(app_api, tenant, "jana"))[0] == "Verkauf abgeschlossen: €\xa01.249,50"
    refused = {"input": {"users": [{"userId": "kim", "locale": "tlh"}]}}
    assert await app_api.code(REGISTER, refused, token=admin) == "BAD_USER_INPUT"
    assert await title(userIds=["kim"]) == "Sale completed: €1,249.50"


async def test_the_api_client_triggers_through_a_running_server(server: Server, api: GraphQLClient) -> None:
    tenant = unique("t")
    service = token("svc", tenant, "service")
    fields = {"event": "customer.created", "userIds": ["alice"], "data": samples()["customer.created"]}
    answer = await asyncio.to_thread(api_client.trigger_event, server.url, service, fields)
    assert answer["delivered"] == 1 and answer["duplicate"] is False
    assert await titles(api, tenant, "alice") == ["New customer: Jane Doe"]
    with pytest.raises(api_client.Refused) as refused:
        unknown = {**fields, "event": "customer.vanished"}
        await asyncio.to_thread(api_client.trigger_event, server.url, service, unknown)
    assert refused.value.code == "BAD_USER_INPUT"


async def test_the_template_list_is_costed_at_its_bound(app_api: GraphQLClient) -> None:
    admin = token("boss", unique("t"), "admin")
    every = "event locale type priority title message actionUrl actionText shipped updatedAt"
    listed = await app_api.data(f"{{ eventTemplates {{ {every} }} }}", token=admin)
    assert len(listed["eventTemplates"]) == 27
    twice = f"{{ a: eventTemplates {{ {every} }} b: eventTemplates {{ {every} }} }}"
    assert await app_api.code(twice, token=admin) == "BAD_USER_INPUT"


LIVE = "subscription L($after: String) { notificationAdded(after: $after) { id title } }"


async def test_a_topic_trigger_arrives_live_to_its_followers_only(server: Server, api: GraphQLClient) -> None:
    tenant, topic = unique("t"), f"order:{unique('o')}"
    admin = token("boss", tenant, "admin")
    warm = {"input": {"userIds": ["alice", "carol"], "title": "warm", "message": "m"}}
    first = (await api.data(SEND_BULK, warm, token=admin))["sendBulkNotifications"]["notification"]["id"]
    await api.data(FOLLOW, {"input": {"topic": topic, "userIds": ["alice"]}}, token=admin)
    after = {"after": encode_cursor(int(first))}  # whatever arrives after it, by catch-up or live
    async with (
        subscription(server, token("alice", tenant)) as alice,
        subscription(server, token("carol", tenant)) as carol,
    ):
        await alice.subscribe(LIVE, after)
        await carol.subscribe(LIVE, after)
        low = {"event": "inventory.low_stock", "data": samples()["inventory.low_stock"], "topic": topic}
        sent = (await api.data(TRIGGER, {"input": low}, token=admin))["triggerEvent"]["notification"]
        assert (await alice.next_data())["notificationAdded"] == {"id": sent["id"], "title": sent["title"]}
        marker = {"input": {"userId": "carol", "title": "marker", "message": "m"}}
        await api.data(SEND, marker, token=admin)
        assert (await carol.next_data())["notificationAdded"]["title"] == "marker"  # and nothing before it


EN, DE, DE_AT = (
    "Sale completed: €1,249.50",
    "Verkauf abgeschlossen: 1.249,50\xa0€",
    "Verkauf abgeschlossen: €\xa01.249,50",
)
FR = "Vente finalisée : 1\u202f249,50\xa0€"
LOCALES = {"ann": "en", "dirk": "de", "jana": "de-AT", "flo": "fr", "max": None, "mia": None}
IN_OWN = {"ann": EN, "dirk": DE, "jana": DE_AT, "flo": FR, "max": EN, "mia": EN}
SET_ROLES = "mutation S($input: SetUserRolesInput!) { setUserRoles(input: $input) { updated } }"


async def test_a_trigger_to_several_writes_to_each_in_their_own_locale(
    app_api: GraphQLClient, runtime: Runtime
) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    users = [{"userId": user, "locale": locale} for user, locale in LOCALES.items()]
    await app_api.data(REGISTER, {"input": {"users": users}}, token=admin)
    await recipients.register_users(runtime, unique("t"), ["ann"], {"ann": {"locale": "fr"}})  # another tenant's

    async def everyone_got(expected: dict[str, str], **fields: Any) -> dict[str, Any]:
        sent = (await app_api.data(TRIGGER, {"input": sale(**fields)}, token=admin))["triggerEvent"]
        for user, title in expected.items():
            assert (await titles(app_api, tenant, user))[0] == title, user
        return dict(sent)

    listed = await everyone_got(IN_OWN, userIds=list(LOCALES))
    # The answer: every recipient counted, and the message of the most of them (English: ann, max and mia).
    assert (listed["delivered"], listed["skipped"], listed["notification"]["title"]) == (6, 0, EN)
    assert await count(runtime, Message, tenant_id=tenant) == 4  # one per rendering: en, de, de_AT, fr
    whole = await everyone_got(IN_OWN, toTenant=True, idempotencyKey="k1")
    assert (whole["delivered"], whole["duplicate"]) == (6, False)
    assert await count(runtime, Message, tenant_id=tenant) == 8
    # A repeat sends nothing, and answers as the first did.
    again = await everyone_got(IN_OWN, toTenant=True, idempotencyKey="k1")
    assert (again["delivered"], again["duplicate"], again["notification"]["id"]) == (
        6,
        True,
        whole["notification"]["id"],
    )
    assert await count(runtime, Message, tenant_id=tenant) == 8
    # A role: its holders only, each in theirs; the sender's own locale is still everyone's when given.
    await app_api.data(SET_ROLES, {"input": {"userIds": ["dirk", "flo", "max"], "roles": ["sales"]}}, token=admin)
    held = await everyone_got({"dirk": DE, "flo": FR, "max": EN}, roles=["sales"])
    assert held["delivered"] == 3 and len(await titles(app_api, tenant, "ann")) == 2
    assert (await everyone_got({"flo": DE, "ann": DE}, toTenant=True, locale="de"))["delivered"] == 6


async def test_a_trigger_in_several_locales_writes_nothing_when_one_fails(
    app_api: GraphQLClient, runtime: Runtime
) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    users = [{"userId": user, "locale": locale} for user, locale in LOCALES.items()]
    await app_api.data(REGISTER, {"input": {"users": users}}, token=admin)
    # The French template needs a variable the others do not.
    french = {"event": "sale.completed", "locale": "fr", "title": "{{ store }}", "message": "{{ customer }}"}
    await app_api.data(UPSERT, {"input": french}, token=admin)
    error = await app_api.error(TRIGGER, {"input": sale(toTenant=True)}, token=admin)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "store" in error["message"], error
    assert await count(runtime, Message, tenant_id=tenant) == 0


async def test_a_tenant_trigger_in_several_locales_costs_the_same_statements_at_any_size(runtime: Runtime) -> None:
    counts: dict[int, int] = {}
    for size in (2, 100):
        tenant = unique("t")
        contacts = {f"{locale}{i}": {"locale": locale} for locale in ("en", "de", "fr") for i in range(size)}
        await recipients.register_users(runtime, tenant, [*contacts, *(f"none{i}" for i in range(size))], contacts)
        with counting_statements(runtime) as statements:
            result = await events.trigger_event(
                runtime, event="sale.completed", tenant=tenant, to_tenant=True, data=samples()["sale.completed"]
            )
        counts[size] = len(statements)
        assert (result.delivered, result.skipped) == (4 * size, 0)
        assert [n.title for n in await inbox_of(runtime, tenant, "fr1")] == [FR]
    # The locales and the templates, then three sends (en, de, fr) of one statement each.
    assert counts[2] == counts[100] and counts[2] <= 5, counts


async def test_triggers_in_each_recipients_locale_on_the_embedded_database(embedded: Runtime) -> None:
    contacts = {user: {"locale": locale} for user, locale in LOCALES.items() if locale is not None}
    await recipients.register_users(embedded, "acme", list(LOCALES), contacts)
    data = samples()["sale.completed"]
    result = await events.trigger_event(embedded, event="sale.completed", tenant="acme", to_tenant=True, data=data)
    assert (result.delivered, result.notification.title) == (6, EN)
    for user, title in IN_OWN.items():
        assert [n.title for n in await inbox_of(embedded, "acme", user)] == [title], user


async def test_a_trigger_repeated_after_failing_midway_sends_nobody_twice_though_the_majority_changed(
    runtime: Runtime,
) -> None:
    """The first attempt stores the German message, then fails on the English one (the majority's, which carries
    the key); before the repeat two more German readers arrive, so German is the majority then."""
    tenant, key = unique("t"), unique("key")
    locales = {"ann": {"locale": "en"}, "bob": {"locale": "en"}, "dirk": {"locale": "de"}}
    await recipients.register_users(runtime, tenant, list(locales), locales)
    await recipients.register_users(runtime, unique("t"), ["dirk"], {"dirk": {"locale": "de"}})
    trigger: dict[str, Any] = {
        "event": "sale.completed",
        "tenant": tenant,
        "data": samples()["sale.completed"],
        "idempotency_key": key,
    }
    refuse = f"refuse_{uuid.uuid4().hex}"
    async with runtime.transaction() as session:
        await session.execute(
            text(
                f"CREATE FUNCTION {refuse}() RETURNS trigger AS $$ BEGIN IF NEW.idempotency_key = '{key}' THEN "
                "RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        await session.execute(
            text(f"CREATE TRIGGER {refuse} BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION {refuse}()")
        )
    try:
        with pytest.raises(DBAPIError):
            await events.trigger_event(runtime, to_tenant=True, **trigger)
    finally:
        async with runtime.transaction() as session:
            await session.execute(text(f"DROP TRIGGER {refuse} ON messages"))
            await session.execute(text(f"DROP FUNCTION {refuse}()"))
    assert [len(await inbox_of(runtime, tenant, user)) for user in locales] == [0, 0, 1]
    await recipients.register_users(runtime, tenant, ["dora", "dana"], {u: {"locale": "de"} for u in ("dora", "dana")})
    result = await events.trigger_event(runtime, to_tenant=True, **trigger)
    # The German message was sent, to the German readers of then; the English one now.
    assert [len(await inbox_of(runtime, tenant, user)) for user in (*locales, "dora", "dana")] == [1, 1, 1, 0, 0]
    [english] = await inbox_of(runtime, tenant, "ann")
    assert (result.delivered, result.duplicate, result.notification.id) == (3, False, english.id)
    again = await events.trigger_event(runtime, to_tenant=True, **trigger)
    assert again.duplicate and again.notification.id == result.notification.id
