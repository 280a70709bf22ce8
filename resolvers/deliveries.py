"""For senders: a sent notification's deliveries beyond the inbox, their counts, and retrying failed ones."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.context import Info
from schema.deliveries import Delivery, DeliveryCount, DeliveryStatus, RetryDeliveriesInput, RetryDeliveriesResult
from services import deliveries


# `root` is the SentNotification these are fields of: the tenant was checked when it was read.
async def notification_deliveries(
    root: Any,
    info: Info,
    first: Annotated[int, strawberry.argument(description="How many to return: 0 to 100.")] = 20,
    status: Annotated[
        DeliveryStatus | None, strawberry.argument(description="Only those in this status; null for all.")
    ] = None,
    channel: Annotated[str | None, strawberry.argument(description="Only this channel's; null for all.")] = None,
) -> list[Delivery]:
    async with info.context.nested_reads():
        found = await deliveries.of_notification(
            info.context.runtime,
            root.tenant,
            int(root.notification.id),
            first=first,
            status=str(status.value) if status is not None else None,
            channel=channel,
        )
    return [Delivery.of(row) for row in found]


async def notification_delivery_counts(root: Any, info: Info) -> list[DeliveryCount]:
    async with info.context.nested_reads():
        found = await deliveries.counts(info.context.runtime, root.tenant, int(root.notification.id))
    return [DeliveryCount.of(count) for count in found]


async def retry_deliveries(
    info: Info, input: Annotated[RetryDeliveriesInput, strawberry.argument(description="Which to retry.")]
) -> RetryDeliveriesResult:
    given = deliveries.RetryFilter(
        notification_id=str(input.notification_id) if input.notification_id is not None else None,
        channel=input.channel,
        endpoint_id=str(input.endpoint_id) if input.endpoint_id is not None else None,
    )
    tenant = str(input.tenant_id) if input.tenant_id is not None else None
    retried = await deliveries.retry(info.context.runtime, info.context.require_principal(), tenant, given)
    return RetryDeliveriesResult(retried=retried)
