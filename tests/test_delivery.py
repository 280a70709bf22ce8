"""The two paths that store a send (`models.delivery`) leave the same rows and answer the same on the same sends.

`services.sending._store_at_once` is PostgreSQL's usual send: the message, its inbox rows and the tenant's event
number in one statement. `services.sending._store` is the send of several statements, for SQLite and for users this
process does not know yet. Each runs the same sends in a fresh tenant of its own, with the same users and
preferences; what they stored and answered is compared with the ids, tenants, senders and times taken out.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import InboxEntry, Message, UnreadCount, User, sequence, unread
from models.base import utcnow
from models.message import Priority
from services import recipients, sending
from services.auth import Principal
from services.draft import Draft
from services.preferences import PreferenceChanges, TypeOverride, update_preferences
from services.recipients import known_ids
from services.runtime import Runtime
from tests.support import unique

# Each user's preferences, set before the sends; "ann" keeps the defaults (no row at all).
PREFERENCES = {
    "bob": PreferenceChanges(in_app=False),
    "cat": PreferenceChanges(in_app_min_priority=Priority.HIGH),
    "dan": PreferenceChanges(type_overrides=[TypeOverride("billing", in_app=False)]),
    "eve": PreferenceChanges(in_app=False, type_overrides=[TypeOverride("billing", in_app=True)]),
    "fay": PreferenceChanges(in_app_min_priority=Priority.URGENT),
}
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
        return await sending._store_at_once(connection, draft, tenant, sender, cached)


async def outcome(runtime: Runtime, at_once: bool) -> dict[str, Any]:
    """Every send of SENDS, the repeated key, and a send to a tenant of nobody, down one path, in fresh tenants:
    what they answered and stored, with ids, tenants, senders and times replaced by what they stand for."""
    tenant, sender = unique("t"), unique("s")
    await recipients.register_users(runtime, tenant, ["ann"])
    for user, changes in PREFERENCES.items():
        await update_preferences(runtime, Principal(user_id=user, tenant_id=tenant), changes)
    answers = [await store(runtime, at_once, tenant, sender, users, draft) for users, draft in SENDS]
    with pytest.raises(IntegrityError):
        await store(runtime, at_once, tenant, sender, ["ann"], REPEATED)
    _, *nobody = await store(runtime, at_once, unique("t"), sender, None, SENDS[0][1])

    async with runtime.transaction() as session:
        names = dict((await session.execute(select(User.id, User.external_id).where(User.tenant_id == tenant))).all())
        messages = list(
            (await session.execute(select(Message).where(Message.tenant_id == tenant).order_by(Message.id))).scalars()
        )
        entries = list((await session.execute(select(InboxEntry).where(InboxEntry.user_id.in_(names)))).scalars())
        counts = await unread.unread_counts(session, list(names))
        kept = list((await session.execute(select(UnreadCount).where(UnreadCount.user_id.in_(names)))).scalars())
        latest = (await sequence.latest(session, [tenant]))[tenant]

    index = {message.id: i for i, message in enumerate(messages)}
    created = {message.id: message.created_at for message in messages}
    own = [a.key for a in sa_inspect(Message).column_attrs if a.key not in ("id", "tenant_id", "sender", "created_at")]
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
