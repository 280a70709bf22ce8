"""What became of a send beyond the inbox, for its senders: each delivery's status, counts by channel and status,
and retrying the failed ones."""

from __future__ import annotations

from dataclasses import dataclass

from models import outbox
from models.base import utcnow
from services.auth import Principal
from services.draft import check_external_id
from services.errors import BadInput
from services.inbox import MAX_PAGE
from services.runtime import Runtime

STATUSES = (outbox.PENDING, outbox.SENDING, outbox.SENT, outbox.FAILED)
# Per call: a retry of a tenant's every failure is a bounded statement; call again while it retries this many.
MAX_RETRIED = 10_000


@dataclass(frozen=True)
class Count:
    channel: str
    status: str
    count: int


async def of_notification(
    runtime: Runtime,
    tenant_id: str,
    notification_id: int,
    *,
    first: int,
    status: str | None = None,
    channel: str | None = None,
) -> list[outbox.Listed]:
    """The notification's deliveries (its tenant's sender view: the caller was checked for `tenant_id`)."""
    if not 0 <= first <= MAX_PAGE:
        raise BadInput(f"`first` must be between 0 and {MAX_PAGE}.")
    async with runtime.reading() as session:
        return await outbox.listed(session, tenant_id, notification_id, limit=first, status=status, channel=channel)


async def counts(runtime: Runtime, tenant_id: str, notification_id: int) -> list[Count]:
    async with runtime.reading() as session:
        return [Count(*row) for row in await outbox.counts(session, tenant_id, notification_id)]


@dataclass(frozen=True)
class RetryFilter:
    notification_id: str | None = None
    channel: str | None = None
    endpoint_id: str | None = None


def _number(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadInput(f"`{name}` is not an id this API gave.")
    return int(value)


async def retry(runtime: Runtime, principal: Principal, tenant_id: str | None, given: RetryFilter) -> int:
    """Make the tenant's failed deliveries that match `given` due again, at most MAX_RETRIED; how many."""
    tenant = tenant_id if tenant_id is not None else principal.tenant_id
    check_external_id("tenant id", tenant)
    principal.require_admin_of(tenant)
    message_id = _number(given.notification_id, "notificationId")
    endpoint_id = _number(given.endpoint_id, "endpointId")
    if given.channel is not None and given.channel not in runtime.settings.channel_names:
        known = ", ".join(runtime.settings.channel_names) or "none"
        raise BadInput(f"`channel` must be a channel this deployment delivers on ({known}).")
    async with runtime.transaction() as session:
        retried = await outbox.retry_failed(
            session,
            tenant,
            now=utcnow(),
            limit=MAX_RETRIED,
            message_id=message_id,
            channel=given.channel,
            endpoint_id=endpoint_id,
        )
    if retried:
        runtime.outbox_written.set()  # this process's worker looks at once
    return retried
