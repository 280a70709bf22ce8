"""Sending: the seed's `NotificationService` as three async functions, for the mutations and for Python callers.

Every send is one message row plus one INSERT .. SELECT of inbox rows, filtered by preferences in SQL (and, with
channels configured, one of outbox rows in the same transaction), and one pub/sub event on the tenant's channel
once committed; a send to a tenant of any size costs the same statements.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

import metrics
from models import delivery, sequence
from models.audience import EVERYONE, Audience
from models.base import one_of, utcnow
from models.message import Message, Priority
from models.outbox import Reach
from models.user import User, ensure_users
from services.draft import Draft, check_external_id, check_recipients
from services.errors import BadInput, ServiceError
from services.notification import Notification, added_event, tenant_channel
from services.recipients import known_ids, remember
from services.runtime import Runtime, autocommitted

PYTHON_SENDER = "python"


@dataclass(frozen=True)
class SendResult:
    notification: Notification
    delivered: int
    skipped: int
    duplicate: bool = False


def _draft(
    title: str,
    message: str,
    type: str,
    priority: Priority | str,
    action_url: str | None,
    action_text: str | None,
    metadata: dict[str, Any] | None,
    expires_at: datetime | None,
    idempotency_key: str | None,
    group_key: str | None = None,
) -> Draft:
    if isinstance(priority, str):
        try:
            priority = Priority[priority.upper()]
        except KeyError:
            raise BadInput("`priority` must be one of low, normal, high, urgent.") from None
    return Draft(
        type=type,
        title=title,
        message=message,
        priority=priority,
        action_url=action_url,
        action_text=action_text,
        metadata=metadata if metadata is not None else {},
        expires_at=expires_at,
        idempotency_key=idempotency_key,
        group_key=group_key,
    )


async def send_notification(
    runtime: Runtime,
    *,
    user: str,
    tenant: str,
    title: str,
    message: str,
    type: str = "system",
    priority: Priority | str = Priority.NORMAL,
    action_url: str | None = None,
    action_text: str | None = None,
    metadata: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    idempotency_key: str | None = None,
    group_key: str | None = None,
    sender: str = PYTHON_SENDER,
) -> SendResult:
    """Send to one user of `tenant` (registered on the way if new)."""
    draft = _draft(
        title, message, type, priority, action_url, action_text, metadata, expires_at, idempotency_key, group_key
    )
    return await send_draft(runtime, draft, tenant=tenant, users=[user], sender=sender, limited=False)


async def send_bulk_notifications(
    runtime: Runtime,
    *,
    users: Sequence[str],
    tenant: str,
    title: str,
    message: str,
    type: str = "system",
    priority: Priority | str = Priority.NORMAL,
    action_url: str | None = None,
    action_text: str | None = None,
    metadata: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    idempotency_key: str | None = None,
    group_key: str | None = None,
    sender: str = PYTHON_SENDER,
) -> SendResult:
    """Send one notification to up to 1,000 users of `tenant`."""
    draft = _draft(
        title, message, type, priority, action_url, action_text, metadata, expires_at, idempotency_key, group_key
    )
    return await send_draft(runtime, draft, tenant=tenant, users=list(users), sender=sender, limited=False)


async def send_tenant_notification(
    runtime: Runtime,
    *,
    tenant: str,
    title: str,
    message: str,
    type: str = "system",
    priority: Priority | str = Priority.NORMAL,
    action_url: str | None = None,
    action_text: str | None = None,
    metadata: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    idempotency_key: str | None = None,
    group_key: str | None = None,
    sender: str = PYTHON_SENDER,
) -> SendResult:
    """Send to every registered user of `tenant`."""
    draft = _draft(
        title, message, type, priority, action_url, action_text, metadata, expires_at, idempotency_key, group_key
    )
    return await send_draft(runtime, draft, tenant=tenant, users=None, sender=sender, limited=False)


async def send_draft(
    runtime: Runtime,
    draft: Draft,
    *,
    tenant: str,
    users: list[str] | None,
    sender: str,
    limited: bool,
    audience: Audience = EVERYONE,
) -> SendResult:
    """Store `draft` for `users` of `tenant` (None: the users of `audience`, the whole tenant unless narrowed), then
    announce it. Idempotent per (sender, idempotency key): a repeat returns the first send's result and sends
    nothing. `limited`: the sender spends its rate limits (`services.limits`), as the API's callers do; the Python
    API, which runs with the service's own authority, does not."""
    check_external_id("tenant id", tenant)
    if limited:
        await runtime.limits.admit(tenant, sender)
    result = await store_draft(runtime, draft, tenant=tenant, users=users, sender=sender, audience=audience)
    if limited:
        await runtime.limits.charge(tenant, sender, result.delivered)
    return result


async def store_draft(
    runtime: Runtime,
    draft: Draft,
    *,
    tenant: str,
    users: list[str] | None,
    sender: str,
    audience: Audience = EVERYONE,
) -> SendResult:
    """`send_draft` without the rate limits: for callers that admit and charge a send of several messages once."""
    started = time.perf_counter()
    try:
        check_external_id("tenant id", tenant)
        if users is not None:
            users = check_recipients(users)
            audience = EVERYONE
        # To its end whatever the caller does: a send stopped between storing and announcing would lose its event.
        result = await runtime.finished(_send(runtime, draft, tenant, users, sender, started, audience))
    except ServiceError:
        metrics.sent("refused")
        raise
    except BaseException:
        metrics.sent("failed")
        raise
    metrics.sent("duplicate" if result.duplicate else "sent")
    return result


