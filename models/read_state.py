"""Marking a user's inbox rows read or unread, and deleting the read ones, each keeping the kept unread count exact
(`models.unread`: both take the user's lock)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import unread
from models.base import utcnow
from models.inbox import InboxEntry, visible


async def set_read(session: AsyncSession, user_id: int, message_ids: Sequence[int] | None, read: bool) -> list[int]:
    """Mark the given messages (all, when None) read or unread, keeping the kept unread count exact (see
    `models.unread`); returns the ids of the rows that changed state."""
    counted = await unread.lock(session, user_id)
    clauses = [InboxEntry.user_id == user_id, visible(utcnow())]
    if message_ids is not None:
        clauses.append(InboxEntry.message_id.in_(list(message_ids)))
    clauses.append(InboxEntry.read_at.is_(None) if read else InboxEntry.read_at.is_not(None))
    changed = (
        await session.execute(
            update(InboxEntry)
            .where(*clauses)
            .values(read_at=utcnow() if read else None)
            .returning(InboxEntry.message_id, InboxEntry.expires_at)
            .execution_options(synchronize_session=False)
        )
    ).all()
    counted_rows = [expires for message_id, expires in changed if message_id <= counted]
    if counted_rows:
        change = -len(counted_rows) if read else len(counted_rows)
        expiring = not read and any(expires is not None for expires in counted_rows)
        await unread.adjust(session, user_id, change, expiring=expiring)
    return [message_id for message_id, _ in changed]


async def delete_read(session: AsyncSession, user_id: int) -> int:
    # The user's lock, as `set_read` takes: on PostgreSQL, marking a row unread moves it to the other partition, and
    # a deletion that met the row while it moved would fail rather than wait and look again.
    await unread.lock(session, user_id)
    result = await session.execute(
        delete(InboxEntry)
        .where(InboxEntry.user_id == user_id, InboxEntry.read_at.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
