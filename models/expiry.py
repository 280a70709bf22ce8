"""Expiring notifications ahead of their time (the data admin's action): each recipient's copy stops being listed
and counted at once, as if its `expires_at` had passed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import one_of
from models.inbox import InboxEntry
from models.message import Message
from models.unread import UnreadCount, lock_all


async def expire(
    session: AsyncSession, message_ids: Collection[int], now: datetime, *, tenant_id: str | None
) -> list[int]:
    """Expire `message_ids` (those of `tenant_id`, or of any tenant if None, not expired yet) and their inbox rows;
    returns the ids expired. In a transaction.

    Kept unread counts are exact only while `valid_until` bounds the expiries they counted, so the recipients' are
    locked first (a recount waits for this transaction) and marked due for a recount."""
    if not message_ids:
        return []
    live = or_(Message.expires_at.is_(None), Message.expires_at > now)
    chosen = select(Message.id).where(Message.id.in_(list(message_ids)), live)
    if tenant_id is not None:
        chosen = chosen.where(Message.tenant_id == tenant_id)
    ids = list((await session.execute(chosen)).scalars())
    if not ids:
        return []
    users = set(
        (await session.execute(select(InboxEntry.user_id).where(InboxEntry.message_id.in_(ids)).distinct())).scalars()
    )
    await lock_all(session, users)
    await session.execute(update(Message).where(Message.id.in_(ids)).values(expires_at=now))
    await session.execute(
        update(InboxEntry)
        .where(InboxEntry.message_id.in_(ids), or_(InboxEntry.expires_at.is_(None), InboxEntry.expires_at > now))
        .values(expires_at=now)
    )
    if users:
        await session.execute(
            update(UnreadCount).where(one_of(session, UnreadCount.user_id, users)).values(valid_until=now)
        )
    return sorted(ids)
