"""Each user's unread count, kept, so that counting does not scan every unread inbox row.

Counting a user's unread rows reads all of them, on every badge refresh (BENCHMARKS.md, *Kept unread counts*). So
`unread_counts` keeps, per user, how many unread rows with message ids up to `counted` were visible (not expired)
when they were last counted, and the earliest expiry among them (`valid_until`). The count is then that number
plus the unread rows above `counted`, one short index range scan (`models.inbox.kept_unread_count`). The rows are
counted again and kept (`models.inbox.recount_unread`, and `recount_unreads` for the many bells a feed counts after
a send) when those above pass a bound or a counted row expires.

Why it stays exact:
- Rows are only ever added above `counted`: `counted` is an id already committed, and each tenant's sends commit
  their ids in increasing order (`services.runtime.Runtime.ordered`).
- Whatever marks rows read or unread (`models.inbox.set_read`) first locks the user's row here (`lock`), and
  adjusts it in the same transaction for the rows at or below `counted` (`adjust`); a recount takes the same lock
  before it counts (`lock_all` for many users, in id order). So neither misses the other's changes.
- Deleting read rows changes no count (it takes the lock as well: see `models.inbox.delete_read`); nothing else
  deletes inbox rows. Expired rows cannot be marked.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Table, bindparam, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, insert_for, one_of, utcnow
from models.user import User


class UnreadCount(Base):
    __tablename__ = "unread_counts"

    user_id: Mapped[int] = mapped_column(Id, primary_key=True)
    counted: Mapped[int] = mapped_column(Id, default=0)
    unread: Mapped[int] = mapped_column(Integer, default=0)
    valid_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


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
