"""Recipients. A user is identified by (tenant, external id) so one tenant can never claim another's ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, String, UniqueConstraint, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, insert_for, utcnow


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "external_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    # Kept for email and SMS delivery; senders fill them when they register users ahead.
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    # The locale a trigger to this user alone is written in when the sender names none (`services.events`).
    locale: Mapped[str | None] = mapped_column(String(35), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


async def ensure_users(
    session: AsyncSession,
    tenant_id: str,
    external_ids: Sequence[str],
    contacts: Mapping[str, Mapping[str, str | None]] | None = None,
) -> dict[str, int]:
    """Register any of `external_ids` not yet known in `tenant_id`; return external id -> internal id for all.

    One INSERT .. ON CONFLICT and one SELECT, whatever the number of users. `contacts` (email, phone and locale by
    external id) updates what is given and leaves what is not.
    """
    if not external_ids:
        return {}
    contacts = contacts or {}
    rows: list[dict[str, object]] = [
        {"tenant_id": tenant_id, "external_id": ext, "created_at": utcnow(), **contacts.get(ext, {})}
        # In one order whatever the caller's: two calls registering the same new users wait for each other at the
        # first they share, where in opposite orders each would wait for the other (a deadlock).
        for ext in sorted(set(external_ids))
    ]
    insert = insert_for(session)
    if contacts:
        # Rows are grouped by which contact fields they carry, since one statement has one SET clause.
        groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for row in rows:
            fields: tuple[str, ...] = tuple(sorted(k for k in ("email", "phone", "locale") if k in row))
            groups.setdefault(fields, []).append(row)
        for fields, group in sorted(groups.items()):
            stmt = insert(User).values(group)
            if fields:
                stmt = stmt.on_conflict_do_update(
                    index_elements=["tenant_id", "external_id"], set_={f: getattr(stmt.excluded, f) for f in fields}
                )
            else:
                stmt = stmt.on_conflict_do_nothing(index_elements=["tenant_id", "external_id"])
            await session.execute(stmt)
    else:
        await session.execute(
            insert(User).values(rows).on_conflict_do_nothing(index_elements=["tenant_id", "external_id"])
        )
    result = await session.execute(
        select(User.external_id, User.id).where(User.tenant_id == tenant_id, User.external_id.in_(list(external_ids)))
    )
    return {ext: uid for ext, uid in result}


async def user_id(session: AsyncSession, tenant_id: str, external_id: str) -> int | None:
    found = await session.execute(select(User.id).where(User.tenant_id == tenant_id, User.external_id == external_id))
    return found.scalar_one_or_none()


async def locales_of(session: AsyncSession, tenant_id: str, external_ids: Sequence[str]) -> dict[str, str | None]:
    """The locale stored for each of `external_ids` known in `tenant_id` (None: none stored)."""
    found = await session.execute(
        select(User.external_id, User.locale).where(
            User.tenant_id == tenant_id, User.external_id.in_(list(external_ids))
        )
    )
    return {ext: locale for ext, locale in found}


async def locales_among(session: AsyncSession, audience: ColumnElement[bool]) -> dict[str | None, int]:
    """How many users matching `audience` have each stored locale (None: none stored); one statement."""
    found = await session.execute(select(User.locale, func.count()).where(audience).group_by(User.locale))
    return {locale: int(count) for locale, count in found}
