"""Roles users hold in their tenant (`warehouse`, `account_manager`), so that a send can reach everyone holding one.
Kept apart from the token's `admin` and `service`, which say what a caller may do, not who hears what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Index, String, and_, any_, delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Id, UtcDateTime, insert_for, one_of, utcnow
from models.user import User


class UserRole(Base):
    __tablename__ = "user_roles"
    # The key serves a send's audience (tenant, role); the index a user's own roles.
    __table_args__ = (Index("ix_user_roles_user_id", "user_id"),)

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(100), primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    # For the admin views only, as `InboxEntry.user`.
    user: Mapped[User] = relationship(User, viewonly=True, lazy="raise")


def audience(tenant: Any, roles: Any) -> ColumnElement[bool]:
    """The users of `tenant` holding any of `roles` (a list, or a bound array parameter), as a filter on `users`."""
    held = UserRole.role.in_(list(roles)) if isinstance(roles, list | tuple) else UserRole.role == any_(roles)
    holders = select(UserRole.user_id).where(UserRole.tenant_id == tenant, held)
    return and_(User.tenant_id == tenant, User.id.in_(holders))


async def replace(session: AsyncSession, tenant: str, roles: Mapping[int, Sequence[str]]) -> None:
    """Each user of `roles` holds exactly their roles afterwards; in a transaction. Two statements at most."""
    users = list(roles)
    kept = [(uid, role) for uid, held in roles.items() for role in held]
    stale = delete(UserRole).where(UserRole.tenant_id == tenant, one_of(session, UserRole.user_id, users))
    if kept:
        stale = stale.where(tuple_(UserRole.user_id, UserRole.role).not_in(kept))
    await session.execute(stale.execution_options(synchronize_session=False))
    if kept:
        rows = [{"tenant_id": tenant, "role": role, "user_id": uid, "created_at": utcnow()} for uid, role in kept]
        await session.execute(insert_for(session)(UserRole).values(rows).on_conflict_do_nothing())


async def roles_of(session: AsyncSession, tenant: str, user_ids: Sequence[int]) -> dict[int, list[str]]:
    """The roles each of `user_ids` holds in `tenant`, in order."""
    statement = (
        select(UserRole.user_id, UserRole.role)
        .where(UserRole.tenant_id == tenant, one_of(session, UserRole.user_id, user_ids))
        .order_by(UserRole.user_id, UserRole.role)
    )
    held: dict[int, list[str]] = {uid: [] for uid in user_ids}
    for uid, role in await session.execute(statement):
        held[uid].append(role)
    return held
