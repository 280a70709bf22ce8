"""Each user's unread count, kept, so that counting does not scan every unread inbox row.

Counting a user's unread rows reads all of them: about 1 ms of PostgreSQL for 7,000, on every badge refresh. So
`unread_counts` keeps, per user, how many unread rows with message ids up to `counted` were visible (not expired)
when they were last counted, and the earliest expiry among them (`valid_until`). The count is then that number
plus the unread rows above `counted`, one short index range scan (`models.inbox.kept_unread_count`). The rows are
counted again (`models.inbox.recount_unread`) when those above pass a bound or a counted row expires.

Why it stays exact:
- Rows are only ever added above `counted`: `counted` is an id already committed, and each tenant's sends commit
  their ids in increasing order (`services.runtime.Runtime.ordered`).
- Whatever marks rows read or unread (`models.inbox.set_read`) first locks the user's row here (`lock`), and
  adjusts it in the same transaction for the rows at or below `counted` (`adjust`); a recount takes the same lock
  before it counts. So neither misses the other's changes.
- Deleting read rows changes no count (it takes the lock as well: see `models.inbox.delete_read`); nothing else
  deletes inbox rows. Expired rows cannot be marked.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, insert_for, utcnow


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
    upsert = insert.on_conflict_do_update(
        index_elements=[UnreadCount.user_id], set_={"counted": UnreadCount.counted}
    ).returning(UnreadCount.counted)
    return int((await session.execute(upsert)).scalar_one())


async def adjust(session: AsyncSession, user_id: int, change: int, *, expiring: bool) -> None:
    """Add `change` to the kept count, in the transaction that holds `lock`. `expiring`: rows with an expiry came
    back unread, so the earliest expiry may be earlier now: count again at the next read instead of tracking it."""
    values: dict[str, object] = {"unread": UnreadCount.unread + change}
    if expiring:
        values["valid_until"] = utcnow()
    await session.execute(update(UnreadCount).where(UnreadCount.user_id == user_id).values(**values))


async def store(session: AsyncSession, user_id: int, counted: int, unread: int, valid_until: datetime | None) -> None:
    """A fresh count, in the transaction that holds `lock`."""
    await session.execute(
        update(UnreadCount)
        .where(UnreadCount.user_id == user_id)
        .values(counted=counted, unread=unread, valid_until=valid_until)
    )
