"""Changing the caller's inbox and preferences; sending, for admin and service callers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, cast

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from resolvers.context import Info
from schema.types import (
    DeleteResult,
    MarkResult,
    NotificationContent,
    NotificationFilter,
    RegisterUsersInput,
    RegisterUsersResult,
    SendBulkNotificationsInput,
    SendNotificationInput,
    SendResult,
    SendTenantNotificationInput,
)
from schema.types import Notification as NotificationType
from services import inbox, recipients, sending
from services.draft import Draft
from services.errors import BadInput

SomeIds = Annotated[
    list[strawberry.ID] | None,
    strawberry.argument(
        description="Notification ids, at most 1,000. An id not in the caller's inbox (unknown, expired or someone "
        "else's) fails the call with NOT_FOUND, and nothing changes. Give this or `filter`, not both."
    ),
]
LenientIds = Annotated[
    list[strawberry.ID] | None,
    strawberry.argument(
        description="Notification ids, at most 1,000; ids not in the caller's inbox are ignored. Give this or "
        "`filter`, not both."
    ),
]
Selected = Annotated[
    NotificationFilter | None,
    strawberry.argument(description="Every notification of the caller's that the filter selects. Give this or `ids`."),
]


async def mark_notifications_read(info: Info, ids: LenientIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.READ, ids, filter, strict=False)


async def mark_all_notifications_read(info: Info) -> MarkResult:
    return await _change(info, inbox.Action.READ, None, NotificationFilter(archived=None))


async def mark_notifications_unread(info: Info, ids: LenientIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.UNREAD, ids, filter, strict=False)


async def mark_notifications_seen(info: Info, ids: SomeIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.SEEN, ids, filter)


async def mark_notifications_unseen(info: Info, ids: SomeIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.UNSEEN, ids, filter)


async def archive_notifications(info: Info, ids: SomeIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.ARCHIVE, ids, filter)


async def unarchive_notifications(info: Info, ids: SomeIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.UNARCHIVE, ids, filter)


async def delete_notifications(info: Info, ids: SomeIds = None, filter: Selected = None) -> MarkResult:
    return await _change(info, inbox.Action.DELETE, ids, filter)


async def snooze_notifications(
    info: Info,
    ids: Annotated[
        list[strawberry.ID],
        strawberry.argument(
            description="Notification ids, at most 1,000. An id not in the caller's inbox fails the call with "
            "NOT_FOUND, and nothing changes."
        ),
    ],
    until: Annotated[
        datetime,
        strawberry.argument(
            description="When they come back, unread and delivered live again; in the future (else SNOOZE_IN_PAST)."
        ),
    ],
) -> MarkResult:
    return await _change(info, inbox.Action.SNOOZE, ids, None, until=until)


async def _change(
    info: Info,
    action: inbox.Action,
    ids: list[strawberry.ID] | None,
    filter: NotificationFilter | None,
    *,
    until: datetime | None = None,
    strict: bool = True,
) -> MarkResult:
    # The notifications are read back only when selected: most callers (a bell's badge) want the counts alone.
    listed = any(_selects(field.selections, "notifications") for field in info.selected_fields)
    change = await inbox.change(
        info.context.runtime,
        info.context.require_principal(),
        action,
        ids=ids,
        filter=filter.selection() if filter is not None else None,
        until=until,
        listed=listed,
        strict=strict,
    )
    return MarkResult(
        updated_count=change.updated,
        unread_count=change.unread,
        notifications=[NotificationType.of(n) for n in change.notifications],
    )


def _selects(selections: list[Selection], name: str) -> bool:
    """Whether `name` is among these selections, directly or through fragments."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        elif _selects(selection.selections, name):
            return True
    return False


async def delete_read_notifications(info: Info) -> DeleteResult:
    return DeleteResult(deleted_count=await inbox.delete_read(info.context.runtime, info.context.require_principal()))


def _draft(content: NotificationContent) -> Draft:
    # strawberry's JSON scalar is typed as `object`; the draft checks that it really is an object.
    metadata = cast(dict[str, Any], content.metadata if content.metadata is not None else {})
    return Draft(
        type=content.type,
        title=content.title,
        message=content.message,
        priority=content.priority.level,
        action_url=content.action_url,
        action_text=content.action_text,
        metadata=metadata,
        expires_at=content.expires_at,
        idempotency_key=content.idempotency_key,
        group_key=content.group_key,
    )


async def _send(info: Info, content: NotificationContent, tenant_id: str | None, users: list[str] | None) -> SendResult:
    principal = info.context.require_principal()
    tenant = str(tenant_id) if tenant_id is not None else principal.tenant_id
    principal.require_sender_for(tenant)
    draft = _draft(content)  # validated before anything is written
    result = await sending.send_draft(
        info.context.runtime, draft, tenant=tenant, users=users, sender=principal.sender_for(tenant), limited=True
    )
    return SendResult.of(result)


_WHAT = strawberry.argument(description="The recipient(s) and the content.")


async def send_notification(info: Info, input: Annotated[SendNotificationInput, _WHAT]) -> SendResult:
    return await _send(info, input, input.tenant_id, [str(input.user_id)])


async def send_bulk_notifications(info: Info, input: Annotated[SendBulkNotificationsInput, _WHAT]) -> SendResult:
    return await _send(info, input, input.tenant_id, [str(u) for u in input.user_ids])


async def send_tenant_notification(info: Info, input: Annotated[SendTenantNotificationInput, _WHAT]) -> SendResult:
    return await _send(info, input, input.tenant_id, None)


async def register_users(
    info: Info, input: Annotated[RegisterUsersInput, strawberry.argument(description="The users and their tenant.")]
) -> RegisterUsersResult:
    principal = info.context.require_principal()
    tenant = str(input.tenant_id) if input.tenant_id is not None else principal.tenant_id
    principal.require_sender_for(tenant)
    contacts = {
        str(u.user_id): {
            k: v for k, v in (("email", u.email), ("phone", u.phone), ("locale", u.locale)) if v is not None
        }
        for u in input.users
        if u.email is not None or u.phone is not None or u.locale is not None
    }
    if len({str(u.user_id) for u in input.users}) != len(input.users):
        raise BadInput("Each user may appear once.")
    registered = await recipients.register_users(
        info.context.runtime, tenant, [str(u.user_id) for u in input.users], contacts
    )
    return RegisterUsersResult(registered=len(registered))
