"""Reading and changing a user's own delivery preferences."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.message import Priority
from models.preference import CHANNELS, DEFAULTS, Preference, TypePreference, locked
from services.auth import Principal
from services.draft import check_type
from services.errors import BadInput
from services.recipients import recipient_id
from services.runtime import Runtime

MAX_TYPE_OVERRIDES = 100

__all__ = ["PreferenceChanges", "Preferences", "Priority", "TypeOverride", "get_preferences", "update_preferences"]


@dataclass(frozen=True)
class TypeOverride:
    type: str
    in_app: bool | None = None
    email: bool | None = None
    sms: bool | None = None


@dataclass(frozen=True)
class Preferences:
    in_app: bool
    email: bool
    sms: bool
    in_app_min_priority: Priority
    email_min_priority: Priority
    sms_min_priority: Priority
    type_overrides: list[TypeOverride]


@dataclass(frozen=True)
class PreferenceChanges:
    """Fields left None are kept. An override with every channel None removes that type's override."""

    in_app: bool | None = None
    email: bool | None = None
    sms: bool | None = None
    in_app_min_priority: Priority | None = None
    email_min_priority: Priority | None = None
    sms_min_priority: Priority | None = None
    type_overrides: list[TypeOverride] | None = None


async def get_preferences(runtime: Runtime, principal: Principal) -> Preferences:
    user = await recipient_id(runtime, principal)
    async with runtime.reading() as session:
        return await _load(session, user)


async def update_preferences(runtime: Runtime, principal: Principal, changes: PreferenceChanges) -> Preferences:
    overrides = changes.type_overrides or []
    if len(overrides) > MAX_TYPE_OVERRIDES:
        raise BadInput(f"At most {MAX_TYPE_OVERRIDES} type overrides per update.")
    for override in overrides:
        check_type(override.type)
    if len({o.type for o in overrides}) != len(overrides):
        raise BadInput("Each type may appear once in `typeOverrides`.")
    user = await recipient_id(runtime, principal)
    return await _apply(runtime, user, changes, overrides)


async def _apply(runtime: Runtime, user: int, changes: PreferenceChanges, overrides: list[TypeOverride]) -> Preferences:
    async with runtime.transaction() as session:
        row = await locked(session, user)
        for name in (*CHANNELS, *(f"{c}_min_priority" for c in CHANNELS)):
            value = getattr(changes, name)
            if value is not None:
                setattr(row, name, int(value) if isinstance(value, Priority) else value)
        for override in overrides:
            await session.execute(
                delete(TypePreference).where(TypePreference.user_id == user, TypePreference.type == override.type)
            )
            if any(getattr(override, c) is not None for c in CHANNELS):
                session.add(
                    TypePreference(
                        user_id=user, type=override.type, in_app=override.in_app, email=override.email, sms=override.sms
                    )
                )
        await session.flush()
        return await _load(session, user)


async def _load(session: AsyncSession, user: int) -> Preferences:
    row = await session.get(Preference, user)
    overrides = (
        await session.execute(
            select(TypePreference).where(TypePreference.user_id == user).order_by(TypePreference.type)
        )
    ).scalars()
    types = [TypeOverride(o.type, o.in_app, o.email, o.sms) for o in overrides]
    # No row yet: the defaults, from the one place they are defined (models.preference.DEFAULTS).
    values = {name: getattr(row, name) for name in DEFAULTS} if row is not None else DEFAULTS
    return Preferences(
        in_app=bool(values["in_app"]),
        email=bool(values["email"]),
        sms=bool(values["sms"]),
        in_app_min_priority=Priority(values["in_app_min_priority"]),
        email_min_priority=Priority(values["email_min_priority"]),
        sms_min_priority=Priority(values["sms_min_priority"]),
        type_overrides=types,
    )
