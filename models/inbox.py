"""Each recipient's copy of a message: read state and the columns its inbox is filtered and ordered by.

An index on (user_id, message_id) serves a user's inbox newest-first and every lookup by id; one on the unread rows
alone keeps the unread count and the unread page short however many read rows a user keeps. On PostgreSQL the
table is partitioned by read state (migration 0005), each partition with the first index: a new row, unread, is
inserted into one index rather than two (a tenant send writes one per recipient), and marking it read moves it
to the other partition. The mapping below is SQLite's table, where a primary key and a partial index do the same.
`type`, `priority`, `created_at` and `expires_at` are copied from the message so those filters never touch it.

What reads and writes these rows: `models.delivery` (a send's rows), `models.listing` (pages), `models.unread`
(counts), `models.read_state` (marking read or unread, deleting read rows).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BindParameter, ColumnElement, Index, SmallInteger, String, or_, text
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from models.base import Base, Id, UtcDateTime
from models.user import User


class InboxEntry(Base):
    __tablename__ = "inbox_entries"
    __table_args__ = (
        Index(
            "ix_inbox_entries_unread",
            "user_id",
            "message_id",
            postgresql_where=text("read_at IS NULL"),
            postgresql_include=["expires_at", "type"],
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    # users.id and messages.id, without foreign-key constraints: checking them was two thirds of the cost of a
    # tenant-wide send (see migration 0003). Only `models.delivery` creates rows, from those two tables.
    user_id: Mapped[int] = mapped_column(Id, primary_key=True)
    message_id: Mapped[int] = mapped_column(Id, primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    priority: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    # For the admin views only; never loaded unless a query asks (`lazy="raise"` makes a forgotten load an error).
    user: Mapped[User] = relationship(
        User, primaryjoin=lambda: foreign(InboxEntry.user_id) == User.id, viewonly=True, lazy="raise"
    )


def visible(now: datetime | BindParameter[datetime]) -> ColumnElement[bool]:
    # Expired notifications are never listed or counted; they stay on disk until deleted.
    return or_(InboxEntry.expires_at.is_(None), InboxEntry.expires_at > now)
