"""A user's inbox as it is read: keyset pages newest first, what a reconnecting subscriber missed, one notification,
and the rows a change of read state lists. Only visible rows (`models.inbox.visible`) are listed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import Id, UtcDateTime, limit_in_sql, one_of, utcnow
from models.inbox import InboxEntry, visible
from models.message import Message, Priority
from models.reads import Bind, Read

# What a recipient's copy of a message reads as: the message's content, then the entry's read state. Selected as
# plain columns: building ORM entities for a page of rows cost more than PostgreSQL took to find them.
LISTED = (
    Message.id,
    Message.type,
    Message.title,
    Message.body,
    Message.priority,
    Message.action_url,
    Message.action_text,
    Message.data,
    Message.created_at,
    Message.expires_at,
    InboxEntry.read_at,
)
Listed = tuple[
    int,
    str,
    str,
    str,
    int,
    str | None,
    str | None,
    dict[str, Any],
    datetime,
    datetime | None,
    datetime | None,
]


@lru_cache(maxsize=1024)
def _listing(*, unread: bool | None, typed: bool, floored: bool, keyset: bool, newest_first: bool, limit: int) -> Read:
    """A user's visible rows (`LISTED`), filtered and ordered by message id, at most `limit` of them, built once per
    combination of filters (at most 48) and page size (clients use few): building and keying the statement each
    time is Python a request need not pay. The other values are parameters: user, now, types, min_priority and
    bound (the keyset).

    The limit is in the SQL. As a parameter, PostgreSQL's plan cache judged the generic plan dearer (it guesses a
    tenth of the rows for an unknown LIMIT) and planned every execution anew, which on the partitioned table
    (migration 0005) took longer than running it (BENCHMARKS.md, *Inbox rows*)."""
    clauses = [InboxEntry.user_id == bindparam("user", type_=Id), visible(bindparam("now", type_=UtcDateTime))]
    if unread is True:
        clauses.append(InboxEntry.read_at.is_(None))
    elif unread is False:
        clauses.append(InboxEntry.read_at.is_not(None))
    if typed:
        clauses.append(InboxEntry.type.in_(bindparam("types", expanding=True)))
    if floored:
        clauses.append(InboxEntry.priority >= bindparam("min_priority"))
    if keyset:
        bound = bindparam("bound", type_=Id)
        clauses.append(InboxEntry.message_id < bound if newest_first else InboxEntry.message_id > bound)
    order = InboxEntry.message_id.desc() if newest_first else InboxEntry.message_id.asc()
    return Read(
        select(*LISTED)
        .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
        .where(*clauses)
        .order_by(order)
        .limit(limit_in_sql(limit))
    )


async def page(
    bind: Bind,
    user_id: int,
    *,
    before: int | None,
    limit: int,
    unread: bool | None = None,
    types: Sequence[str] | None = None,
    min_priority: int | None = None,
) -> Sequence[Listed]:
    """Newest first, keyset on message id: `limit` rows with ids below `before`."""
    floored = min_priority is not None and min_priority > Priority.LOW
    statement = _listing(
        unread=unread, typed=bool(types), floored=floored, keyset=before is not None, newest_first=True, limit=limit
    )
    values = {"user": user_id, "now": utcnow(), "bound": before}
    if types:
        values["types"] = list(types)
    if floored:
        values["min_priority"] = min_priority
    return await statement.rows(bind, values)


async def newer(bind: Bind, user_id: int, *, after: int, limit: int) -> Sequence[Listed]:
    """Oldest first, the rows with ids above `after`: what a reconnecting subscriber missed."""
    statement = _listing(unread=None, typed=False, floored=False, keyset=True, newest_first=False, limit=limit)
    return await statement.rows(bind, {"user": user_id, "now": utcnow(), "bound": after})


_ONE = Read(
    select(*LISTED)
    .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
    .where(
        InboxEntry.user_id == bindparam("user", type_=Id),
        InboxEntry.message_id == bindparam("message", type_=Id),
        visible(bindparam("now", type_=UtcDateTime)),
    )
)


async def one(bind: Bind, user_id: int, message_id: int) -> Listed | None:
    return await _ONE.first(bind, {"user": user_id, "message": message_id, "now": utcnow()})


_NEWEST = Read(select(func.max(InboxEntry.message_id)).where(InboxEntry.user_id == bindparam("user", type_=Id)))


async def newest(bind: Bind, user_id: int) -> int:
    """The id of the user's newest row, whatever its state (0: none): where a subscription without a cursor starts."""
    row = await _NEWEST.first(bind, {"user": user_id})
    return int(row[0] or 0) if row is not None else 0


async def listed_among(session: AsyncSession, user_id: int, message_ids: Collection[int]) -> Sequence[Listed]:
    """The user's visible rows among `message_ids`, newest first."""
    if not message_ids:
        return []
    rows = await session.execute(
        select(*LISTED)
        .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
        .where(InboxEntry.user_id == user_id, one_of(session, InboxEntry.message_id, message_ids), visible(utcnow()))
        .order_by(InboxEntry.message_id.desc())
    )
    return [tuple(row) for row in rows]
