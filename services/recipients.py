"""Turning the ids callers use (tenant + external user id) into inbox owners, registering them as needed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import phonenumbers

from models import role
from models.user import ensure_users
from services.auth import Principal
from services.draft import check_external_id, check_recipients, storable
from services.errors import BadInput
from services.rendering import known_locale
from services.runtime import Runtime

_CACHE_LIMIT = 100_000


async def recipient_id(runtime: Runtime, principal: Principal) -> int:
    """The caller's own inbox; the first authenticated request of a user registers them. With `ROLES_FROM_TOKENS`,
    the first with roles other than those this process last recorded for them records the token's."""
    key = (principal.tenant_id, principal.user_id)
    cached = runtime.user_ids.get(key)
    recording = runtime.settings.roles_from_tokens and runtime.recorded_roles.get(key) != principal.token_roles
    if cached is not None and not recording:
        return cached
    async with runtime.transaction() as session:
        ids = await ensure_users(session, principal.tenant_id, [principal.user_id])
        if recording:
            held = {ids[principal.user_id]: sorted(principal.token_roles)}
            await role.replace(session, principal.tenant_id, held)
    if recording:
        if len(runtime.recorded_roles) > _CACHE_LIMIT:
            runtime.recorded_roles.clear()
        runtime.recorded_roles[key] = principal.token_roles
    return remember(runtime, principal.tenant_id, ids)[principal.user_id]


async def register_users(
    runtime: Runtime,
    tenant_id: str,
    users: Sequence[str],
    contacts: Mapping[str, Mapping[str, str | None]] | None = None,
) -> dict[str, int]:
    """Register users ahead of their first visit (so tenant-wide sends reach them), with optional email, phone and
    locale."""
    check_external_id("tenant id", tenant_id)
    ids = check_recipients(list(users))
    normalised = dict(contacts or {})
    for ext, contact in (contacts or {}).items():
        if ext not in ids:
            raise BadInput(f"Contact details given for {ext!r}, who is not in the list of users.")
        email, phone = contact.get("email"), contact.get("phone")
        if email is not None and (
            len(email) > 320 or "@" not in email or not storable(email) or any(c.isspace() for c in email)
        ):
            raise BadInput(f"{email[:60]!r} is not an email address.")
        if phone is not None:
            normalised[ext] = {**contact, "phone": e164(phone)}
    normalised = {ext: _with_known_locale(contact) for ext, contact in normalised.items()}
    async with runtime.transaction() as session:
        registered = await ensure_users(session, tenant_id, ids, normalised)
    return remember(runtime, tenant_id, registered)


def _with_known_locale(contact: Mapping[str, str | None]) -> Mapping[str, str | None]:
    """`contact` with its locale as Babel names it (`de-AT` becomes `de_AT`); one Babel does not know is refused."""
    tag = contact.get("locale")
    return contact if tag is None else {**contact, "locale": str(known_locale(tag))}


def e164(phone: str) -> str:
    """`phone` in E.164 (`+14155550100`) if it is a valid number with its country code; spaces and dashes are
    allowed in what is given, and dropped."""
    refusal = BadInput(
        f"{phone[:40]!r} is not a phone number: give it in E.164 form, + and country code (+14155550100)."
    )
    if len(phone) > 32 or not phone.startswith("+"):
        raise refusal
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        raise refusal from None
    if not phonenumbers.is_valid_number(number):
        raise refusal
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def known_ids(runtime: Runtime, tenant_id: str, users: Sequence[str]) -> dict[str, int] | None:
    """The internal ids of `users` if this process knows them all (no statement needed), else None."""
    found: dict[str, int] = {}
    for ext in users:
        uid = runtime.user_ids.get((tenant_id, ext))
        if uid is None:
            return None
        found[ext] = uid
    return found


def remember(runtime: Runtime, tenant_id: str, ids: dict[str, int]) -> dict[str, int]:
    """Cache ids once their rows are committed (an id from a rolled-back registration would point nowhere)."""
    if len(runtime.user_ids) > _CACHE_LIMIT:
        runtime.user_ids.clear()
    for ext, uid in ids.items():
        runtime.user_ids[(tenant_id, ext)] = uid
    return ids
