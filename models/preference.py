"""Per-user delivery preferences: channel switches, minimum priority per channel, and per-type overrides."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, utcnow
from models.message import Priority

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


class TypePreference(Base):
    """Overrides one type's channel switches; NULL means "as the user's general setting"."""

    __tablename__ = "notification_type_preferences"

    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    type: Mapped[str] = mapped_column(String(50), primary_key=True)
    in_app: Mapped[bool | None] = mapped_column(Boolean, default=None)
    email: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sms: Mapped[bool | None] = mapped_column(Boolean, default=None)


DEFAULTS = {
    "in_app": True,
    "email": False,
    "sms": False,
    "in_app_min_priority": Priority.LOW,
    "email_min_priority": Priority.HIGH,
    "sms_min_priority": Priority.URGENT,
}
