"""Each user's unread count, kept, so that counting does not scan every unread inbox row.

Counting a user's unread rows reads all of them, on every badge refresh (BENCHMARKS.md, *Kept unread counts*). So
`unread_counts` keeps, per user, how many unread rows with message ids up to `counted` counted (not archived,
expired or snoozed: `models.inbox.counted_unread`) when they were last counted, and the earliest time that can
change by itself, an expiry or the end of a snooze among them (`valid_until`). The count is then that number plus
the unread rows above `counted`, one short index range scan (`kept_unread_count`). The rows are counted again and
kept (`recount_unread`, and `recount_unreads` for the many bells a feed counts after a send) when those above
pass a bound (RECOUNT_AFTER) or `valid_until` has passed.

Why it stays exact:
- Rows are only ever added above `counted`: `counted` is an id already committed, and each tenant's sends commit
  their ids in increasing order (`services.runtime.Runtime.ordered`).
- Whatever changes a row's state (`models.read_state`: read, seen, archived, snoozed, deleted) first locks the
  user's row here (`lock`), and adjusts it in the same transaction for the rows at or below `counted` (`adjust`);
  a recount takes the same lock before it counts (`lock_all` for many users, in id order). So neither misses the
  other's changes. Expired rows cannot be changed.
- Deleting read rows changes no count (it takes the lock as well: see `models.read_state.delete_read`). Retention
  (`models.retention`) deletes read rows and expired ones under the same locks: an expired row was counted only
  while visible, and the count it was in is past its `valid_until`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    Table,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, insert_for, limit_in_sql, one_of, utcnow
from models.inbox import InboxEntry, awake, counted_unread, visible
from models.reads import Bind, Read
from models.user import User


class UnreadCount(Base):
    __tablename__ = "unread_counts"

    user_id: Mapped[int] = mapped_column(Id, primary_key=True)
    counted: Mapped[int] = mapped_column(Id, default=0)
    unread: Mapped[int] = mapped_column(Integer, default=0)
    valid_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


def _unread(now: datetime | BindParameter[datetime]) -> list[ColumnElement[bool]]:
    """Unread rows that count: the ones not archived, expired or snoozed."""
    return counted_unread(now)


def _unread_of(
    user_id: int | SQLColumnExpression[int], now: datetime | BindParameter[datetime]
) -> list[ColumnElement[bool]]:
    """A user's unread rows that count."""
    return [InboxEntry.user_id == user_id, *_unread(now)]


async def unread_count(session: AsyncSession, user_id: int, types: Sequence[str] | None = None) -> int:
    """The user's unread count (of these types only, if given): the kept count when it can be used, else every
    unread row counted."""
    if not types:
        kept = await kept_unread_count(session, user_id)
        if kept is not None:
            return kept
    clauses = _unread_of(user_id, utcnow())
    if types:
        clauses.append(InboxEntry.type.in_(list(types)))
    return int((await session.execute(select(func.count()).select_from(InboxEntry).where(*clauses))).scalar_one())


# How many unread rows above the kept count a read may add up itself before they are counted into it.
RECOUNT_AFTER = 200


def _kept(user: SQLColumnExpression[int], now: datetime | BindParameter[datetime]) -> Select[int, int]:
    """The kept count of the user whose `unread_counts` row is selected, and the unread rows above it, where the
    kept count is still valid (no counted row has expired since)."""
    # Only as far as one past the bound: beyond it the count is recounted anyway. Read in id order, as the planner
    # then walks the index from `counted` on: otherwise a user with most of the unread partition's rows (migration
    # 0005) had it read whole for each badge, as the rows above `counted` were guessed at a third of the user's.
    rows_above = (
        select(InboxEntry.message_id)
        .where(*_unread_of(user, now), InboxEntry.message_id > UnreadCount.counted)
        .order_by(InboxEntry.message_id)
        .limit(limit_in_sql(RECOUNT_AFTER + 1))
        .correlate(UnreadCount)
        .subquery()
    )
    above = select(func.count()).select_from(rows_above).scalar_subquery()
    return select(UnreadCount.unread, above).where(
        or_(UnreadCount.valid_until.is_(None), UnreadCount.valid_until > now)
    )


def _kept_unread() -> Select[int, int]:
    user = bindparam("user", type_=Id)
    return _kept(user, bindparam("now", type_=UtcDateTime)).where(UnreadCount.user_id == user)


# Built once: the badge asks for it more than for anything else, and building and keying the statement cost half
# as much Python again as running it.
_KEPT_UNREAD = Read(_kept_unread())


async def kept_unread_count(bind: Bind, user_id: int) -> int | None:
    """The unread count from the kept one in one statement, or None when there is none yet, a counted row has
    expired since, or more than RECOUNT_AFTER unread rows have come above it: then `recount_unread`."""
    row = await _KEPT_UNREAD.first(bind, {"user": user_id, "now": utcnow()})
    if row is None or row[1] > RECOUNT_AFTER:
        return None
    return int(row[0]) + int(row[1])


async def recount_unread(session: AsyncSession, user_id: int) -> int:
    """Count every unread row of the user and keep the result; in a transaction."""
    return (await recount_unreads(session, [user_id]))[user_id]


