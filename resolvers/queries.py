"""Reading the caller's own inbox and preferences; for senders, what they sent."""

from __future__ import annotations

import strawberry

from resolvers.context import Info
from schema.types import (
    Notification,
    NotificationConnection,
    NotificationFilter,
    NotificationPreferences,
    NotificationStatus,
    SentNotificationConnection,
)
from services import history, inbox, preferences

_UNREAD = {NotificationStatus.UNREAD: True, NotificationStatus.READ: False, NotificationStatus.ALL: None}


async def notifications(
    info: Info, first: int = 20, after: str | None = None, filter: NotificationFilter | None = None
) -> NotificationConnection:
    f = filter or NotificationFilter()
    page = await inbox.list_notifications(
        info.context.runtime,
        info.context.require_principal(),
        first=first,
        after=after,
        unread=_UNREAD[f.status],
        types=f.types,
        min_priority=f.min_priority.level if f.min_priority else None,
    )
    return NotificationConnection.of(page)


async def notification(info: Info, id: strawberry.ID) -> Notification:
    return Notification.of(await inbox.get_notification(info.context.runtime, info.context.require_principal(), id))


async def unread_count(info: Info, types: list[str] | None = None) -> int:
    return await inbox.unread_count(info.context.runtime, info.context.require_principal(), types)


async def recent_notifications(info: Info, limit: int = 10) -> list[Notification]:
    found = await inbox.recent_notifications(info.context.runtime, info.context.require_principal(), limit)
    return [Notification.of(n) for n in found]


async def notification_preferences(info: Info) -> NotificationPreferences:
    return NotificationPreferences.of(
        await preferences.get_preferences(info.context.runtime, info.context.require_principal())
    )


async def sent_notifications(
    info: Info, first: int = 20, after: str | None = None, tenant_id: strawberry.ID | None = None
) -> SentNotificationConnection:
    context = info.context
    tenant = str(tenant_id) if tenant_id is not None else None
    page = await history.sent_notifications(
        context.runtime, context.require_principal(), tenant, first=first, after=after
    )
    return SentNotificationConnection.of(page)
