"""Reading and changing delivery preferences: the caller's own, and (admins) their tenant's defaults."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.context import Info
from schema.preferences import (
    ChannelPreferenceInput,
    NotificationPreferences,
    TenantNotificationDefaults,
    UpdateNotificationPreferencesInput,
    UpdateTenantNotificationDefaultsInput,
)
from services import preferences
from services.preferences import Priority


async def notification_preferences(info: Info) -> NotificationPreferences:
    return NotificationPreferences.of(
        await preferences.get_preferences(info.context.runtime, info.context.require_principal())
    )


async def update_notification_preferences(
    info: Info,
    input: Annotated[UpdateNotificationPreferencesInput, strawberry.argument(description="What to change.")],
) -> NotificationPreferences:
    overrides = None
    if input.type_overrides is not None:
        overrides = [preferences.TypeOverride(o.type, o.in_app, o.email, o.sms) for o in input.type_overrides]
    changes = preferences.PreferenceChanges(**_settings(input), type_overrides=overrides)
    result = await preferences.update_preferences(info.context.runtime, info.context.require_principal(), changes)
    return NotificationPreferences.of(result)


async def tenant_notification_defaults(
    info: Info,
    tenant_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="Whose: the caller's tenant by default; only service callers name another."),
    ] = None,
) -> TenantNotificationDefaults:
    tenant = str(tenant_id) if tenant_id is not None else None
    found = await preferences.get_tenant_defaults(info.context.runtime, info.context.require_principal(), tenant)
    return TenantNotificationDefaults.of(found)


async def update_tenant_notification_defaults(
    info: Info,
    input: Annotated[UpdateTenantNotificationDefaultsInput, strawberry.argument(description="What to change.")],
) -> TenantNotificationDefaults:
    defaults = None
    if input.type_defaults is not None:
        defaults = [preferences.TypeDefault(t.type, t.in_app, t.email, t.sms, t.required) for t in input.type_defaults]
    changes = preferences.TenantChanges(**_settings(input), type_defaults=defaults)
    tenant = str(input.tenant_id) if input.tenant_id is not None else None
    result = await preferences.update_tenant_defaults(
        info.context.runtime, info.context.require_principal(), changes, tenant
    )
    return TenantNotificationDefaults.of(result)


def _settings(input: UpdateNotificationPreferencesInput | UpdateTenantNotificationDefaultsInput) -> dict[str, Any]:
    """The changes both levels take, as `preferences._Changes`' keyword arguments."""

    def channel(c: ChannelPreferenceInput | None) -> tuple[bool | None, Priority | None]:
        if c is None:
            return None, None
        return c.enabled, c.min_priority.level if c.min_priority else None

    changes: dict[str, Any] = {}
    for name in ("in_app", "email", "sms"):
        changes[name], changes[f"{name}_min_priority"] = channel(getattr(input, name))
    return changes | {
        "quiet_hours": input.quiet_hours.change() if input.quiet_hours is not None else None,
        "time_zone": input.time_zone,
        "email_digest": input.email_digest.value if input.email_digest is not None else None,
        "reset": frozenset(setting.value for setting in input.reset or ()),
    }
