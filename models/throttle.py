"""Throttle windows of events (`services.events`): per tenant and group (an event and the key its template's
`group_by` rendered), when the current window opened. Notifications triggered within it share one group key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, case
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, insert_for


class EventWindow(Base):
    __tablename__ = "event_windows"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    group: Mapped[str] = mapped_column(String(200), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)


async def opened(session: AsyncSession, tenant: str, group: str, now: datetime, closes_before: datetime) -> datetime:
    """When the window of `group` that `now` falls in opened: the current one, or `now` when the last one opened
    before `closes_before` (it has closed). One upsert: the row lock makes concurrent triggers in every process
    agree on one window."""
    statement = insert_for(session)(EventWindow).values(tenant_id=tenant, group=group, opened_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant_id", "group"],
        set_={
            "opened_at": case(
                (EventWindow.opened_at < closes_before, statement.excluded.opened_at), else_=EventWindow.opened_at
            )
        },
    ).returning(EventWindow.opened_at)
    value: datetime = (await session.execute(statement)).scalar_one()
    return value