async def _send(
    runtime: Runtime,
    draft: Draft,
    tenant: str,
    users: list[str] | None,
    sender: str,
    started: float,
    audience: Audience = EVERYONE,
) -> SendResult:
    try:
        async with runtime.ordered(tenant):
            async with runtime.connection() as connection:
                if draft.idempotency_key is not None:
                    first = await earlier(runtime, sender, draft.idempotency_key, connection)
                    if first is not None:
                        return first
                cached = known_ids(runtime, tenant, users) if users is not None else None
                recipients: list[int] | None
                if connection.dialect.name == "postgresql" and (users is None or cached is not None):
                    # The usual send (to the tenant, or users this process knows): one statement, one round trip.
                    notification, recipients, delivered, skipped, seq = await _store_at_once(
                        connection, draft, tenant, sender, cached, runtime.reaches, audience, runtime.now()
                    )
                else:
                    notification, recipients, delivered, skipped, seq = await _store(
                        runtime, connection, draft, tenant, sender, users, cached, audience
                    )
            if runtime.reaches:
                runtime.outbox_written.set()  # this process's worker starts on it now, not at its next look
            # Still inside the tenant's order, so events leave in the order of their numbers; with the connection back
            # in the pool, so a Redis slow to answer holds up no other request. One that is lost (Redis down for this
            # process, or the process gone) is noticed by listeners from the numbers (`services.live`).
            if delivered:
                whole_tenant = users is None and audience.everyone and skipped == 0
                event = added_event(notification, recipients, seq, whole_tenant=whole_tenant)
                await runtime.channels.publish(tenant_channel(tenant), event)
                metrics.published(started)
    except IntegrityError:
        # The same sender (of the Python API: a token's are named per tenant) raced itself with one idempotency key
        # across two tenants; the first one won.
        if draft.idempotency_key is not None:
            first = await earlier(runtime, sender, draft.idempotency_key)
            if first is not None:
                return first
        raise
    return SendResult(notification=notification, delivered=delivered, skipped=skipped)


Stored = tuple[Notification, list[int] | None, int, int, int]  # recipients (None: a tenant), counts, event number


async def _store_at_once(
    connection: AsyncConnection,
    draft: Draft,
    tenant: str,
    sender: str,
    registered: dict[str, int] | None,
    reaches: tuple[Reach, ...] = (),
    audience: Audience = EVERYONE,
    now: datetime | None = None,
) -> Stored:
    row = _message(draft, tenant, sender, now)
    async with autocommitted(connection):
        users = list(registered.values()) if registered is not None else None
        recipients, seq = await delivery.store_and_deliver(connection, row, users, reaches, audience)
    return Notification.of(row), recipients, row.delivered_count, row.skipped_count, seq


async def _store(
    runtime: Runtime,
    connection: AsyncConnection,
    draft: Draft,
    tenant: str,
    sender: str,
    users: list[str] | None,
    cached: dict[str, int] | None,
    audience: Audience = EVERYONE,
) -> Stored:
    """Any send, on any database: the message, its inbox rows and the tenant's next event number (if anyone received
    it), in one transaction; registers unknown users."""
    async with runtime.transaction(bind=connection) as session:
        chosen: ColumnElement[bool]
        registered: dict[str, int] | None = None
        if users is None:
            chosen = audience.condition(tenant)
        else:
            registered = cached if cached is not None else await ensure_users(session, tenant, users)
            chosen = one_of(session, User.id, registered.values())
        row = _message(draft, tenant, sender, runtime.now())
        session.add(row)
        await session.flush()
        recipients, delivered, skipped = await delivery.deliver(
            session,
            row,
            chosen,
            listed=len(registered) if registered is not None else None,
            reaches=runtime.reaches,
        )
        row.delivered_count, row.skipped_count = delivered, skipped
        seq = await sequence.advance(session, tenant) if delivered else 0
    if registered is not None:
        remember(runtime, tenant, registered)
    return Notification.of(row), recipients, delivered, skipped, seq


def _message(draft: Draft, tenant: str, sender: str, now: datetime | None = None) -> Message:
    return Message(
        tenant_id=tenant,
        sender=sender,
        type=draft.type,
        title=draft.title,
        body=draft.message,
        priority=int(draft.priority),
        action_url=draft.action_url,
        action_text=draft.action_text,
        data=draft.metadata,
        created_at=now if now is not None else utcnow(),
        expires_at=draft.expires_at,
        idempotency_key=draft.idempotency_key,
        group_key=draft.group_key,
    )


async def earlier(
    runtime: Runtime, sender: str, key: str, connection: AsyncConnection | None = None
) -> SendResult | None:
    """The result of `sender`'s send with idempotency key `key`, as a repeat answers it; None if there is none."""
    async with runtime.transaction(bind=connection) as session:
        row = (
            await session.execute(select(Message).where(Message.sender == sender, Message.idempotency_key == key))
        ).scalar_one_or_none()
    if row is None:
        return None
    return SendResult(Notification.of(row), row.delivered_count, row.skipped_count, duplicate=True)
