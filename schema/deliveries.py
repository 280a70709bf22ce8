"""GraphQL types of what became of a send beyond the inbox: its deliveries by email, SMS and webhook."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from channels.base import delivery_key
from models import outbox
from services import deliveries as deliveries_service


@strawberry.enum(description="Where a delivery stands.")
class DeliveryStatus(enum.Enum):
    PENDING = strawberry.enum_value(outbox.PENDING, description="Waiting for its first attempt, or its next one.")
    SENDING = strawberry.enum_value(outbox.SENDING, description="A worker holds it and is sending it now.")
    SENT = strawberry.enum_value(outbox.SENT, description="The provider accepted it.")
    FAILED = strawberry.enum_value(
        outbox.FAILED, description="Given up: refused for good, or still failing after the last attempt."
    )


@strawberry.type(description="One notification's delivery to one recipient on one channel (and webhook endpoint).")
class Delivery:
    id: strawberry.ID = strawberry.field(
        description="Its stable id, the same on every attempt: the email's Message-ID, the webhook's `webhook-id`, "
        "the SMS provider's idempotency key."
    )
    user_id: strawberry.ID = strawberry.field(description="The recipient, as your app names its users.")
    channel: str = strawberry.field(description="`email`, `sms`, `webhook`, or a channel of your own.")
    endpoint_id: strawberry.ID | None = strawberry.field(description="The webhook endpoint; null for other channels.")
    status: DeliveryStatus = strawberry.field(description="Where it stands.")
    attempts: int = strawberry.field(description="Attempts made so far (since the last retry asked for).")
    last_error: str | None = strawberry.field(description="Why the last attempt failed; null if it did not.")
    sent_at: datetime | None = strawberry.field(description="When the provider accepted it; null until then.")
    next_attempt_at: datetime | None = strawberry.field(description="When it is tried next, while pending.")

    @classmethod
    def of(cls, row: outbox.Listed) -> Delivery:
        return cls(
            id=strawberry.ID(delivery_key(row)),
            user_id=strawberry.ID(row.user),
            channel=row.channel,
            endpoint_id=strawberry.ID(str(row.endpoint_id)) if row.endpoint_id else None,
            status=DeliveryStatus(row.status),
            attempts=row.attempts,
            last_error=row.last_error,
            sent_at=row.sent_at,
            next_attempt_at=row.next_attempt_at if row.status == outbox.PENDING else None,
        )


@strawberry.type(description="How many of a notification's deliveries are on one channel in one status.")
class DeliveryCount:
    channel: str = strawberry.field(description="The channel.")
    status: DeliveryStatus = strawberry.field(description="The status.")
    count: int = strawberry.field(description="How many deliveries.")

    @classmethod
    def of(cls, count: deliveries_service.Count) -> DeliveryCount:
        return cls(channel=count.channel, status=DeliveryStatus(count.status), count=count.count)


@strawberry.input(description="Which failed deliveries to try again; all the conditions given must hold.")
class RetryDeliveriesInput:
    notification_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this notification's; null: every failed delivery of the tenant."
    )
    channel: str | None = strawberry.field(default=None, description="Only this channel's (`email`, `webhook`…).")
    endpoint_id: strawberry.ID | None = strawberry.field(default=None, description="Only this webhook endpoint's.")
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.type(description="What a retry did.")
class RetryDeliveriesResult:
    retried: int = strawberry.field(
        description=f"Failed deliveries made due again now, with a fresh count of attempts; at most "
        f"{deliveries_service.MAX_RETRIED:,} per call: call again while it answers that many."
    )
