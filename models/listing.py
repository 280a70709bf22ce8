"""A user's inbox as it is read: keyset pages newest first, what a reconnecting subscriber missed, one notification,
and the rows a change of read state lists. Only visible rows (`models.inbox.visible`) are listed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, bindparam, case, cast, func, null, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from models.base import Id, UtcDateTime, limit_in_sql, one_of, utcnow
from models.inbox import InboxEntry, visible
from models.inbox_filter import Filter, Shape, conditions
from models.message import Message
from models.reads import Bind, Read

# What a recipient's copy of a message reads as: the message's content, then the entry's states. Selected as plain
# columns: building ORM entities for a page of rows cost more than PostgreSQL took to find them.
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
    InboxEntry.seen_at,
    InboxEntry.archived_at,
    InboxEntry.snoozed_until,
    InboxEntry.group_key,
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
    datetime | None,
    datetime | None,
    datetime | None,
    str | None,
]
# A grouped listing's entries: a `Listed` row, then how many rows its group has (None: not grouped).
GroupedRow = tuple[Listed, int | None]


@lru_cache(maxsize=1024)
def _listing(shape: Shape, *, grouped: bool, keyset: bool, newest_first: bool, limit: int) -> Read:
    """A user's rows (`LISTED`) that a filter of `shape` selects, ordered by message id, at most `limit` of them,
    built once per shape and page size (clients use few): building and keying the statement each time is Python a
    request need not pay. The values are parameters (`Filter.values`), and `bound` (the keyset).

    `grouped`: of the rows with a group key, only each group's newest is listed, with the number of the group's
    rows the filter selects; one row of the group stands for it, so keyset paging on its id still holds.

    The limit is in the SQL. As a parameter, PostgreSQL's plan cache judged the generic plan dearer (it guesses a
    tenth of the rows for an unknown LIMIT) and planned every execution anew, which on the partitioned table
    (migration 0005) took longer than running it (BENCHMARKS.md, *Inbox rows*)."""
    clauses = conditions(shape)
    if keyset:
        bound = bindparam("bound", type_=Id)
        clauses.append(InboxEntry.message_id < bound if newest_first else InboxEntry.message_id > bound)
    group_count: Any = cast(null(), Integer)
    if grouped:
        other = aliased(InboxEntry)
        same_group = [*conditions(shape, other), other.group_key == InboxEntry.group_key]
        newer_in_group = select(other.message_id).where(*same_group, other.message_id > InboxEntry.message_id)
        clauses.append(or_(InboxEntry.group_key.is_(None), ~newer_in_group.exists()))
        counted = select(func.count()).select_from(other).where(*same_group).scalar_subquery()
        group_count = case((InboxEntry.group_key.is_not(None), counted))
    order = InboxEntry.message_id.desc() if newest_first else InboxEntry.message_id.asc()
    return Read(
        select(*LISTED, group_count)
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
    filter: Filter | None = None,
    grouped: bool = False,
) -> Sequence[GroupedRow]:
    """Newest first, keyset on message id: `limit` rows with ids below `before`."""
    filter = filter or Filter()
    statement = _listing(filter.shape, grouped=grouped, keyset=before is not None, newest_first=True, limit=limit)
    values = filter.values(user_id, utcnow())
    values["bound"] = before
    return [(row[:-1], row[-1]) for row in await statement.rows(bind, values)]


async def newer(bind: Bind, user_id: int, *, after: int, limit: int) -> Sequence[Listed]:
    """Oldest first, the rows with ids above `after`: what a reconnecting subscriber missed. Archived ones too: a
    client caches what it was sent, and a row is archived only after it was."""
    shape = Filter(archived=None).shape
    statement = _listing(shape, grouped=False, keyset=True, newest_first=False, limit=limit)
    rows = await statement.rows(bind, {"user": user_id, "now": utcnow(), "bound": after})
    return [row[:-1] for row in rows]


@lru_cache(maxsize=256)
def _counting(shape: Shape) -> Read:
    return Read(select(func.count()).select_from(InboxEntry).where(*conditions(shape)))


async def count(bind: Bind, user_id: int, filter: Filter) -> int:
    """How many of the user's rows `filter` selects: every one of them counted."""
    row = await _counting(filter.shape).first(bind, filter.values(user_id, utcnow()))
    return int(row[0]) if row is not None else 0


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


async def held_among(session: AsyncSession, user_id: int, message_ids: Collection[int]) -> set[int]:
    """Which of `message_ids` the user holds (not expired), whatever their other states."""
    if not message_ids:
        return set()
    rows = await session.execute(
        select(InboxEntry.message_id).where(
            InboxEntry.user_id == user_id, one_of(session, InboxEntry.message_id, message_ids), visible(utcnow())
        )
    )
    return set(rows.scalars())
