"""A user's own inbox: reading, counting, marking and deleting. Every function acts on the caller's inbox only."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from models import listing, read_state
from models import unread as counts
from models.base import utcnow
from models.inbox_filter import Filter
from models.read_state import Action as Action
from services.auth import Principal
from services.draft import MAX_RECIPIENTS, check_group_key, check_type
from services.errors import BadInput, NotFound, SnoozeInPast
from services.notification import Notification, count_event, tenant_channel
from services.recipients import recipient_id
from services.runtime import Runtime

MAX_PAGE = 100
MAX_RECENT = 50
MAX_LISTED_CHANGES = MAX_RECIPIENTS  # what marking all lists of what it changed: as many as a call may name
MAX_COUNTS = 20  # filters one `counts` may ask for: each is a count of its own
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


def check_filter(f: Filter) -> Filter:
    """`f` with its types checked, and its dates with an offset from UTC."""
    for name, value in (("createdAfter", f.created_after), ("createdBefore", f.created_before)):
        if value is not None and value.tzinfo is None:
            raise BadInput(f"`{name}` must include a time zone, e.g. 2030-01-01T00:00:00Z.")
    if f.group_key is not None:
        check_group_key(f.group_key)
    return replace(f, types=_check_types(f.types))


async def list_notifications(
    runtime: Runtime,
    principal: Principal,
    *,
    first: int = 20,
    after: str | None = None,
    filter: Filter | None = None,
    grouped: bool = False,
) -> Page:
    """A page of the caller's notifications, newest first. `grouped`: those sharing a group key are one entry, the
    newest, with the number the filter selects of its group (`Notification.group_count`)."""
    if not 0 <= first <= MAX_PAGE:
        raise BadInput(f"`first` must be between 0 and {MAX_PAGE}.")
    before = decode_cursor(after) if after is not None else None
    filter = check_filter(filter or Filter())
    user = await recipient_id(runtime, principal)
    with runtime.reader() as reader:
        rows = await listing.page(reader, user, before=before, limit=first + 1, filter=filter, grouped=grouped)
    found = [Notification.listed(row, count) for row, count in rows[:first]]
    return Page(found, has_next_page=len(rows) > first)


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
    return await _unread_badge(runtime, user)


async def _unread_badge(runtime: Runtime, user: int) -> int:
    with runtime.reader() as reader:
        kept = await counts.kept_unread_count(reader, user)
    if kept is not None:
        return kept
    async with runtime.transaction() as session:
        return await counts.recount_unread(session, user)


async def count_notifications(runtime: Runtime, principal: Principal, filters: Sequence[Filter]) -> list[int]:
    """How many of the caller's notifications each filter selects, in order; exact. The unread badge's filter is
    answered from the kept count (`models.unread`), the others by counting."""
    if len(filters) > MAX_COUNTS:
        raise BadInput(f"At most {MAX_COUNTS} filters per call; got {len(filters)}.")
    checked = [check_filter(f) for f in filters]
    user = await recipient_id(runtime, principal)
    found: list[int] = []
    for f in checked:
        if f.is_unread_badge:
            found.append(await _unread_badge(runtime, user))
        else:
            with runtime.reader() as reader:
                found.append(await listing.count(reader, user, f))
    return found


async def mark_read(
    runtime: Runtime, principal: Principal, ids: Sequence[str] | None, *, read: bool = True, listed: bool = False
) -> Change:
    """Mark `ids` (all, when None) read or unread. Ids the caller does not hold are ignored, not reported.

    With `listed`, the answer also holds notifications as they are after the change, for clients' caches: those of
    `ids` the caller holds, changed by this call or not (a cache may hold a state another tab has changed since);
    for all, the newest MAX_LISTED_CHANGES this call changed."""
    action = Action.READ if read else Action.UNREAD
    if ids is None:
        return await change(runtime, principal, action, filter=Filter(archived=None), listed=listed)
    return await change(runtime, principal, action, ids=ids, listed=listed, strict=False)


async def change(
    runtime: Runtime,
    principal: Principal,
    action: Action,
    *,
    ids: Sequence[str] | None = None,
    filter: Filter | None = None,
    until: datetime | None = None,
    listed: bool = False,
    strict: bool = True,
) -> Change:
    """Apply `action` to the caller's notifications among `ids`, or those `filter` selects: exactly one of the two.
    `strict`: an id the caller does not hold (someone else's, unknown or expired) fails the whole call, and nothing
    is written; otherwise it is ignored. `until`: for a snooze, when the notifications come back (in the future).
    `listed` as for `mark_read`."""
    if (ids is None) == (filter is None):
        raise BadInput("Give exactly one of `ids` and `filter`.")
    message_ids = parse_ids(ids) if ids is not None else None
    checked = check_filter(filter) if filter is not None else None
    if action is Action.SNOOZE:
        if until is None or until.tzinfo is None:
            raise BadInput("`until` must include a time zone, e.g. 2030-01-01T00:00:00Z.")
        if until <= utcnow():
            raise SnoozeInPast("`until` is in the past; a notification can only be snoozed until a later time.")
    user = await recipient_id(runtime, principal)
    # To its end whatever the caller does: stopped between commit and publish, other tabs would keep a stale count.
    return await runtime.finished(
        _change(runtime, principal.tenant_id, user, action, message_ids, checked, until, listed, strict)
    )


async def _change(
    runtime: Runtime,
    tenant: str,
    user: int,
    action: Action,
    message_ids: list[int] | None,
    filter: Filter | None,
    until: datetime | None,
    listed: bool,
    strict: bool,
) -> Change:
    rows: Sequence[listing.Listed] = []
    async with runtime.transaction() as session:
        if strict and message_ids is not None:
            await counts.lock(session, user)  # first, as every change: nothing held now can go before the change
            held = await listing.held_among(session, user, message_ids)
            if len(held) < len(message_ids):
                missing = next(str(i) for i in message_ids if i not in held)
                # The same answer whether it does not exist, expired, or belongs to someone else.
                raise NotFound(f"Notification {missing} was not found; nothing was changed.")
        changed = await read_state.change(session, user, action, ids=message_ids, filter=filter, until=until)
        unread = await counts.unread_count(session, user)
        if listed and action is not Action.DELETE:
            shown = message_ids if message_ids is not None else sorted(changed, reverse=True)[:MAX_LISTED_CHANGES]
            rows = await listing.listed_among(session, user, shown)
    if changed:
        # Every change of state may change some count a client watches (`countsChanged`), not only the unread one.
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
