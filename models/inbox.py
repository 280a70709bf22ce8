"""Each recipient's copy of a message: read state and the columns its inbox is filtered and ordered by.

An index on (user_id, message_id) serves a user's inbox newest-first and every lookup by id; one on the unread rows
alone keeps the unread count and the unread page short however many read rows a user keeps. On PostgreSQL the
table is partitioned by read state (migration 0005), each partition with the first index: a new row, unread, is
inserted into one index rather than two (a tenant send writes one per recipient), and marking it read moves it
to the other partition. The mapping below is SQLite's table, where a primary key and a partial index do the same.
`type`, `priority`, `created_at`, `expires_at` and `group_key` are copied from the message so those filters never
touch it.

States beside read (`read_at`): seen (`seen_at`; a read row is always seen, so the unseen rows are among the unread
ones and their count reads the unread index), archived (`archived_at`) and snoozed (`snoozed_until`, hidden until
then: `models.snooze` wakes them). Archived and snoozed rows are neither listed by default nor counted unread.

What reads and writes these rows: `models.delivery` (a send's rows), `models.listing` (pages), `models.unread`
(counts), `models.read_state` (marking read or unread, deleting read rows).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
        # A group's rows (`models.listing`), and the snoozed rows by when they wake (`models.snooze`): partial, so a
        # send's rows, without either, are inserted into neither.
        Index(
            "ix_inbox_entries_group",
            "user_id",
            "group_key",
            "message_id",
            postgresql_where=text("group_key IS NOT NULL"),
            sqlite_where=text("group_key IS NOT NULL"),
        ),
        # A message's rows: how retention finds the messages no row refers to any more (`models.retention`).
        Index("ix_inbox_entries_message_id", "message_id"),
        Index(
            "ix_inbox_entries_snoozed",
            "snoozed_until",
            postgresql_where=text("snoozed_until IS NOT NULL"),
            sqlite_where=text("snoozed_until IS NOT NULL"),
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
    seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    group_key: Mapped[str | None] = mapped_column(String(200), default=None)

    # For the admin views only; never loaded unless a query asks (`lazy="raise"` makes a forgotten load an error).
    user: Mapped[User] = relationship(
        User, primaryjoin=lambda: foreign(InboxEntry.user_id) == User.id, viewonly=True, lazy="raise"
    )


# Group keys of throttled events start with this: every page shows such a group as one entry (`models.listing`).
THROTTLED = "!"

Now = datetime | BindParameter[datetime]


def visible(now: Now, entry: Any = InboxEntry) -> ColumnElement[bool]:
    # Expired notifications are never listed or counted; they stay on disk until deleted.
    return or_(entry.expires_at.is_(None), entry.expires_at > now)


def awake(now: Now, entry: Any = InboxEntry) -> ColumnElement[bool]:
    # A snoozed row is back at its time, before `models.snooze` has cleared it: counts and lists never wait for that.
    return or_(entry.snoozed_until.is_(None), entry.snoozed_until <= now)


def shown(now: Now, entry: Any = InboxEntry) -> list[ColumnElement[bool]]:
    """Rows a listing or count may include at all: not expired, not snoozed (`entry`: the table or an alias)."""
    return [visible(now, entry), awake(now, entry)]


def counted_unread(now: Now) -> list[ColumnElement[bool]]:
    """Rows the unread badge counts: unread, not archived, shown."""
    return [InboxEntry.read_at.is_(None), InboxEntry.archived_at.is_(None), *shown(now)]
