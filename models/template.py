"""Event templates a tenant's admins wrote, per event and locale; they take precedence over the shipped files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, SmallInteger, String, Table, Text, and_, delete, func, literal, null, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, insert_for, utcnow
from models.user import User


class EventTemplate(Base):
    __tablename__ = "event_templates"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    event: Mapped[str] = mapped_column(String(100), primary_key=True)
    locale: Mapped[str] = mapped_column(String(35), primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    priority: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    action_url: Mapped[str | None] = mapped_column(Text, default=None)
    action_text: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


_FIELDS = ("type", "priority", "title", "message", "action_url", "action_text")


async def save(session: AsyncSession, row: EventTemplate) -> None:
    values = {column: getattr(row, column) for column in ("tenant_id", "event", "locale", *_FIELDS, "updated_at")}
    statement = insert_for(session)(EventTemplate).values(values)
    changed = {name: getattr(statement.excluded, name) for name in (*_FIELDS, "updated_at")}
    await session.execute(
        statement.on_conflict_do_update(index_elements=["tenant_id", "event", "locale"], set_=changed)
    )


async def count(session: AsyncSession, tenant: str) -> int:
    statement = select(func.count()).select_from(EventTemplate).where(EventTemplate.tenant_id == tenant)
    return int((await session.execute(statement)).scalar_one())


async def of_tenant(session: AsyncSession, tenant: str, event: str | None = None) -> list[EventTemplate]:
    statement = select(EventTemplate).where(EventTemplate.tenant_id == tenant)
    if event is not None:
        statement = statement.where(EventTemplate.event == event)
    statement = statement.order_by(EventTemplate.event, EventTemplate.locale)
    return list((await session.execute(statement)).scalars())


async def for_trigger(
    connection: AsyncConnection, tenant: str, event: str, user: str | None
) -> tuple[str | None, list[Row[Any]]]:
    """What a trigger needs to choose its template, in one statement: the locale stored for `user` (None: no user,
    or none stored), and the tenant's templates of `event` in every locale (rows with the table's columns)."""
    table: Table = EventTemplate.__table__  # type: ignore[assignment]
    anchor = select(literal(1).label("one")).subquery("anchor")  # one row, whether or not any template matches
    stored_locale: Any = null()
    if user is not None:
        stored_locale = select(User.locale).where(User.tenant_id == tenant, User.external_id == user).scalar_subquery()
    matching = and_(table.c.tenant_id == tenant, table.c.event == event)
    statement = select(stored_locale.label("user_locale"), *table.c).select_from(anchor.outerjoin(table, matching))
    rows = list(await connection.execute(statement))
    return rows[0].user_locale, [row for row in rows if row.locale is not None]


async def found(session: AsyncSession, tenant: str, event: str, locales: Sequence[str]) -> list[EventTemplate]:
    """The tenant's templates of `event` in any of `locales`: one primary-key lookup per send."""
    statement = select(EventTemplate).where(
        EventTemplate.tenant_id == tenant, EventTemplate.event == event, EventTemplate.locale.in_(list(locales))
    )
    return list((await session.execute(statement)).scalars())


async def remove(session: AsyncSession, tenant: str, event: str, locale: str) -> int:
    statement = delete(EventTemplate).where(
        EventTemplate.tenant_id == tenant, EventTemplate.event == event, EventTemplate.locale == locale
    )
    return int((await session.execute(statement)).rowcount or 0)  # type: ignore[attr-defined]
