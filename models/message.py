"""A sent notification's content, stored once however many recipients it has."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import Index, SmallInteger, String, Text, UniqueConstraint, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, column_property, mapped_column, undefer

from models.base import Base, Id, Json, UtcDateTime, utcnow
from models.inbox import InboxEntry
from models.user import User


class Priority(enum.IntEnum):
    # Stored as small integers so "at least HIGH" is a plain comparison in SQL.
    LOW = 0
    NORMAL = 1
    HIGH = 2
    URGENT = 3


class Message(Base):
    __tablename__ = "messages"
    # A retried send with the same key from the same sender finds this row instead of sending again.
    __table_args__ = (
        UniqueConstraint("sender", "idempotency_key"),
        Index("ix_messages_tenant_id_id", "tenant_id", "id"),  # a tenant's history, newest first
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(100))
    sender: Mapped[str] = mapped_column(String(320))
    type: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(SmallInteger)
    action_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    action_text: Mapped[str | None] = mapped_column(String(100), default=None)
    data: Mapped[dict[str, Any]] = mapped_column("metadata", Json, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), default=None)
    # Notifications with the same key collapse into one entry of a grouped listing (copied to each inbox row).
    group_key: Mapped[str | None] = mapped_column(String(200), default=None)
    # What the send reported, so that an idempotent retry reports the same.
    delivered_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)

    # How many of its recipients have read it, for the admin views: deferred, so only queries that ask count. Through
    # the tenant's users, as inbox rows are indexed by user first: a probe per user, never a scan of every inbox.
    read_count: Mapped[int] = column_property(
        select(func.count())
        .select_from(InboxEntry)
        .join(User, User.id == InboxEntry.user_id)
        .where(User.tenant_id == tenant_id, InboxEntry.message_id == id, InboxEntry.read_at.is_not(None))
        .correlate_except(InboxEntry, User)
        .scalar_subquery(),
        deferred=True,
    )


async def sent_page(session: AsyncSession, tenant_id: str, *, before: int | None, limit: int) -> list[Message]:
    """A tenant's sent messages, newest first, keyset on id (served by the primary key and the tenant filter), with
    their read counts."""
    stmt = select(Message).options(undefer(Message.read_count)).where(Message.tenant_id == tenant_id)
    if before is not None:
        stmt = stmt.where(Message.id < before)
    return list((await session.execute(stmt.order_by(Message.id.desc()).limit(limit))).scalars())


async def sent_one(session: AsyncSession, tenant_id: str, message_id: int) -> Message | None:
    found = await session.execute(
        select(Message)
        .options(undefer(Message.read_count))
        .where(Message.id == message_id, Message.tenant_id == tenant_id)
    )
    return found.scalar_one_or_none()