async def recount_unreads(session: AsyncSession, user_ids: Collection[int]) -> dict[int, int]:
    """`recount_unread` for many users at once (users with none are counted as 0); in a transaction."""
    # Before counting: a concurrent `set_read` is then wholly in or out. Only what was locked is kept.
    locked = await lock_all(session, user_ids)
    fresh = {user_id: Count(user_id, 0, 0, None) for user_id in user_ids}
    now = utcnow()
    # Snoozed rows are read too: one that wakes changes the count, so the kept one is valid only until then.
    asleep = InboxEntry.snoozed_until > now
    rows = await session.execute(
        select(
            InboxEntry.user_id,
            func.max(InboxEntry.message_id),
            func.count(case((awake(now), 1))),
            func.min(InboxEntry.expires_at),
            func.min(case((asleep, InboxEntry.snoozed_until))),
        )
        .where(
            one_of(session, InboxEntry.user_id, fresh),
            InboxEntry.read_at.is_(None),
            InboxEntry.archived_at.is_(None),
            visible(now),
        )
        .group_by(InboxEntry.user_id)
    )
    for user_id, newest, count, expiring, waking in rows:
        soonest = min((t for t in (expiring, waking) if t is not None), default=None)
        fresh[user_id] = Count(user_id, int(newest), int(count), soonest)
    await store(session, [count for user_id, count in fresh.items() if user_id in locked])
    return {user_id: count.unread for user_id, count in fresh.items()}


async def unread_counts(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, int]:
    """Unread counts of many users (every bell of a tenant, after each send to it); users with none are reported as
    0; in a transaction. From their kept counts where those can be used, as `kept_unread_count` does; the others
    are counted again and kept (`recount_unreads`). Counting every unread row of 10,000 users after each send read
    more rows with every send nobody read, and held up the tenant's fan-out for as long; so did counting, without
    keeping them, the users whose kept counts a long run of sends had left behind (BENCHMARKS.md, *Counts beside
    the fan-out*)."""
    if not user_ids:
        return {}
    now = utcnow()
    counts = dict.fromkeys(user_ids, 0)
    kept = _kept(UnreadCount.user_id, now).add_columns(UnreadCount.user_id)
    uncounted = set(counts)
    for kept_count, above, user_id in await session.execute(kept.where(one_of(session, UnreadCount.user_id, counts))):
        if above <= RECOUNT_AFTER:
            counts[user_id] = int(kept_count) + int(above)
            uncounted.discard(user_id)
    if uncounted:
        counts.update(await recount_unreads(session, uncounted))
    return counts


async def lock(session: AsyncSession, user_id: int) -> int:
    """Lock the user's row until the transaction ends (created empty if missing: nothing counted yet, so nothing to
    adjust); returns its `counted`. A write, so that SQLite takes its write lock here too."""
    insert = insert_for(session)(UnreadCount).values(user_id=user_id, counted=0, unread=0)
    return int((await session.execute(_unchanged(insert).returning(UnreadCount.counted))).scalar_one())


async def lock_all(session: AsyncSession, user_ids: Collection[int]) -> set[int]:
    """`lock` for many users, in increasing id order: two transactions that each lock many users wait for each other
    at most, never in a cycle. Returns the ids locked: those of `users` (an id of no user is left out). One
    statement, from the users' table: a row of parameters per user was slow to compile and run."""
    connection = (await session.connection()).sync_connection
    if connection is not None and connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        # Each statement would commit on its own, and the locks go with it: a count taken after them could miss a
        # concurrent change of read state, and be kept wrong without any error.
        raise RuntimeError("lock_all needs a transaction: the session is in autocommit")
    users = select(User.id, literal(0), literal(0)).where(one_of(session, User.id, user_ids)).order_by(User.id)
    insert = insert_for(session)(UnreadCount).from_select(["user_id", "counted", "unread"], users)
    return set((await session.execute(_unchanged(insert).returning(UnreadCount.user_id))).scalars())


def _unchanged(insert: Any) -> Any:
    """The upsert leaves a user's row as it is, and so locks it."""
    return insert.on_conflict_do_update(index_elements=[UnreadCount.user_id], set_={"counted": UnreadCount.counted})


async def adjust(session: AsyncSession, user_id: int, change: int, *, expiring: bool) -> None:
    """Add `change` to the kept count, in the transaction that holds `lock`. `expiring`: rows with an expiry came
    back unread, so the earliest expiry may be earlier now: count again at the next read instead of tracking it."""
    values: dict[str, object] = {"unread": UnreadCount.unread + change}
    if expiring:
        values["valid_until"] = utcnow()
    await session.execute(update(UnreadCount).where(UnreadCount.user_id == user_id).values(**values))


@dataclass(frozen=True)
class Count:
    """A fresh count of a user's unread rows: the newest one's id, how many, and the earliest expiry among them."""

    user_id: int
    counted: int
    unread: int
    valid_until: datetime | None


async def store(session: AsyncSession, counts: Sequence[Count]) -> None:
    """Fresh counts, in the transaction that holds their users' locks (`lock`, `lock_all`): one statement, run for
    each (asyncpg sends them together)."""
    if counts:
        await session.execute(
            _STORE, [{"user": c.user_id, "to": c.counted, "n": c.unread, "until": c.valid_until} for c in counts]
        )


_table: Table = UnreadCount.__table__  # type: ignore[assignment]
# On the table, not the mapped class: the ORM's bulk update by primary key took half as long again (BENCHMARKS.md,
# *Kept unread counts*).
_STORE = (
    update(_table)
    .where(_table.c.user_id == bindparam("user"))
    .values(counted=bindparam("to"), unread=bindparam("n"), valid_until=bindparam("until"))
)
