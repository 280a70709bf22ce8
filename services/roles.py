"""Roles users hold in their tenant, which sends and triggers can address (`roles: ["warehouse"]`): set by a
tenant's admins or the Python API, or (`ROLES_FROM_TOKENS`) recorded from each user's token as they arrive
(`services.recipients.recipient_id`). A token's `admin` and `service` say what a caller may do; these say who hears
what, and a user holds them until they are set again."""

from __future__ import annotations

from collections.abc import Sequence

from models import role as stored
from models.user import ensure_users, user_id
from services.auth import MAX_ROLE, MAX_ROLES
from services.draft import check_external_id, check_recipients, storable
from services.errors import BadInput
from services.recipients import remember
from services.runtime import Runtime


def check_roles(roles: Sequence[str]) -> tuple[str, ...]:
    """`roles` without repeats, each checked; at most `MAX_ROLES` (held by one user, or named by one send). An empty
    list is allowed (a user holding none)."""
    if isinstance(roles, str) or not isinstance(roles, Sequence):
        raise BadInput("`roles` must be a list of role names.")
    for name in roles:
        # Printable as a token's roles must be (`services.auth`): no invisible or reordering characters, which would
        # show one role as another.
        if not (isinstance(name, str) and 0 < len(name) <= MAX_ROLE and storable(name) and name.isprintable()) or any(
            c.isspace() for c in name
        ):
            raise BadInput(f"A role must be 1 to {MAX_ROLE} printable characters without spaces, such as `warehouse`.")
    unique = tuple(dict.fromkeys(roles))
    if len(unique) > MAX_ROLES:
        raise BadInput(f"At most {MAX_ROLES} roles at once.")
    return unique


def check_audience_roles(roles: Sequence[str]) -> tuple[str, ...]:
    """The roles a send is addressed to: at least one."""
    checked = check_roles(roles)
    if not checked:
        raise BadInput("`roles` must name at least one role.")
    return checked


async def set_roles(runtime: Runtime, tenant: str, users: Sequence[str], roles: Sequence[str]) -> int:
    """Each of `users` of `tenant` (registered on the way if new) holds exactly `roles` afterwards; how many users.
    Everything is checked before anything is written."""
    check_external_id("tenant id", tenant)
    ids = check_recipients(list(users))
    held = check_roles(roles)
    async with runtime.transaction() as session:
        registered = await ensure_users(session, tenant, ids)
        await stored.replace(session, tenant, {uid: held for uid in registered.values()})
    remember(runtime, tenant, registered)
    return len(registered)


async def roles_of(runtime: Runtime, tenant: str, user: str) -> list[str]:
    """The roles `user` holds in `tenant`, in order; none for a user the tenant does not know."""
    check_external_id("tenant id", tenant)
    check_external_id("user id", user)
    async with runtime.transaction() as session:
        uid = await user_id(session, tenant, user)
        if uid is None:
            return []
        return (await stored.roles_of(session, tenant, [uid]))[uid]
