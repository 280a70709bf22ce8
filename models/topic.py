"""Topic subscriptions: the users who follow something of their tenant (`order:123`), so that an event about it
reaches them. Sends select a topic's audience in SQL, whatever its size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Index, String, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, insert_for, utcnow
from models.user import User


class TopicSubscription(Base):
    __tablename__ = "topic_subscriptions"
    # The key serves a send's audience (tenant, topic); the index a user's own list.
    __table_args__ = (Index("ix_topic_subscriptions_user_id", "user_id"),)

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    topic: Mapped[str] = mapped_column(String(200), primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def audience(tenant: Any, topic: Any) -> ColumnElement[bool]:
    """The users of `tenant` who follow `topic` (values or bound parameters), as a filter on `users`."""
    followers = select(TopicSubscription.user_id).where(
        TopicSubscription.tenant_id == tenant, TopicSubscription.topic == topic
    )
    return and_(User.tenant_id == tenant, User.id.in_(followers))


async def subscribe(session: AsyncSession, tenant: str, topic: str, user_ids: Sequence[int]) -> None:
    rows = [{"tenant_id": tenant, "topic": topic, "user_id": uid, "created_at": utcnow()} for uid in user_ids]
    await session.execute(insert_for(session)(TopicSubscription).values(rows).on_conflict_do_nothing())


async def unsubscribe(session: AsyncSession, tenant: str, topic: str, external_ids: Sequence[str]) -> int:
    users = select(User.id).where(User.tenant_id == tenant, User.external_id.in_(list(external_ids)))
    statement = delete(TopicSubscription).where(
        TopicSubscription.tenant_id == tenant,
        TopicSubscription.topic == topic,
        TopicSubscription.user_id.in_(users),
    )
    return int((await session.execute(statement)).rowcount or 0)  # type: ignore[attr-defined]


async def topics_of(session: AsyncSession, user_id: int, limit: int) -> list[str]:
    statement = (
        select(TopicSubscription.topic)
        .where(TopicSubscription.user_id == user_id)
        .order_by(TopicSubscription.topic)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())
