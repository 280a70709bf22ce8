"""Live streams of the caller's own inbox: the resolvers, and the streams they (and `execution.plans`) serve."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable
from functools import partial
from typing import Annotated

import strawberry
from strawberry.utils.aio import aclosing

from resolvers.context import Context, Info
from schema.types import Notification, NotificationFilter
from services import subscriptions
from services.notification import Notification as NotificationData
from services.subscriptions import Outlet
from transport.close_codes import CLOSE_TRY_AGAIN_LATER

_TOO_SLOW = "Subscriber too slow; reconnect and resume with `after`"


def _on_overflow(context: Context) -> Callable[[], None] | None:
    disconnect = context.disconnect
    return partial(disconnect, CLOSE_TRY_AGAIN_LATER, _TOO_SLOW) if disconnect is not None else None


def notification_stream(
    context: Context, after: str | None, outlet: Outlet[NotificationData] | None = None
) -> AsyncIterator[NotificationData]:
    principal = context.require_principal()
    return subscriptions.notifications_added(context.runtime, principal, after, _on_overflow(context), outlet)


def unread_count_stream(context: Context, outlet: Outlet[int] | None = None) -> AsyncIterator[int]:
    principal = context.require_principal()
    return subscriptions.unread_count_changes(context.runtime, principal, _on_overflow(context), outlet)


# The streams are closed as soon as these are (`aclosing`), not whenever the collector gets to them: until then the
# feed would keep queueing into a subscriber nobody reads.


async def notification_added(
    info: Info,
    after: Annotated[
        str | None,
        strawberry.argument(
            description="The `cursor` of the newest notification the client has: every newer one comes first, oldest "
            "first. Null: only what is sent from now on."
        ),
    ] = None,
) -> AsyncGenerator[Notification, None]:
    async with aclosing(notification_stream(info.context, after)) as stream:
        async for notification in stream:
            yield Notification.of(notification)


async def unread_count_changed(info: Info) -> AsyncGenerator[int, None]:
    async with aclosing(unread_count_stream(info.context)) as stream:
        async for count in stream:
            yield count


async def counts_changed(
    info: Info,
    filters: Annotated[
        list[NotificationFilter],
        strawberry.argument(description="1 to 20 filters, as for `counts`; each value answers them in this order."),
    ],
) -> AsyncGenerator[list[int], None]:
    context = info.context
    selections = [f.selection() for f in filters]
    stream = subscriptions.counts_changes(
        context.runtime, context.require_principal(), selections, _on_overflow(context)
    )
    async with aclosing(stream) as counts:
        async for value in counts:
            yield value
