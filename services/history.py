"""What senders sent: a tenant's notification history with delivery counts, for the admin view."""

from __future__ import annotations

from dataclasses import dataclass

from models.message import Message, sent_one, sent_page
from services.auth import Principal, readable_sender
from services.draft import check_external_id
from services.errors import BadInput, NotFound
from services.inbox import MAX_PAGE, decode_cursor
from services.notification import Notification
from services.runtime import Runtime


@dataclass(frozen=True)
class Sent:
    notification: Notification
    sender: str
    delivered: int
    skipped: int
    tenant: str
    read: int

    @property
    def sender_name(self) -> str:
        return readable_sender(self.sender)


@dataclass(frozen=True)
class SentPage:
    sent: list[Sent]
    has_next_page: bool


async def sent_notifications(
    runtime: Runtime, principal: Principal, tenant_id: str | None, *, first: int = 20, after: str | None = None
) -> SentPage:
    tenant = tenant_id if tenant_id is not None else principal.tenant_id
    check_external_id("tenant id", tenant)
    principal.require_sender_for(tenant)
    if not 0 <= first <= MAX_PAGE:
        raise BadInput(f"`first` must be between 0 and {MAX_PAGE}.")
    before = decode_cursor(after) if after is not None else None
    async with runtime.reading() as session:
        rows = await sent_page(session, tenant, before=before, limit=first + 1)
    return SentPage([_sent(m) for m in rows[:first]], has_next_page=len(rows) > first)


async def sent_notification(runtime: Runtime, principal: Principal, tenant_id: str | None, id: str) -> Sent:
    """One of the tenant's sent notifications; NOT_FOUND for another tenant's, which cannot be told from none."""
    tenant = tenant_id if tenant_id is not None else principal.tenant_id
    check_external_id("tenant id", tenant)
    principal.require_sender_for(tenant)
    if not id.isascii() or not id.isdigit() or len(id) > 18:
        raise NotFound("No such sent notification.")
    async with runtime.reading() as session:
        message = await sent_one(session, tenant, int(id))
    if message is None:
        raise NotFound("No such sent notification.")
    return _sent(message)


def _sent(message: Message) -> Sent:
    return Sent(
        Notification.of(message),
        message.sender,
        message.delivered_count,
        message.skipped_count,
        message.tenant_id,
        message.read_count,
    )
