"""Per-user delivery preferences: channel switches, minimum priority per channel, and per-type overrides."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, SmallInteger, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Id, UtcDateTime, insert_for, utcnow
from models.message import Priority
from models.user import User

CHANNELS = ("in_app", "email", "sms")


class Preference(Base):
    """A missing row means the defaults below: everything in-app, no email, no SMS."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    in_app: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[bool] = mapped_column(Boolean, default=False)
    sms: Mapped[bool] = mapped_column(Boolean, default=False)
    in_app_min_priority: Mapped[int] = mapped_column(SmallInteger, default=Priority.LOW)
    email_min_priority: Mapped[int] = mapped_column(SmallInteger, default=Priority.HIGH)
    sms_min_priority: Mapped[int] = mapped_column(SmallInteger, default=Priority.URGENT)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    # For the admin views only, as `InboxEntry.user`.
    user: Mapped[User] = relationship(User, viewonly=True, lazy="raise")


class TypePreference(Base):
    """Overrides one type's channel switches; NULL means "as the user's general setting"."""

    __tablename__ = "notification_type_preferences"

    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    type: Mapped[str] = mapped_column(String(50), primary_key=True)
    in_app: Mapped[bool | None] = mapped_column(Boolean, default=None)
    email: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sms: Mapped[bool | None] = mapped_column(Boolean, default=None)


async def locked(session: AsyncSession, user_id: int) -> Preference:
    """The user's preferences row, created with the defaults if missing, locked until the transaction ends:
    saves from two tabs at once apply one after the other instead of colliding."""
    await session.execute(insert_for(session)(Preference).values(user_id=user_id, **DEFAULTS).on_conflict_do_nothing())
    return (
        await session.execute(select(Preference).where(Preference.user_id == user_id).with_for_update())
    ).scalar_one()


async def switch_type(session: AsyncSession, user_id: int, type_: str, channel: str, on: bool) -> None:
    """Set one type's switch for one channel, keeping that type's other switches."""
    insert = insert_for(session)(TypePreference).values(user_id=user_id, type=type_, **{channel: on})
    await session.execute(insert.on_conflict_do_update(index_elements=["user_id", "type"], set_={channel: on}))


DEFAULTS = {
    "in_app": True,
    "email": False,
    "sms": False,
    "in_app_min_priority": Priority.LOW,
    "email_min_priority": Priority.HIGH,
    "sms_min_priority": Priority.URGENT,
}
