"""Changing the states of a user's inbox rows (read, seen, archived, snoozed) and deleting them, each keeping the kept
unread count exact (`models.unread`: every change takes the user's lock, then adjusts the count for the rows at or
below `counted` that entered or left it).

A change selects rows by ids or by a filter (`models.inbox_filter`), and touches only those it changes: marking read
what is read already changes nothing and counts nothing. Expired rows are never changed.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import unread
from models.base import Id, UtcDateTime, utcnow
from models.inbox import InboxEntry, visible
from models.inbox_filter import Filter, conditions


class Action(enum.Enum):
    READ = "read"
    UNREAD = "unread"
    SEEN = "seen"
    UNSEEN = "unseen"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"
    DELETE = "delete"
    SNOOZE = "snooze"


# Which rows each action changes, and what it writes. A read row is seen as well (`models.inbox`), so marking read
# marks seen, and only unread rows can be marked unseen. A snoozed row comes back unread and unseen.
_NOW = bindparam("now", type_=UtcDateTime)
_CHANGES: dict[Action, tuple[list[ColumnElement[bool]], dict[str, Any]]] = {
    Action.READ: (
        [InboxEntry.read_at.is_(None)],
        {"read_at": _NOW, "seen_at": func.coalesce(InboxEntry.seen_at, _NOW)},
    ),
    Action.UNREAD: ([InboxEntry.read_at.is_not(None)], {"read_at": None}),
    Action.SEEN: ([InboxEntry.seen_at.is_(None)], {"seen_at": _NOW}),
    Action.UNSEEN: ([InboxEntry.seen_at.is_not(None), InboxEntry.read_at.is_(None)], {"seen_at": None}),
    Action.ARCHIVE: ([InboxEntry.archived_at.is_(None)], {"archived_at": _NOW}),
    Action.UNARCHIVE: ([InboxEntry.archived_at.is_not(None)], {"archived_at": None}),
    Action.SNOOZE: ([], {"snoozed_until": bindparam("until", type_=UtcDateTime), "read_at": None, "seen_at": None}),
}
_RETURNED = (
    InboxEntry.message_id,
    InboxEntry.expires_at,
    InboxEntry.read_at,
    InboxEntry.archived_at,
    InboxEntry.snoozed_until,
)


def _counts(
    read_at: datetime | None, archived_at: datetime | None, snoozed_until: datetime | None, now: datetime
) -> bool:
    """Whether a row in these states is counted unread (`models.inbox.counted_unread`; not expired)."""
    return read_at is None and archived_at is None and (snoozed_until is None or snoozed_until <= now)


async def change(
    session: AsyncSession,
    user_id: int,
    action: Action,
    *,
    ids: Sequence[int] | None = None,
    filter: Filter | None = None,
    until: datetime | None = None,
) -> list[int]:
    """Apply `action` to the user's rows among `ids`, or else those `filter` selects; in a transaction. Returns the
    ids of the rows it changed."""
    counted = await unread.lock(session, user_id)
    now = utcnow()
    where: list[ColumnElement[bool]]
    values: dict[str, Any]
    if ids is not None:
        where = [
            InboxEntry.user_id == bindparam("user", type_=Id),
            visible(_NOW),
            InboxEntry.message_id.in_(bindparam("ids", expanding=True)),
        ]
        values = {"user": user_id, "now": now, "ids": list(ids)}
        if not ids:
            return []
    else:
        chosen = filter if filter is not None else Filter()
        where = conditions(chosen.shape)
        values = chosen.values(user_id, now)
    # Each row's states before the change: the count's adjustment depends on them, and RETURNING gives the new ones.
    before: dict[int, tuple[Any, ...]] = {}
    if action is Action.SNOOZE or action is Action.DELETE:
        values["until"] = until
        rows = await session.execute(select(*_RETURNED).where(*where), values)
        before = {row[0]: tuple(row) for row in rows}
        if not before:
            return []
        if action is Action.DELETE:
            statement: Any = delete(InboxEntry)
        else:
            statement = update(InboxEntry).values(**_CHANGES[action][1])
        where = [InboxEntry.user_id == user_id, InboxEntry.message_id.in_(list(before))]
    else:
        where += _CHANGES[action][0]
        statement = update(InboxEntry).values(**_CHANGES[action][1])
    changed = (
        await session.execute(
            statement.where(*where).returning(*_RETURNED).execution_options(synchronize_session=False), values
        )
    ).all()
    delta, expiring = 0, False
    for message_id, expires, read_at, archived_at, snoozed_until in changed:
        if message_id > counted:
            continue  # counted live above `counted` (`models.unread._kept`)
        if action is Action.DELETE or action is Action.SNOOZE:
            _, _, was_read, was_archived, was_snoozed = before[message_id]
            was = _counts(was_read, was_archived, was_snoozed, now)
        else:
            was = _was_counted(action, read_at, archived_at, snoozed_until, now)
        is_now = action is not Action.DELETE and _counts(read_at, archived_at, snoozed_until, now)
        delta += int(is_now) - int(was)
        # Counted now and expiring, or to be counted when its snooze ends: the kept count's time limit may be
        # earlier than it was, so it is counted again at the next read instead of tracking it.
        if is_now and not was and expires is not None:
            expiring = True
        waking = snoozed_until is not None and snoozed_until > now
        if action is not Action.DELETE and waking and read_at is None and archived_at is None:
            expiring = True
    if delta or expiring:
        await unread.adjust(session, user_id, delta, expiring=expiring)
    return [row[0] for row in changed]


def _was_counted(
    action: Action,
    read_at: datetime | None,
    archived_at: datetime | None,
    snoozed_until: datetime | None,
    now: datetime,
) -> bool:
    """Whether a row changed by `action` (now in these states) was counted before: only the column the action
    writes differs, and it was the opposite of what it is now."""
    if action is Action.READ:
        return _counts(None, archived_at, snoozed_until, now)
    if action is Action.ARCHIVE:
        return _counts(read_at, None, snoozed_until, now)
    if action is Action.UNREAD or action is Action.UNARCHIVE:
        return False
    return _counts(read_at, archived_at, snoozed_until, now)  # seen or unseen: no change to what counts


async def set_read(session: AsyncSession, user_id: int, message_ids: Sequence[int] | None, read: bool) -> list[int]:
    """Mark the given messages (all, when None) read or unread, whatever their other states."""
    action = Action.READ if read else Action.UNREAD
    if message_ids is not None:
        return await change(session, user_id, action, ids=message_ids)
    return await change(session, user_id, action, filter=Filter(archived=None))


async def delete_read(session: AsyncSession, user_id: int) -> int:
    # The user's lock, as every change takes: on PostgreSQL, marking a row unread moves it to the other partition,
    # and a deletion that met the row while it moved would fail rather than wait and look again.
    await unread.lock(session, user_id)
    result = await session.execute(
        delete(InboxEntry)
        .where(InboxEntry.user_id == user_id, InboxEntry.read_at.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
