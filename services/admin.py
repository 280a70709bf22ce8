"""The data admin's actions: expiring notifications and retrying failed deliveries, within the acting scope."""

from __future__ import annotations

from collections.abc import Collection

from models import expiry, outbox
from models.base import utcnow
from services.runtime import Runtime


async def expire_notifications(runtime: Runtime, tenant_id: str | None, ids: Collection[int]) -> int:
    """Expire the notifications among `ids` of `tenant_id` (any tenant if None); returns how many were expired."""
    async with runtime.transaction() as session:
        return len(await expiry.expire(session, ids, utcnow(), tenant_id=tenant_id))


async def retry_deliveries(runtime: Runtime, tenant_id: str | None, ids: Collection[int]) -> int:
    """Make the failed deliveries among `ids` to users of `tenant_id` (any tenant if None) due at once."""
    async with runtime.transaction() as session:
        retried = await outbox.retry_failed(session, tenant_id, now=utcnow(), limit=len(ids), ids=ids)
    if retried:
        runtime.outbox_written.set()  # this process's worker looks now rather than at its next poll
    return retried
