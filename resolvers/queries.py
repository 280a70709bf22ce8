"""Reading the caller's own inbox and preferences; for senders, what they sent."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from schema.types import (
    Notification,
    NotificationConnection,
    NotificationFilter,
    SentNotification,
    SentNotificationConnection,
)
from services import history, inbox

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
    grouped: Annotated[
        bool,
        strawberry.argument(
            description="true: notifications with the same `groupKey` are one entry, the group's newest, with "
            "`groupCount`; expand one with `filter: {groupKey: ...}`. Each keeps its own state."
        ),
    ] = False,
) -> NotificationConnection:
    page = await inbox.list_notifications(
        info.context.runtime,
        info.context.require_principal(),
        first=first,
        after=after,
        filter=(filter or NotificationFilter()).selection(),
        grouped=grouped,
    )
    return NotificationConnection.of(page, after)


async def counts(
    info: Info,
    filters: Annotated[
        list[NotificationFilter],
        strawberry.argument(description="1 to 20 filters; each is answered with how many notifications it selects."),
    ],
) -> list[int]:
    selections = [f.selection() for f in filters]
    return await inbox.count_notifications(info.context.runtime, info.context.require_principal(), selections)


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


async def sent_notification(
    info: Info,
    id: Annotated[strawberry.ID, strawberry.argument(description="The notification's `id`.")],
    tenant_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(
            description="Whose send it is: the caller's tenant by default; only service callers may name another."
        ),
    ] = None,
) -> SentNotification:
    context = info.context
    tenant = str(tenant_id) if tenant_id is not None else None
    return SentNotification.of(
        await history.sent_notification(context.runtime, context.require_principal(), tenant, str(id))
    )
