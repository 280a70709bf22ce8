"""The two paths that store a send (`models.delivery`) leave the same rows and answer the same on the same sends.

`services.sending._store_at_once` is PostgreSQL's usual send: the message, its inbox rows and the tenant's event
number in one statement. `services.sending._store` is the send of several statements, for SQLite and for users this
process does not know yet. Each runs the same sends in a fresh tenant of its own, with the same users and
preferences; what they stored and answered is compared with the ids, tenants, senders and times taken out.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError

from channels.email import EmailChannel
from channels.sms import SmsChannel
from channels.webhook import WebhookChannel
from models import Delivery, InboxEntry, Message, UnreadCount, User, delivery, sequence, unread
from models.audience import Audience
from models.base import utcnow
from models.message import Priority
from models.outbox import Fanout
from services import recipients, roles, sending, topics, webhooks
from services.auth import Principal
from services.draft import Draft
from services.preferences import PreferenceChanges, TypeOverride, update_preferences
from services.recipients import known_ids
from services.runtime import Runtime
from settings import Settings
from tests.support import unique

# Each user's preferences, set before the sends; "ann" keeps the defaults (no row at all).
PREFERENCES = {
    "bob": PreferenceChanges(in_app=False, email=True, email_min_priority=Priority.LOW),
    "cat": PreferenceChanges(in_app_min_priority=Priority.HIGH, email=True),
    "dan": PreferenceChanges(
        email=True,
        email_min_priority=Priority.LOW,
        type_overrides=[TypeOverride("billing", in_app=False, email=False)],
    ),
    "eve": PreferenceChanges(
        in_app=False,
        email=True,
        sms=True,
        sms_min_priority=Priority.LOW,
        type_overrides=[TypeOverride("billing", in_app=True)],
    ),
    "fay": PreferenceChanges(in_app_min_priority=Priority.URGENT, sms=True),
}
# Contacts: eve wants email but has no address; ann has one but keeps email off.
CONTACTS = {
    "ann": {"email": "ann@example.com", "phone": "+14155550001"},
    "bob": {"email": "bob@example.com"},
    "cat": {"email": "cat@example.com"},
    "dan": {"email": "dan@example.com"},
    "eve": {"phone": "+14155550005"},
    "fay": {"phone": "+14155550006"},
}
REACHES = (EmailChannel.reach, SmsChannel.reach, WebhookChannel.reach)
EXPIRES = utcnow() + timedelta(days=1)
KEY = "the-key"
# (recipients, None: the tenant; the draft)
SENDS: list[tuple[list[str] | None, Draft]] = [
    (None, Draft("billing", "Paid", "Order 7", action_url="/orders/7", action_text="Open", metadata={"order": 7})),
    (None, Draft("system", "Upgrade", "Tonight", priority=Priority.HIGH)),
    (None, Draft("billing", "Overdue", "Pay now", priority=Priority.URGENT, expires_at=EXPIRES)),
    (["ann", "bob", "cat", "dan"], Draft("billing", "Refund", "Sent", priority=Priority.LOW)),
    (["bob", "fay"], Draft("system", "Quiet", "Nobody gets this")),
    # Two of them unknown to the tenant until this send.
    (["ann", "new1", "eve", "new2"], Draft("billing", "Welcome", "Hi", priority=Priority.HIGH, idempotency_key=KEY)),
    (None, Draft("system", "Digest", "Weekly", priority=Priority.LOW)),
]
# What the preferences ask of SENDS: (recipients, None for a tenant; delivered, skipped, event number).
ANSWERS = [
    (None, 2, 4, 1),  # ann, eve: bob is off, cat and fay above normal, dan off for billing
    (None, 3, 3, 2),  # ann, cat, dan
    (None, 6, 0, 3),  # urgent: everyone
    (["ann"], 1, 3, 4),
    ([], 0, 2, 0),  # nobody: no event
    (["ann", "eve", "new1", "new2"], 4, 0, 5),
    (None, 4, 4, 6),  # ann, dan, new1, new2
]
REPEATED = Draft("system", "Again", "Same key", idempotency_key=KEY)


async def store(
    runtime: Runtime, at_once: bool, tenant: str, sender: str, users: list[str] | None, draft: Draft
) -> sending.Stored:
    """One send down the chosen path, as `sending.send_draft` makes it."""
    async with runtime.ordered(tenant), runtime.connection() as connection:
        cached = known_ids(runtime, tenant, users) if users is not None else None
        if not at_once:
            return await sending._store(runtime, connection, draft, tenant, sender, users, cached)
        if users is not None and cached is None:
            # The one-statement path takes known users only: these, once the process has registered them.
            cached = await recipients.register_users(runtime, tenant, users)
        return await sending._store_at_once(connection, draft, tenant, sender, cached, runtime.reaches)


async def expand_all(runtime: Runtime) -> None:
    """What a worker does first: the per-recipient rows of the sends that fanned out (the one-statement path's tenant
    and topic sends)."""
    reaches = {reach.channel: reach for reach in REACHES}
    while True:
        async with runtime.transaction() as session:
            if await delivery.expand(session, reaches) is None:
                return


async def delivered_to(runtime: Runtime, message_id: int) -> list[tuple[str, str]]:
    """(user, tenant) of each outbox row of `message_id`."""
    async with runtime.transaction() as session:
        rows = await session.execute(
            select(User.external_id, User.tenant_id)
            .join(Delivery, Delivery.user_id == User.id)
            .where(Delivery.message_id == message_id)
        )
        return [(name, tenant) for name, tenant in rows]


async def outcome(runtime: Runtime, at_once: bool) -> dict[str, Any]:
    """Every send of SENDS, the repeated key, and a send to a tenant of nobody, down one path, in fresh tenants:
    what they answered and stored, with ids, tenants, senders and times replaced by what they stand for."""
    settings = runtime.settings.model_copy(update={"webhooks": True, "webhook_allow_private": True})
    runtime = replace(runtime, reaches=REACHES, settings=settings)
    tenant, sender = unique("t"), unique("s")
    admin = Principal(user_id="admin", tenant_id=tenant, roles=frozenset({"admin"}))
    # Two endpoints: every type, and billing only; and one of another tenant, which these sends must not reach.
    endpoints = [("all", "http://127.0.0.1:9/all", None), ("billing", "http://127.0.0.1:9/b", ["billing"])]
    hooks = {
        (await webhooks.create(runtime, admin, None, url, types=types)).endpoint.id: name
        for name, url, types in endpoints
    }
    other = Principal(user_id="admin", tenant_id=unique("t"), roles=frozenset({"admin"}))
    await webhooks.create(runtime, other, None, "http://127.0.0.1:9/other")
    await recipients.register_users(runtime, tenant, list(CONTACTS), CONTACTS)
    for user, changes in PREFERENCES.items():
        await update_preferences(runtime, Principal(user_id=user, tenant_id=tenant), changes)
    answers = [await store(runtime, at_once, tenant, sender, users, draft) for users, draft in SENDS]
    with pytest.raises(IntegrityError):
        await store(runtime, at_once, tenant, sender, ["ann"], REPEATED)
    _, *nobody = await store(runtime, at_once, unique("t"), sender, None, SENDS[0][1])
    await expand_all(runtime)

    async with runtime.transaction() as session:
        names = dict((await session.execute(select(User.id, User.external_id).where(User.tenant_id == tenant))).all())
        messages = list(
            (await session.execute(select(Message).where(Message.tenant_id == tenant).order_by(Message.id))).scalars()
        )
        entries = list((await session.execute(select(InboxEntry).where(InboxEntry.user_id.in_(names)))).scalars())
        counts = await unread.unread_counts(session, list(names))
        kept = list((await session.execute(select(UnreadCount).where(UnreadCount.user_id.in_(names)))).scalars())
        latest = (await sequence.latest(session, [tenant]))[tenant]
        outboxed = list((await session.execute(select(Delivery).where(Delivery.user_id.in_(names)))).scalars())

    index = {message.id: i for i, message in enumerate(messages)}
    created = {message.id: message.created_at for message in messages}
    own = [
        a.key
        for a in sa_inspect(Message).column_attrs
        if a.key not in ("id", "tenant_id", "sender", "created_at", "read_count")
    ]
    return {
        "answers": [
            (
                {
                    **asdict(notification),
                    "id": index[notification.id],
                    "created_at": notification.created_at == created[notification.id],
                },
                sorted(names[user] for user in ids) if ids is not None else None,
                delivered,
                skipped,
                seq,
            )
            for notification, ids, delivered, skipped, seq in answers
        ],
        "nobody": nobody,
        "users": sorted(names.values()),
        "messages": [{key: getattr(message, key) for key in own} for message in messages],
        "entries": sorted(
            (
                names[e.user_id],
                index[e.message_id],
                e.type,
                e.priority,
                e.created_at == created[e.message_id],
                e.expires_at,
                e.read_at,
            )
            for e in entries
        ),
        "unread": {names[user]: count for user, count in counts.items()},
        "kept": sorted((names[k.user_id], index.get(k.counted), k.unread, k.valid_until) for k in kept),
        "sequence": latest,
        "deliveries": sorted(
            (
                names[d.user_id],
                index[d.message_id],
                d.channel,
                hooks.get(d.endpoint_id, d.endpoint_id),
                d.status,
                d.attempts,
                d.next_attempt_at == created[d.message_id],
                d.lease_until,
                d.last_error,
                d.sent_at,
            )
            for d in outboxed
        ),
    }


async def test_both_store_paths_store_and_answer_the_same(runtime: Runtime) -> None:
    at_once = await outcome(runtime, at_once=True)
    assert at_once == await outcome(runtime, at_once=False)

    # What both did is what the preferences ask for, so the comparison covers their filtering; within a run, a
    # send's answer and its rows carry its message's time.
    assert [(ids, delivered, skipped, seq) for _, ids, delivered, skipped, seq in at_once["answers"]] == ANSWERS
    assert all(notification["created_at"] for notification, *_ in at_once["answers"])
    assert at_once["entries"] and all(entry[4] for entry in at_once["entries"])
    assert at_once["nobody"] == [None, 0, 0, 0]
    assert at_once["sequence"] == 6
    assert at_once["users"] == ["ann", "bob", "cat", "dan", "eve", "fay", "new1", "new2"]
    assert [m["idempotency_key"] for m in at_once["messages"]] == [None] * 5 + [KEY, None]
    assert at_once["unread"]["ann"] == 6 and at_once["unread"]["bob"] == 1


async def test_both_store_paths_write_the_outbox_rows_preferences_and_contacts_ask_for(runtime: Runtime) -> None:
    at_once = await outcome(runtime, at_once=True)
    assert at_once["deliveries"] == (await outcome(runtime, at_once=False))["deliveries"]
    # Every row pending from its message's time, untried.
    assert all(row[4:] == ("pending", 0, True, None, None, None) for row in at_once["deliveries"])
    hooked = sorted((user, message, hook) for user, message, channel, hook, *_ in at_once["deliveries"] if hook)
    got = {(user, message, channel) for user, message, channel, *_ in at_once["deliveries"]}
    # Webhooks: each inbox row once to the endpoint of every type, and billing ones again to the billing endpoint.
    billing = {i for i, (_, draft) in enumerate(SENDS) if draft.type == "billing"}
    assert hooked == sorted(
        [(e[0], e[1], "all") for e in at_once["entries"]]
        + [(e[0], e[1], "billing") for e in at_once["entries"] if e[1] in billing]
    )
    assert all(hook == 0 for _, _, channel, hook, *_ in at_once["deliveries"] if channel != "webhook")
    assert sorted((m, u) for u, m, c in got if c == "email") == [
        (0, "bob"),
        (1, "bob"),
        (1, "cat"),  # high: cat's email floor
        (1, "dan"),
        (2, "bob"),
        (2, "cat"),  # dan is off for billing by email, urgent or not
        (3, "bob"),
        (4, "bob"),
        (6, "bob"),
        (6, "dan"),
    ]  # ann keeps email off; eve has no address
    assert sorted((m, u) for u, m, c in got if c == "sms") == [
        (0, "eve"),
        (1, "eve"),
        (2, "eve"),
        (2, "fay"),  # urgent: fay's sms floor
        (5, "eve"),
        (6, "eve"),
    ]


def test_without_channels_a_send_writes_no_outbox_rows() -> None:
    # The default deployment: no channel configured, and the one-statement send is the statement it always was.
    assert Settings(jwt_secret=None).channel_names == []
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for urgent in (False, True):
        for audience in ("users", "tenant", "topic", "roles"):
            sql = str(delivery._store_statement(urgent, audience).compile(dialect=dialect))
            assert "deliveries" not in sql
            with_channels = str(delivery._store_statement(urgent, audience, REACHES).compile(dialect=dialect))
            # A listed send writes its recipients' rows; a tenant or topic send one row per channel, to expand.
            written = "deliveries" if audience == "users" else "delivery_fanouts"
            assert f"INSERT INTO {written} " in with_channels and with_channels.count("INSERT INTO") == 4


async def test_a_tenant_send_fans_out_once_to_its_users_as_their_preferences_are_at_expansion(
    runtime: Runtime,
) -> None:
    runtime = replace(runtime, reaches=(EmailChannel.reach,))
    tenant, other = unique("t"), unique("t")
    emails = {name: {"email": f"{name}@example.com"} for name in ("ann", "bob", "cat", "dan")}
    on = PreferenceChanges(email=True, email_min_priority=Priority.LOW)
    await recipients.register_users(runtime, other, ["ann"], {"ann": emails["ann"]})
    await update_preferences(runtime, Principal(user_id="ann", tenant_id=other), on)
    await recipients.register_users(
        runtime, tenant, ["ann", "bob", "cat"], {n: emails[n] for n in ("ann", "bob", "cat")}
    )
    for name in ("ann", "bob", "cat"):
        await update_preferences(runtime, Principal(user_id=name, tenant_id=tenant), on)
    sent = await sending.send_tenant_notification(runtime, tenant=tenant, title="Hi", message="x")
    # Before a worker expands it: cat switches email off, and dan joins the tenant with email on.
    await update_preferences(runtime, Principal(user_id="cat", tenant_id=tenant), PreferenceChanges(email=False))
    await recipients.register_users(runtime, tenant, ["dan"], {"dan": emails["dan"]})
    await update_preferences(runtime, Principal(user_id="dan", tenant_id=tenant), on)

    async def recipients_of_the_send() -> list[str]:
        rows = await delivered_to(runtime, sent.notification.id)
        return sorted(f"{name}@{'tenant' if at == tenant else at}" for name, at in rows)

    # A worker that dies mid-expansion leaves nothing written, and the send still to expand.
    with pytest.raises(RuntimeError):
        async with runtime.transaction() as session:
            assert await delivery.expand(session, {"email": EmailChannel.reach}) == 2
            raise RuntimeError("killed")
    assert await recipients_of_the_send() == []
    await expand_all(runtime)
    await expand_all(runtime)  # nothing left: each send is expanded once
    assert await recipients_of_the_send() == ["ann@tenant", "bob@tenant"]


async def test_a_topic_send_fans_out_to_the_topic_s_followers_of_its_tenant_alone(runtime: Runtime) -> None:
    runtime = replace(runtime, reaches=(EmailChannel.reach,))
    tenant, other = unique("t"), unique("t")
    on = PreferenceChanges(email=True, email_min_priority=Priority.LOW)
    for at, names in ((tenant, ["ann", "bob"]), (other, ["ann"])):
        await recipients.register_users(runtime, at, names, {n: {"email": f"{n}@example.com"} for n in names})
        for name in names:
            await update_preferences(runtime, Principal(user_id=name, tenant_id=at), on)
        await topics.subscribe(runtime, at, "orders", ["ann"])  # bob follows nothing; the other tenant's ann does
    draft = Draft("system", "Shipped", "On its way")
    audience = Audience(topic="orders")
    sent = await sending.send_draft(
        runtime, draft, tenant=tenant, users=None, sender="s", limited=False, audience=audience
    )
    async with runtime.transaction() as session:
        waiting = (await session.execute(select(Fanout.channel, Fanout.audience))).all()
    assert ("email", audience.stored()) in waiting
    await expand_all(runtime)
    assert await delivered_to(runtime, sent.notification.id) == [("ann", tenant)]


async def test_a_send_to_roles_in_some_locales_fans_out_to_those_holders_alone(runtime: Runtime) -> None:
    """The fan-out row keeps the whole audience (roles, and the locales one rendering of an event is for)."""
    runtime = replace(runtime, reaches=(EmailChannel.reach,))
    tenant, other = unique("t"), unique("t")
    on = PreferenceChanges(email=True, email_min_priority=Priority.LOW)
    people = {"ann": "de", "bob": "de", "cy": "fr"}
    for at in (tenant, other):
        contacts = {n: {"email": f"{n}@example.com", "locale": locale} for n, locale in people.items()}
        await recipients.register_users(runtime, at, list(people), contacts)
        for name in people:
            await update_preferences(runtime, Principal(user_id=name, tenant_id=at), on)
        await roles.set_roles(runtime, at, ["ann", "cy"], ["warehouse"])  # bob holds none
    draft = Draft("system", "Low stock", "Order more")
    audience = Audience(roles=("warehouse",), locales=("de",))
    sent = await sending.send_draft(
        runtime, draft, tenant=tenant, users=None, sender="s", limited=False, audience=audience
    )
    await expand_all(runtime)
    assert await delivered_to(runtime, sent.notification.id) == [("ann", tenant)]
