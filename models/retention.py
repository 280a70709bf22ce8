"""What retention deletes, one small batch per statement: expired inbox rows, read ones read before a cutoff, and
messages no inbox row refers to any more.

Inbox rows are found by user (the tables are indexed by user, not by message), under the users' locks
(`models.unread.lock_all`): on PostgreSQL a row being marked read or unread moves between partitions, and a
deletion that met it moving would fail rather than wait. No kept unread count changes: read rows are not in any,
and an expired row was in one only while it was visible, so its count's `valid_until` has passed (see
`models.unread`). Whether any row refers to a message is one probe of the rows' index by message
(`ix_inbox_entries_message_id`): a user deleting their rows (`deleteNotifications`, `deleteReadNotifications`)
leaves messages nobody holds, which the pass over every message finds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import unread
from models.base import limit_in_sql, one_of
from models.inbox import InboxEntry
from models.message import Message
from models.outbox import Delivery, Fanout
from models.user import User

_OPEN = ("pending", "sending")


async def users_after(session: AsyncSession, after: int, count: int) -> list[int]:
    """The ids of the next `count` users after `after`, in id order."""
    found = select(User.id).where(User.id > after).order_by(User.id).limit(limit_in_sql(count))
    return list((await session.execute(found)).scalars())


def _due(now: datetime, read_before: datetime | None) -> ColumnElement[bool]:
    expired = and_(InboxEntry.expires_at.is_not(None), InboxEntry.expires_at <= now)
    if read_before is None:
        return expired
    return or_(expired, and_(InboxEntry.read_at.is_not(None), InboxEntry.read_at < read_before))


async def delete_inbox_rows(
    session: AsyncSession, user_ids: Collection[int], now: datetime, read_before: datetime | None, limit: int
) -> list[int]:
    """Delete the first `limit` of these users' due rows (in index order), and the due rows of the last user among
    them that are of the same messages (so at most twice `limit`); in a transaction. Returns the messages of the
    rows deleted, one id per row."""
    due = (
        select(InboxEntry.user_id, InboxEntry.message_id)
        .where(one_of(session, InboxEntry.user_id, user_ids), _due(now, read_before))
        .order_by(InboxEntry.user_id, InboxEntry.message_id)
        .limit(limit_in_sql(limit))
    )
    rows = [tuple(row) for row in await session.execute(due)]
    if not rows:
        return []
    users = {user_id for user_id, _ in rows}
    await unread.lock_all(session, users)
    # Users and messages as two arrays (one parameter each, one prepared statement), not the pairs: the other rows
    # they match are due as well, of users locked above, and only the last user can have any.
    messages = {message_id for _, message_id in rows}
    deleted = await session.execute(
        delete(InboxEntry)
        .where(
            one_of(session, InboxEntry.user_id, users),
            one_of(session, InboxEntry.message_id, messages),
            _due(now, read_before),
        )
        .returning(InboxEntry.message_id)
        .execution_options(synchronize_session=False)
    )
    return list(deleted.scalars())


def _referenced() -> ColumnElement[bool]:
    return exists().where(InboxEntry.message_id == Message.id)


async def messages_after(
    session: AsyncSession, after: int, count: int, now: datetime, created_before: datetime
) -> tuple[list[int], int | None]:
    """Among the next `count` messages after `after`: the expired ones, and those created before `created_before`
    that no inbox row refers to (nobody got them, or every recipient deleted theirs). Returns them and the last id
    looked at (None at the end)."""
    ids = select(Message.id).where(Message.id > after).order_by(Message.id).limit(limit_in_sql(count)).subquery()
    found = (
        select(Message.id, Message.expires_at, Message.created_at, _referenced().label("referenced"))
        .join(ids, ids.c.id == Message.id)
        .order_by(Message.id)
    )
    rows = (await session.execute(found)).all()
    if not rows:
        return [], None
    chosen = [
        message_id
        for message_id, expires_at, created_at, referenced in rows
        if (expires_at is not None and expires_at <= now) or (not referenced and created_at < created_before)
    ]
    return chosen, int(rows[-1][0])


async def delete_unreferenced_messages(session: AsyncSession, message_ids: Sequence[int]) -> int:
    """Delete those of `message_ids` no inbox row refers to and with no delivery still to make, written or waiting to
    be (with their finished deliveries); in a transaction. Returns how many messages were deleted."""
    if not message_ids:
        return 0
    open_delivery = exists().where(Delivery.message_id == Message.id, Delivery.status.in_(_OPEN))
    # A tenant send's channel deliveries not yet written by a worker (`delivery.expand`) are still to make.
    unexpanded = exists().where(Fanout.message_id == Message.id)
    gone = await session.execute(
        delete(Message)
        .where(one_of(session, Message.id, message_ids), ~_referenced(), ~open_delivery, ~unexpanded)
        .returning(Message.id)
        .execution_options(synchronize_session=False)
    )
    deleted = list(gone.scalars())
    if deleted:
        await session.execute(
            delete(Delivery)
            .where(one_of(session, Delivery.message_id, deleted))
            .execution_options(synchronize_session=False)
        )
    return len(deleted)
