"""Roles users hold in their tenant (`warehouse`, `account_manager`), so that a send can reach everyone holding one.
Kept apart from the token's `admin` and `service`, which say what a caller may do, not who hears what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    String,
    and_,
    any_,
    delete,
    join,
    literal,
    select,
    true,
    union_all,
)
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
    """Each user of `roles` holds exactly their roles afterwards; in a transaction. One statement locking the users,
    then two for each distinct set of roles, whatever the number of users: the pairs written out would pass
    PostgreSQL's 32,767 parameters."""
    # Two calls for the same users wait for each other, in id order: else each deletes what it saw, inserts its own,
    # and the users keep both sets of roles (or the two deadlock).
    locked = select(User.id).where(one_of(session, User.id, list(roles))).order_by(User.id)
    await session.execute(locked.with_for_update(key_share=True))
    together: dict[tuple[str, ...], list[int]] = {}
    for uid, held in roles.items():
        together.setdefault(tuple(held), []).append(uid)
    for held, users in together.items():
        stale = delete(UserRole).where(UserRole.tenant_id == tenant, one_of(session, UserRole.user_id, users))
        if held:
            stale = stale.where(UserRole.role.not_in(held))
        await session.execute(stale.execution_options(synchronize_session=False))
        if not held:
            continue
        names = union_all(*(select(literal(name, String).label("role")) for name in held)).subquery()
        pairs = (
            select(literal(tenant, String), names.c.role, User.id, literal(utcnow(), UtcDateTime))
            .select_from(join(User, names, true()))  # every user with every role
            .where(one_of(session, User.id, users))
        )
        columns = ["tenant_id", "role", "user_id", "created_at"]
        await session.execute(insert_for(session)(UserRole).from_select(columns, pairs).on_conflict_do_nothing())


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
