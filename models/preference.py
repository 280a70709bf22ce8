"""Delivery preferences: a user's own (channel switches, minimum priority per channel, per-type overrides, quiet
hours, time zone, email digest) over their tenant's defaults, which an admin sets, over the built-in `DEFAULTS`.

Every setting is nullable: NULL means "not chosen here", so the next level down decides. A type the tenant marks
`required` ignores the user's switches and floors: the tenant's settings alone decide its channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, SmallInteger, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Id, UtcDateTime, insert_for, utcnow
from models.message import Priority
from models.user import User

CHANNELS = ("in_app", "email", "sms")
DIGESTS = ("off", "hourly", "daily")


class _Settings:
    """The settings a user and a tenant both hold. Quiet hours are minutes after local midnight, `start` included,
    `end` excluded; `quiet_hours` false is "none" (a user's way to drop the tenant's)."""

    in_app: Mapped[bool | None] = mapped_column(Boolean, default=None)
    email: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sms: Mapped[bool | None] = mapped_column(Boolean, default=None)
    in_app_min_priority: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    email_min_priority: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    sms_min_priority: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    quiet_hours: Mapped[bool | None] = mapped_column(Boolean, default=None)
    quiet_start: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    quiet_end: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    time_zone: Mapped[str | None] = mapped_column(String(64), default=None)
    email_digest: Mapped[str | None] = mapped_column(String(10), default=None)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Preference(_Settings, Base):
    """A user's own choices; a missing row chooses nothing."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)

    # For the admin views only, as `InboxEntry.user`.
    user: Mapped[User] = relationship(User, viewonly=True, lazy="raise")


class TenantPreference(_Settings, Base):
    """A tenant's defaults, set by its admins."""

    __tablename__ = "tenant_preferences"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)


class TypePreference(Base):
    """Overrides one type's channel switches; NULL means "as the user's general setting"."""

    __tablename__ = "notification_type_preferences"

    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    type: Mapped[str] = mapped_column(String(50), primary_key=True)
    in_app: Mapped[bool | None] = mapped_column(Boolean, default=None)
    email: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sms: Mapped[bool | None] = mapped_column(Boolean, default=None)


class TenantTypePreference(Base):
    """A tenant's switches for one type, under its users' own; `required`: its users cannot switch it off."""

    __tablename__ = "tenant_type_preferences"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    type: Mapped[str] = mapped_column(String(50), primary_key=True)
    in_app: Mapped[bool | None] = mapped_column(Boolean, default=None)
    email: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sms: Mapped[bool | None] = mapped_column(Boolean, default=None)
    required: Mapped[bool] = mapped_column(Boolean, default=False)


async def locked(session: AsyncSession, user_id: int) -> Preference:
    """The user's preferences row, created empty if missing, locked until the transaction ends: saves from two
    tabs at once apply one after the other instead of colliding."""
    await session.execute(insert_for(session)(Preference).values(user_id=user_id).on_conflict_do_nothing())
    return (
        await session.execute(select(Preference).where(Preference.user_id == user_id).with_for_update())
    ).scalar_one()


async def locked_tenant(session: AsyncSession, tenant_id: str) -> TenantPreference:
    """The tenant's defaults row, as `locked` for a user's."""
    await session.execute(insert_for(session)(TenantPreference).values(tenant_id=tenant_id).on_conflict_do_nothing())
    return (
        await session.execute(select(TenantPreference).where(TenantPreference.tenant_id == tenant_id).with_for_update())
    ).scalar_one()


async def switch_type(session: AsyncSession, user_id: int, type_: str, channel: str, on: bool) -> None:
    """Set one type's switch for one channel, keeping that type's other switches."""
    insert = insert_for(session)(TypePreference).values(user_id=user_id, type=type_, **{channel: on})
    await session.execute(insert.on_conflict_do_update(index_elements=["user_id", "type"], set_={channel: on}))


# What applies where neither the user nor the tenant chose: everything in-app, no email, no SMS, no quiet hours.
DEFAULTS = {
    "in_app": True,
    "email": False,
    "sms": False,
    "in_app_min_priority": Priority.LOW,
    "email_min_priority": Priority.HIGH,
    "sms_min_priority": Priority.URGENT,
    "quiet_hours": False,
    "time_zone": "UTC",
    "email_digest": "off",
}


def resolved(name: str, *rows: _Settings | None) -> object:
    """Setting `name` as the first of `rows` (most specific first) that chose it says, else the built-in default."""
    for row in rows:
        value = getattr(row, name, None) if row is not None else None
        if value is not None:
            return value
    return DEFAULTS[name]


def window(*rows: _Settings | None) -> tuple[int, int] | None:
    """The quiet hours (start, end) of the first of `rows` that chose any, None for none."""
    for row in rows:
        if row is not None and row.quiet_hours is not None:
            if row.quiet_hours and row.quiet_start is not None and row.quiet_end is not None:
                return row.quiet_start, row.quiet_end
            return None
    return None


@dataclass(frozen=True)
class Timing:
    """When a user's email and SMS may go: their time zone, quiet hours (minutes after local midnight) and digest."""

    time_zone: str
    quiet_hours: tuple[int, int] | None
    email_digest: str

    @classmethod
    def of(cls, *rows: _Settings | None) -> Timing:
        return cls(str(resolved("time_zone", *rows)), window(*rows), str(resolved("email_digest", *rows)))
