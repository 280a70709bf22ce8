"""Live streams of the caller's own inbox."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from resolvers.context import Info
from schema.types import Notification
from services import subscriptions


async def notification_added(info: Info, after: str | None = None) -> AsyncGenerator[Notification, None]:
    stream = subscriptions.notifications_added(info.context.runtime, info.context.require_principal(), after)
    async for notification in stream:
        yield Notification.of(notification)


async def unread_count_changed(info: Info) -> AsyncGenerator[int, None]:
    async for count in subscriptions.unread_count_changes(info.context.runtime, info.context.require_principal()):
        yield count
