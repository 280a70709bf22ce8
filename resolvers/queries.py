"""Reading the caller's own inbox and preferences; for senders, what they sent."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from schema.types import (
    Notification,
    NotificationConnection,
    NotificationFilter,
    NotificationStatus,
    SentNotificationConnection,
)
from services import history, inbox

_UNREAD = {NotificationStatus.UNREAD: True, NotificationStatus.READ: False, NotificationStatus.ALL: None}

First = Annotated[int, strawberry.argument(description="How many to return: 0 to 100.")]
After = Annotated[
    str | None,
    strawberry.argument(
        description="A cursor this API returned (`endCursor`): list what comes after it. Null: from the newest."
    ),
]


async def notifications(
    info: Info,
    first: First = 20,
    after: After = None,
    filter: Annotated[
        NotificationFilter | None, strawberry.argument(description="Which notifications to include; null for all.")
    ] = None,
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
    return NotificationConnection.of(page, after)


async def notification(
    info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The notification's `id`.")]
) -> Notification:
    return Notification.of(await inbox.get_notification(info.context.runtime, info.context.require_principal(), id))


async def unread_count(
    info: Info,
    types: Annotated[
        list[str] | None,
        strawberry.argument(description="Count only these types (at most 50); null counts every type."),
    ] = None,
) -> int:
    return await inbox.unread_count(info.context.runtime, info.context.require_principal(), types)


async def recent_notifications(
    info: Info, limit: Annotated[int, strawberry.argument(description="How many to return: 1 to 50.")] = 10
) -> list[Notification]:
    found = await inbox.recent_notifications(info.context.runtime, info.context.require_principal(), limit)
    return [Notification.of(n) for n in found]


async def sent_notifications(
    info: Info,
    first: First = 20,
    after: After = None,
    tenant_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(
            description="Whose sends to list: the caller's tenant by default; only service callers may name another."
        ),
    ] = None,
) -> SentNotificationConnection:
    context = info.context
    tenant = str(tenant_id) if tenant_id is not None else None
    page = await history.sent_notifications(
        context.runtime, context.require_principal(), tenant, first=first, after=after
    )
    return SentNotificationConnection.of(page, after)
