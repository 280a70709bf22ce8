"""Live streams of the caller's own inbox."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from functools import partial

from resolvers.context import Info
from resolvers.websocket import CLOSE_TRY_AGAIN_LATER
from schema.types import Notification
from services import subscriptions

_TOO_SLOW = "Subscriber too slow; reconnect and resume with `after`"


def _on_overflow(info: Info) -> Callable[[], None] | None:
    disconnect = info.context.disconnect
    return partial(disconnect, CLOSE_TRY_AGAIN_LATER, _TOO_SLOW) if disconnect is not None else None


async def notification_added(info: Info, after: str | None = None) -> AsyncGenerator[Notification, None]:
    context = info.context
    stream = subscriptions.notifications_added(context.runtime, context.require_principal(), after, _on_overflow(info))
    async for notification in stream:
        yield Notification.of(notification)


async def unread_count_changed(info: Info) -> AsyncGenerator[int, None]:
    context = info.context
    async for count in subscriptions.unread_count_changes(
        context.runtime, context.require_principal(), _on_overflow(info)
    ):
        yield count
