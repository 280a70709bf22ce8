"""Preferences, completed: quiet hours, time zone and digest per user; tenant defaults an admin sets, under each
user's own choices; types a tenant requires. Through GraphQL in this process (`app_api`), and sends checked for
what the three levels decide, on real PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from channels.email import EmailChannel
from channels.sms import SmsChannel
from models import delivery
from models.outbox import Delivery
from models.user import User
from services import recipients, sending
from services.runtime import Runtime
from tests.support import GraphQLClient, token, unique

BAD = "BAD_USER_INPUT"
FIELDS = """inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority }
  typeOverrides { type inApp email sms } quietHours { start end } timeZone emailDigest requiredTypes"""
PREFS = f"{{ notificationPreferences {{ {FIELDS} }} }}"
UPDATE = f"""mutation U($input: UpdateNotificationPreferencesInput!) {{
  updateNotificationPreferences(input: $input) {{ {FIELDS} }} }}"""
TENANT_FIELDS = """inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority }
  quietHours { start end } timeZone emailDigest typeDefaults { type inApp email sms required }"""
DEFAULTS = f"""query D($tenantId: ID) {{ tenantNotificationDefaults(tenantId: $tenantId) {{ {TENANT_FIELDS} }} }}"""
UPDATE_DEFAULTS = f"""mutation T($input: UpdateTenantNotificationDefaultsInput!) {{
  updateTenantNotificationDefaults(input: $input) {{ {TENANT_FIELDS} }} }}"""

BUILT_IN: dict[str, Any] = {
    "inApp": {"enabled": True, "minPriority": "LOW"},
    "email": {"enabled": False, "minPriority": "HIGH"},
    "sms": {"enabled": False, "minPriority": "URGENT"},
    "typeOverrides": [],
    "quietHours": None,
    "timeZone": "UTC",
    "emailDigest": "OFF",
    "requiredTypes": [],
}


def admin(tenant: str) -> str:
    return token(unique("admin"), tenant, "admin")


async def prefs(api: GraphQLClient, access: str) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(PREFS, token=access))["notificationPreferences"]
    return found


async def update(api: GraphQLClient, access: str, change: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(UPDATE, {"input": change}, token=access))["updateNotificationPreferences"]
    return found


async def set_defaults(api: GraphQLClient, access: str, change: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(UPDATE_DEFAULTS, {"input": change}, token=access))[
        "updateTenantNotificationDefaults"
    ]
    return found


async def refused(api: GraphQLClient, query: str, change: dict[str, Any], access: str, code: str, says: str) -> None:
    body = await api.run(query, {"input": change}, token=access)
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["extensions"]["code"] == code and says in error["message"], error


# --- a user's own --------------------------------------------------------------------------------------------------


async def test_quiet_hours_time_zone_and_digest_are_set_read_and_reset(app_api: GraphQLClient) -> None:
    access = token(unique("u"), unique("t"))
    assert await prefs(app_api, access) == BUILT_IN
    change = {
        "quietHours": {"enabled": True, "start": "22:30", "end": "07:00"},
        "timeZone": "America/New_York",
        "emailDigest": "DAILY",
    }
    updated = await update(app_api, access, change)
    expected = {**BUILT_IN, "quietHours": {"start": "22:30", "end": "07:00"}, "timeZone": "America/New_York"}
    assert updated == {**expected, "emailDigest": "DAILY"}
    assert await prefs(app_api, access) == updated
    # Other changes keep them; `enabled: false` drops the window; `reset` goes back to the default.
    assert (await update(app_api, access, {"email": {"enabled": True}}))["quietHours"] == expected["quietHours"]
    assert (await update(app_api, access, {"quietHours": {"enabled": False}}))["quietHours"] is None
    reset = await update(app_api, access, {"reset": ["TIME_ZONE", "EMAIL_DIGEST", "EMAIL"]})
    assert reset == BUILT_IN


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"timeZone": "Mars/Olympus_Mons"}, "is not an IANA time zone"),
        ({"timeZone": "../../etc/passwd"}, "is not an IANA time zone"),
        ({"timeZone": "x" * 5000}, "is not an IANA time zone"),
        ({"quietHours": {"enabled": True, "start": "22:00", "end": "22:00"}}, "same time"),
        ({"quietHours": {"enabled": True, "start": "24:00", "end": "07:00"}}, "HH:MM"),
        ({"quietHours": {"enabled": True, "start": "7:00", "end": "08:00"}}, "HH:MM"),
        ({"quietHours": {"enabled": True, "start": "07:60", "end": "08:00"}}, "HH:MM"),
        ({"quietHours": {"enabled": True, "start": "\uff10\uff17:00", "end": "08:00"}}, "HH:MM"),
        ({"quietHours": {"enabled": True, "start": "22:00"}}, "need `start` and `end`"),
        ({"emailDigest": "WEEKLY"}, "EmailDigest"),
        ({"emailDigest": "hourly"}, "EmailDigest"),
        ({"reset": ["TIME_ZONE"], "timeZone": "Europe/Paris"}, "both changed and reset"),
        ({"reset": ["BEDTIME"]}, "PreferenceSetting"),
    ],
    ids=[
        "unknown-zone",
        "path-zone",
        "huge-zone",
        "empty-window",
        "hour-24",
        "short-hour",
        "minute-60",
        "wide-digits",
        "no-end",
        "unknown-digest",
        "digest-value-not-name",
        "set-and-reset",
        "unknown-setting",
    ],
)
async def test_bad_settings_are_refused_with_a_code_and_write_nothing(
    app_api: GraphQLClient, change: dict[str, Any], says: str
) -> None:
    access = token(unique("u"), unique("t"))
    before = await update(app_api, access, {"sms": {"enabled": True}})
    # The valid parts of the same update must not be applied either.
    await refused(app_api, UPDATE, {"email": {"enabled": True}, **change}, access, BAD, says)
    assert await prefs(app_api, access) == before
    # The same checks guard a tenant's defaults.
    tenant_admin = admin(unique("t"))
    before_tenant = (await app_api.data(DEFAULTS, token=tenant_admin))["tenantNotificationDefaults"]
    await refused(app_api, UPDATE_DEFAULTS, {"email": {"enabled": True}, **change}, tenant_admin, BAD, says)
    assert (await app_api.data(DEFAULTS, token=tenant_admin))["tenantNotificationDefaults"] == before_tenant


# --- a tenant's defaults -------------------------------------------------------------------------------------------


async def test_tenant_defaults_apply_under_each_user_s_own_choices(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    ann, bob = token("ann", tenant), token("bob", tenant)
    await update(app_api, bob, {"email": {"enabled": False}, "timeZone": "Asia/Tokyo"})
    defaults = await set_defaults(
        app_api,
        admin(tenant),
        {
            "email": {"enabled": True, "minPriority": "NORMAL"},
            "quietHours": {"enabled": True, "start": "21:00", "end": "08:00"},
            "timeZone": "Europe/Paris",
            "emailDigest": "HOURLY",
            "typeDefaults": [{"type": "security", "email": True, "required": True}, {"type": "promo", "inApp": False}],
        },
    )
    assert defaults["typeDefaults"] == [
        {"type": "promo", "inApp": False, "email": None, "sms": None, "required": False},
        {"type": "security", "inApp": None, "email": True, "sms": None, "required": True},
    ]
    tenant_view = {
        "email": {"enabled": True, "minPriority": "NORMAL"},
        "quietHours": {"start": "21:00", "end": "08:00"},
        "timeZone": "Europe/Paris",
        "emailDigest": "HOURLY",
        "requiredTypes": ["security"],
    }
    assert await prefs(app_api, ann) == {**BUILT_IN, **tenant_view}
    # bob's own choices win over the tenant's; what he did not choose is the tenant's.
    bob_view = await prefs(app_api, bob)
    assert bob_view["email"] == {"enabled": False, "minPriority": "NORMAL"}
    assert (bob_view["timeZone"], bob_view["emailDigest"]) == ("Asia/Tokyo", "HOURLY")
    # A user's `enabled: false` drops the tenant's quiet hours for them; reset brings them back.
    assert (await update(app_api, ann, {"quietHours": {"enabled": False}}))["quietHours"] is None
    assert (await update(app_api, ann, {"reset": ["QUIET_HOURS"]}))["quietHours"] == tenant_view["quietHours"]
    # Removing a type's defaults: all null and not required.
    removed = await set_defaults(app_api, admin(tenant), {"typeDefaults": [{"type": "promo"}]})
    assert [t["type"] for t in removed["typeDefaults"]] == ["security"]
    # The built-in defaults back with `reset`.
    back = await set_defaults(app_api, admin(tenant), {"reset": ["EMAIL", "EMAIL_MIN_PRIORITY", "EMAIL_DIGEST"]})
    assert back["email"] == BUILT_IN["email"] and back["emailDigest"] == "OFF"


async def test_a_required_type_cannot_be_switched_off_and_the_refusal_writes_nothing(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    user = token("ann", tenant)
    await set_defaults(app_api, admin(tenant), {"typeDefaults": [{"type": "security", "required": True}]})
    before = await prefs(app_api, user)
    change = {
        "email": {"enabled": True},
        "typeOverrides": [{"type": "promo", "inApp": False}, {"type": "security", "email": False}],
    }
    await refused(app_api, UPDATE, change, user, "TYPE_REQUIRED", "'security'")
    assert await prefs(app_api, user) == before
    # Switching it on, or another type off, is fine; so is the same type in another tenant.
    allowed = await update(app_api, user, {"typeOverrides": [{"type": "security", "email": True}]})
    assert allowed["typeOverrides"] == [{"type": "security", "inApp": None, "email": True, "sms": None}]
    elsewhere = token("ann", unique("t"))
    assert (await update(app_api, elsewhere, {"typeOverrides": [{"type": "security", "inApp": False}]}))[
        "typeOverrides"
    ] == [{"type": "security", "inApp": False, "email": None, "sms": None}]


async def test_tenant_defaults_are_for_their_tenant_s_admins_and_services_only(app_api: GraphQLClient) -> None:
    tenant, other = unique("t"), unique("t")
    change = {"input": {"email": {"enabled": True}}}
    # A plain user, of the tenant or not: neither reads nor writes them.
    for caller in (token("ann", tenant), token("ann", other)):
        assert await app_api.code(DEFAULTS, token=caller) == "FORBIDDEN"
        assert await app_api.code(UPDATE_DEFAULTS, change, token=caller) == "FORBIDDEN"
    # Another tenant's admin: not by naming it either.
    intruder = admin(other)
    assert await app_api.code(DEFAULTS, {"tenantId": tenant}, token=intruder) == "FORBIDDEN"
    named = {"input": {"email": {"enabled": True}, "tenantId": tenant}}
    assert await app_api.code(UPDATE_DEFAULTS, named, token=intruder) == "FORBIDDEN"
    assert (await app_api.data(DEFAULTS, {"tenantId": tenant}, token=admin(tenant)))["tenantNotificationDefaults"][
        "email"
    ] == BUILT_IN["email"]
    # A service names the tenant; its change is that tenant's alone.
    service = token(unique("svc"), unique("svc-tenant"), "service")
    changed = (await app_api.data(UPDATE_DEFAULTS, named, token=service))["updateTenantNotificationDefaults"]
    assert changed["email"]["enabled"] is True
    assert (await prefs(app_api, token("ann", tenant)))["email"]["enabled"] is True
    assert (await prefs(app_api, token("ann", other)))["email"]["enabled"] is False
    assert (await app_api.data(DEFAULTS, token=admin(other)))["tenantNotificationDefaults"]["email"]["enabled"] is False


async def test_a_user_s_settings_are_their_own(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    ann, bob, twin = token("ann", tenant), token("bob", tenant), token("ann", unique("t"))
    await update(
        app_api, ann, {"quietHours": {"enabled": True, "start": "23:00", "end": "06:00"}, "emailDigest": "DAILY"}
    )
    for other in (bob, twin):
        assert await prefs(app_api, other) == BUILT_IN


# --- what sends do with them ---------------------------------------------------------------------------------------


async def outboxed(runtime: Runtime, message_id: int) -> set[tuple[str, str]]:
    async with runtime.transaction() as session:
        # A tenant send's rows as a worker writes them first (the one-statement send leaves a row per channel).
        while await delivery.expand(session, {reach.channel: reach for reach in runtime.reaches}) is not None:
            pass
        rows = await session.execute(
            select(User.external_id, Delivery.channel)
            .join(User, User.id == Delivery.user_id)
            .where(Delivery.message_id == message_id)
        )
        return {(user, channel) for user, channel in rows}


@pytest.mark.parametrize("at_once", [True, False], ids=["one-statement", "several"])
async def test_sends_follow_user_then_tenant_then_built_in_and_required_types(
    runtime: Runtime, app_api: GraphQLClient, at_once: bool
) -> None:
    runtime = replace(runtime, reaches=(EmailChannel.reach, SmsChannel.reach))
    tenant = unique("t")
    people = ["ann", "bob", "cat", "dan"]
    await recipients.register_users(
        runtime, tenant, people, {p: {"email": f"{p}@example.com", "phone": "+14155550100"} for p in people}
    )
    if not at_once:
        runtime.user_ids.clear()  # unknown to this process: the send of several statements
    await set_defaults(
        app_api,
        admin(tenant),
        {
            "email": {"enabled": True, "minPriority": "NORMAL"},
            "sms": {"minPriority": "LOW"},  # still off, but for "security"
            "typeDefaults": [
                {"type": "security", "email": True, "sms": True, "required": True},
                {"type": "promo", "email": False},
            ],
        },
    )
    await update(app_api, token("bob", tenant), {"email": {"enabled": False}, "inApp": {"enabled": False}})
    await update(app_api, token("cat", tenant), {"typeOverrides": [{"type": "promo", "email": True}]})
    await update(app_api, token("dan", tenant), {"sms": {"enabled": True, "minPriority": "LOW"}})

    async def send(type_: str, users: list[str] | None = None) -> tuple[int, set[tuple[str, str]]]:
        if users is None:
            result = await sending.send_tenant_notification(runtime, tenant=tenant, title="T", message="m", type=type_)
        else:
            result = await sending.send_bulk_notifications(
                runtime, users=users, tenant=tenant, title="T", message="m", type=type_
            )
        return result.delivered, await outboxed(runtime, result.notification.id)

    # The tenant's email default for everyone but bob, who switched it off; dan's own SMS.
    assert await send("system") == (3, {("ann", "email"), ("cat", "email"), ("dan", "email"), ("dan", "sms")})
    # The tenant's "promo: no email" under cat's own override for promo.
    assert await send("promo", people) == (3, {("cat", "email"), ("dan", "sms")})
    # Required: the tenant's settings alone (its switches and floors), bob's notwithstanding (in-app too).
    expected = {(p, c) for p in people for c in ("email", "sms")}
    assert await send("security") == (4, expected)
