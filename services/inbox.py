"""A user's own inbox: reading, counting, marking and deleting. Every function acts on the caller's inbox only."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass

from models import listing, read_state
from models import unread as counts
from models.message import Priority
from services.auth import Principal
from services.draft import MAX_RECIPIENTS, check_type
from services.errors import BadInput, NotFound
from services.notification import Notification, count_event, tenant_channel
from services.recipients import recipient_id
from services.runtime import Runtime

MAX_PAGE = 100
MAX_RECENT = 50
MAX_LISTED_CHANGES = MAX_RECIPIENTS  # what marking all lists of what it changed: as many as a call may name
_CURSOR_PREFIX = "n:"


@dataclass(frozen=True)
class Page:
    notifications: list[Notification]
    has_next_page: bool


@dataclass(frozen=True)
class Change:
    updated: int
    unread: int
    notifications: list[Notification]  # read back after the change, when asked for (see `mark_read`)


def encode_cursor(notification_id: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{notification_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    if len(cursor) > 64:
        raise BadInput("`after` is not a cursor this API returned.")
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    digits = text[len(_CURSOR_PREFIX) :]
    if not text.startswith(_CURSOR_PREFIX) or not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise BadInput("`after` is not a cursor this API returned.")
    return int(digits)


def parse_ids(ids: Sequence[str]) -> list[int]:
    if len(ids) > MAX_RECIPIENTS:
        raise BadInput(f"At most {MAX_RECIPIENTS} ids per call; got {len(ids)}.")
    return list(dict.fromkeys(parse_id(i) for i in ids))


def parse_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadInput(f"{value[:40]!r} is not a notification id.")
    return int(value)


def _check_types(types: Sequence[str] | None) -> list[str] | None:
    if types is None:
        return None
    if len(types) > 50:
        raise BadInput("At most 50 types per filter.")
    for t in types:
        check_type(t)
    return list(types)


async def list_notifications(
    runtime: Runtime,
    principal: Principal,
    *,
    first: int = 20,
    after: str | None = None,
    unread: bool | None = None,
    types: Sequence[str] | None = None,
    min_priority: Priority | None = None,
) -> Page:
    if not 0 <= first <= MAX_PAGE:
        raise BadInput(f"`first` must be between 0 and {MAX_PAGE}.")
    before = decode_cursor(after) if after is not None else None
    types = _check_types(types)
    user = await recipient_id(runtime, principal)
    with runtime.reader() as reader:
        rows = await listing.page(
            reader,
            user,
            before=before,
            limit=first + 1,
            unread=unread,
            types=types,
            min_priority=int(min_priority) if min_priority is not None else None,
        )
    return Page([Notification.listed(row) for row in rows[:first]], has_next_page=len(rows) > first)


async def recent_notifications(runtime: Runtime, principal: Principal, limit: int = 10) -> list[Notification]:
    if not 1 <= limit <= MAX_RECENT:
        raise BadInput(f"`limit` must be between 1 and {MAX_RECENT}.")
    return (await list_notifications(runtime, principal, first=limit)).notifications


async def get_notification(runtime: Runtime, principal: Principal, notification_id: str) -> Notification:
    nid = parse_id(notification_id)
    user = await recipient_id(runtime, principal)
    with runtime.reader() as reader:
        row = await listing.one(reader, user, nid)
    if row is None:
        # The same answer whether it does not exist, expired, or belongs to someone else.
        raise NotFound(f"Notification {notification_id} was not found.")
    return Notification.listed(row)


async def unread_count(runtime: Runtime, principal: Principal, types: Sequence[str] | None = None) -> int:
    types = _check_types(types)
    user = await recipient_id(runtime, principal)
    if types:
        async with runtime.reading() as session:
            return await counts.unread_count(session, user, types)
    with runtime.reader() as reader:
        kept = await counts.kept_unread_count(reader, user)
    if kept is not None:
        return kept
    async with runtime.transaction() as session:
        return await counts.recount_unread(session, user)


async def mark_read(
    runtime: Runtime, principal: Principal, ids: Sequence[str] | None, *, read: bool = True, listed: bool = False
) -> Change:
    """Mark `ids` (all, when None) read or unread. Ids the caller does not hold are ignored, not reported.

    With `listed`, the answer also holds notifications as they are after the change, for clients' caches: those of
    `ids` the caller holds, changed by this call or not (a cache may hold a state another tab has changed since);
    for all, the newest MAX_LISTED_CHANGES this call changed."""
    message_ids = parse_ids(ids) if ids is not None else None
    user = await recipient_id(runtime, principal)
    # To its end whatever the caller does: stopped between commit and publish, other tabs would keep a stale count.
    return await runtime.finished(_mark(runtime, principal.tenant_id, user, message_ids, read, listed))


async def _mark(
    runtime: Runtime, tenant: str, user: int, message_ids: list[int] | None, read: bool, listed: bool
) -> Change:
    rows: Sequence[listing.Listed] = []
    async with runtime.transaction() as session:
        changed = await read_state.set_read(session, user, message_ids, read)
        unread = await counts.unread_count(session, user)
        if listed:
            shown = message_ids if message_ids is not None else sorted(changed, reverse=True)[:MAX_LISTED_CHANGES]
            rows = await listing.listed_among(session, user, shown)
    if changed:
        await runtime.channels.publish(tenant_channel(tenant), count_event(user, unread))
    return Change(updated=len(changed), unread=unread, notifications=[Notification.listed(row) for row in rows])


async def delete_read(runtime: Runtime, principal: Principal) -> int:
    user = await recipient_id(runtime, principal)
    return await runtime.finished(_delete_read(runtime, principal.tenant_id, user))


async def _delete_read(runtime: Runtime, tenant: str, user: int) -> int:
    async with runtime.transaction() as session:
        deleted = await read_state.delete_read(session, user)
        unread = await counts.unread_count(session, user)
    if deleted:
        # Only read rows go, so the count is unchanged; tabs are told anyway so every badge re-syncs.
        await runtime.channels.publish(tenant_channel(tenant), count_event(user, unread))
    return deleted
