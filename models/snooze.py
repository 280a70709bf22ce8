"""Snoozes coming to an end: the rows whose `snoozed_until` has passed, claimed once by whichever process looks first.

Lists and counts show a row again as soon as its time has passed (`models.inbox.awake`), whether or not it was
claimed yet; claiming it (clearing `snoozed_until`) is what lets one process, and one only, announce it. On
PostgreSQL the claim skips rows another transaction holds (`SKIP LOCKED`): two processes claim different rows, and
a row a user is changing is claimed at the next look. SQLite has one writer at a time.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import one_of
from models.inbox import InboxEntry
from models.message import Message


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> list[tuple[int, int]]:
    """Clear the snoozes ended by `now`, at most `limit` of them, the earliest first; in a transaction. Returns the
    (user id, message id) of each row claimed. Clearing one changes no count (see `models.unread`)."""
    due = (
        select(InboxEntry.user_id, InboxEntry.message_id)
        .where(InboxEntry.snoozed_until <= now)
        .order_by(InboxEntry.snoozed_until)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.execute(
        update(InboxEntry)
        .where(tuple_(InboxEntry.user_id, InboxEntry.message_id).in_(due), InboxEntry.snoozed_until <= now)
        .values(snoozed_until=None)
        .returning(InboxEntry.user_id, InboxEntry.message_id)
        .execution_options(synchronize_session=False)
    )
    return [(int(user), int(message)) for user, message in claimed]


async def messages(session: AsyncSession, message_ids: Collection[int]) -> list[Message]:
    """The messages of claimed rows: what is announced again (each recipient's row is unread and unseen now)."""
    if not message_ids:
        return []
    return list((await session.execute(select(Message).where(one_of(session, Message.id, message_ids)))).scalars())
