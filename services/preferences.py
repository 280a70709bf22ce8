"""Reading and changing delivery preferences: a user's own, and their tenant's defaults (admins).

What applies to a user is their own choice, else the tenant's, else the built-in default (`models.preference`);
what they read back is what applies. Everything is checked before anything is written, and each change is one
transaction: a refused change leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, cast
from zoneinfo import available_timezones

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import utcnow
from models.message import Priority
from models.preference import (
    CHANNELS,
    DIGESTS,
    Preference,
    TenantPreference,
    TenantTypePreference,
    TypePreference,
    locked,
    locked_tenant,
    resolved,
    window,
)
from services.auth import Principal
from services.draft import check_external_id, check_type
from services.errors import BadInput, ServiceError
from services.recipients import recipient_id
from services.runtime import Runtime

MAX_TYPE_OVERRIDES = 100
# The settings a `reset` names: each goes back to the level below (the tenant's, then the built-in default).
SETTINGS = (
    *CHANNELS,
    *(f"{c}_min_priority" for c in CHANNELS),
    "quiet_hours",
    "time_zone",
    "email_digest",
)

__all__ = [
    "SETTINGS",
    "PreferenceChanges",
    "Preferences",
    "Priority",
    "QuietHours",
    "RequiredType",
    "TenantChanges",
    "TenantDefaults",
    "TypeDefault",
    "TypeOverride",
    "get_preferences",
    "get_tenant_defaults",
    "update_preferences",
    "update_tenant_defaults",
]


class RequiredType(ServiceError):
    """A user tried to switch off a type their tenant requires."""

    code = "TYPE_REQUIRED"


@dataclass(frozen=True)
class QuietHours:
    """Minutes after local midnight: held from `start` (included) to `end` (excluded); `start` > `end` crosses
    midnight."""

    start: int
    end: int

    @classmethod
    def parse(cls, start: str, end: str) -> QuietHours:
        hours = cls(_minutes(start, "start"), _minutes(end, "end"))
        if hours.start == hours.end:
            raise BadInput("Quiet hours must not start and end at the same time (an empty or a whole-day window).")
        return hours

    @staticmethod
    def text(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(value: str, name: str) -> int:
    hours, colon, minutes = value.partition(":")
    if not (colon and len(hours) == 2 and len(minutes) == 2 and (hours + minutes).isascii()):
        raise BadInput(f"Quiet hours' `{name}` must be a time as HH:MM (00:00 to 23:59), not {value[:20]!r}.")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise BadInput(f"Quiet hours' `{name}` must be a time as HH:MM (00:00 to 23:59), not {value[:20]!r}.")
    return int(hours) * 60 + int(minutes)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(name: str) -> None:
    if len(name) > 64 or name not in _zones():
        raise BadInput(f"{name[:64]!r} is not an IANA time zone (such as `Europe/Paris` or `America/New_York`).")


@dataclass(frozen=True)
class TypeOverride:
    type: str
    in_app: bool | None = None
    email: bool | None = None
    sms: bool | None = None


@dataclass(frozen=True)
class TypeDefault(TypeOverride):
    required: bool = False


@dataclass(frozen=True)
class _Settings:
    """The settings that apply at one level, each as resolved from it down to the built-in defaults."""

    in_app: bool
    email: bool
    sms: bool
    in_app_min_priority: Priority
    email_min_priority: Priority
    sms_min_priority: Priority
    quiet_hours: QuietHours | None
    time_zone: str
    email_digest: str


@dataclass(frozen=True)
class Preferences(_Settings):
    type_overrides: list[TypeOverride]
    required_types: list[str]


@dataclass(frozen=True)
class TenantDefaults(_Settings):
    type_defaults: list[TypeDefault]


@dataclass(frozen=True)
class _Changes:
    """Fields left None are kept. `quiet_hours` False: none. `reset` names settings (`SETTINGS`) to drop, so that
    the level below applies again."""

    in_app: bool | None = None
    email: bool | None = None
    sms: bool | None = None
    in_app_min_priority: Priority | None = None
    email_min_priority: Priority | None = None
    sms_min_priority: Priority | None = None
    quiet_hours: QuietHours | Literal[False] | None = None
    time_zone: str | None = None
    email_digest: str | None = None
    reset: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PreferenceChanges(_Changes):
    """An override with every channel None removes that type's override."""

    type_overrides: list[TypeOverride] | None = None


@dataclass(frozen=True)
class TenantChanges(_Changes):
    """A type default with every channel None and `required` false removes it."""

    type_defaults: list[TypeDefault] | None = None


# --- a user's own ----------------------------------------------------------------------------------------------


async def get_preferences(runtime: Runtime, principal: Principal) -> Preferences:
    user = await recipient_id(runtime, principal)
    async with runtime.reading() as session:
        return await _load(session, user, principal.tenant_id)


async def update_preferences(runtime: Runtime, principal: Principal, changes: PreferenceChanges) -> Preferences:
    overrides = changes.type_overrides or []
    _check(changes, overrides, "typeOverrides")
    user = await recipient_id(runtime, principal)
    async with runtime.transaction() as session:
        row = await locked(session, user)
        switched_off = [o.type for o in overrides if False in (o.in_app, o.email, o.sms)]
        if switched_off:
            required = await _required(session, principal.tenant_id, switched_off)
            if required:
                raise RequiredType(f"Your organisation requires {required[0]!r} notifications: they cannot be off.")
        _apply(row, changes)
        for override in overrides:
            await session.execute(
                delete(TypePreference).where(TypePreference.user_id == user, TypePreference.type == override.type)
            )
            if any(getattr(override, c) is not None for c in CHANNELS):
                session.add(TypePreference(user_id=user, **_channels(override), type=override.type))
        await session.flush()
        return await _load(session, user, principal.tenant_id)


async def _load(session: AsyncSession, user: int, tenant: str) -> Preferences:
    row = await session.get(Preference, user)
    tenant_row = await session.get(TenantPreference, tenant)
    overrides = (
        await session.execute(
            select(TypePreference).where(TypePreference.user_id == user).order_by(TypePreference.type)
        )
    ).scalars()
    required = (
        await session.execute(
            select(TenantTypePreference.type)
            .where(TenantTypePreference.tenant_id == tenant, TenantTypePreference.required)
            .order_by(TenantTypePreference.type)
        )
    ).scalars()
    return Preferences(
        **_resolved(row, tenant_row),
        type_overrides=[TypeOverride(o.type, o.in_app, o.email, o.sms) for o in overrides],
        required_types=list(required),
    )


async def _required(session: AsyncSession, tenant: str, types: list[str]) -> list[str]:
    found = await session.execute(
        select(TenantTypePreference.type).where(
            TenantTypePreference.tenant_id == tenant,
            TenantTypePreference.type.in_(types),
            TenantTypePreference.required,
        )
    )
    return sorted(found.scalars())


# --- a tenant's defaults ---------------------------------------------------------------------------------------


def _tenant_of(principal: Principal, tenant: str | None) -> str:
    chosen = tenant if tenant is not None else principal.tenant_id
    check_external_id("tenant id", chosen)
    principal.require_admin_of(chosen)
    return chosen


async def get_tenant_defaults(runtime: Runtime, principal: Principal, tenant: str | None = None) -> TenantDefaults:
    chosen = _tenant_of(principal, tenant)
    async with runtime.reading() as session:
        return await _load_tenant(session, chosen)


async def update_tenant_defaults(
    runtime: Runtime, principal: Principal, changes: TenantChanges, tenant: str | None = None
) -> TenantDefaults:
    chosen = _tenant_of(principal, tenant)
    defaults = changes.type_defaults or []
    _check(changes, defaults, "typeDefaults")
    async with runtime.transaction() as session:
        row = await locked_tenant(session, chosen)
        _apply(row, changes)
        for default in defaults:
            await session.execute(
                delete(TenantTypePreference).where(
                    TenantTypePreference.tenant_id == chosen, TenantTypePreference.type == default.type
                )
            )
            if default.required or any(getattr(default, c) is not None for c in CHANNELS):
                session.add(
                    TenantTypePreference(
                        tenant_id=chosen, type=default.type, required=default.required, **_channels(default)
                    )
                )
        await session.flush()
        return await _load_tenant(session, chosen)


async def _load_tenant(session: AsyncSession, tenant: str) -> TenantDefaults:
    row = await session.get(TenantPreference, tenant)
    types = (
        await session.execute(
            select(TenantTypePreference)
            .where(TenantTypePreference.tenant_id == tenant)
            .order_by(TenantTypePreference.type)
        )
    ).scalars()
    return TenantDefaults(
        **_resolved(row),
        type_defaults=[TypeDefault(t.type, t.in_app, t.email, t.sms, t.required) for t in types],
    )


# --- shared ----------------------------------------------------------------------------------------------------


def _check(changes: _Changes, types: list[TypeOverride] | list[TypeDefault], field: str) -> None:
    if len(types) > MAX_TYPE_OVERRIDES:
        raise BadInput(
            f"At most {MAX_TYPE_OVERRIDES} type {'overrides' if field == 'typeOverrides' else 'defaults'} per update."
        )
    for override in types:
        check_type(override.type)
    if len({o.type for o in types}) != len(types):
        raise BadInput(f"Each type may appear once in `{field}`.")
    unknown = changes.reset - set(SETTINGS)
    if unknown:
        raise BadInput(f"Unknown setting to reset: {sorted(unknown)[0][:40]!r}.")
    both = [name for name in changes.reset if getattr(changes, name) is not None]
    if both:
        raise BadInput(f"`{both[0]}` is both changed and reset; do one or the other.")
    if changes.time_zone is not None:
        check_time_zone(changes.time_zone)
    if changes.email_digest is not None and changes.email_digest not in DIGESTS:
        raise BadInput(f"`emailDigest` must be one of {', '.join(DIGESTS)}.")


def _apply(row: Preference | TenantPreference, changes: _Changes) -> None:
    for name in SETTINGS:
        value = getattr(changes, name)
        if name == "quiet_hours":
            if name in changes.reset:
                row.quiet_hours, row.quiet_start, row.quiet_end = None, None, None
            elif value is False:
                row.quiet_hours, row.quiet_start, row.quiet_end = False, None, None
            elif isinstance(value, QuietHours):
                row.quiet_hours, row.quiet_start, row.quiet_end = True, value.start, value.end
        elif name in changes.reset:
            setattr(row, name, None)
        elif value is not None:
            setattr(row, name, int(value) if isinstance(value, Priority) else value)
    row.updated_at = utcnow()


def _channels(override: TypeOverride) -> dict[str, bool | None]:
    return {c: getattr(override, c) for c in CHANNELS}


def _resolved(*rows: Preference | TenantPreference | None) -> dict[str, Any]:
    """Each setting as the first of `rows` (most specific first) that chose it decides, else the default; as the
    keyword arguments of `_Settings`."""
    hours = window(*rows)
    settings = _Settings(
        in_app=bool(resolved("in_app", *rows)),
        email=bool(resolved("email", *rows)),
        sms=bool(resolved("sms", *rows)),
        in_app_min_priority=Priority(cast(int, resolved("in_app_min_priority", *rows))),
        email_min_priority=Priority(cast(int, resolved("email_min_priority", *rows))),
        sms_min_priority=Priority(cast(int, resolved("sms_min_priority", *rows))),
        quiet_hours=QuietHours(*hours) if hours is not None else None,
        time_zone=str(resolved("time_zone", *rows)),
        email_digest=str(resolved("email_digest", *rows)),
    )
    return vars(settings)
