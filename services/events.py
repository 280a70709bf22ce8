"""Triggering events: a backend names what happened (`sale.completed`) with its data, and the event's template
(`services.templates`) writes the notification, which goes out through the send path of `services.sending`.

A template's `group_by` gives its notifications a group key (`<event>:<key>`); with `throttle_seconds` as well, the
key also names the window the trigger falls in (`models.throttle`), starts with `THROTTLED`, and every listing shows
the window's notifications to each recipient as one entry with their count and the newest's content. They stay
rows of their own, so unread counts, live delivery and catch-up treat each exactly as any other notification.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from babel import Locale

from models import throttle
from models.base import utcnow
from models.inbox import THROTTLED
from services.draft import Draft, check_external_id, check_metadata, check_recipients, storable
from services.errors import BadInput
from services.rendering import parse_locale, render
from services.runtime import Runtime
from services.sending import PYTHON_SENDER, SendResult, send_draft
from services.templates import Template, check_event, choose
from services.topics import check_topic

MAX_ACTOR = 200
MAX_DATA_BYTES = 15 * 1024
MAX_KEY = 64  # a longer rendered key is replaced by its digest, so that every group key fits its column


def _variables(data: dict[str, Any], actor: str | None) -> dict[str, Any]:
    # `actor` is always defined (None when not given), so templates can write `{% if actor %}`.
    return {**data, "actor": actor}


def rendered(template: Template, data: dict[str, Any], actor: str | None, locale: Locale, **extra: Any) -> Draft:
    """`template` rendered with `data` into a checked notification; BadInput naming the field that failed."""
    variables = _variables(data, actor)
    fields: dict[str, str | None] = {}
    for field in ("title", "message", "action_url", "action_text"):
        compiled = template.compiled(field)
        fields[field] = render(field, compiled, variables, locale) if compiled is not None else None
    metadata = {"event": template.event, "data": data}
    if actor is not None:
        metadata["actor"] = actor
    return Draft(
        type=template.type,
        title=fields["title"] or "",
        message=fields["message"] or "",
        priority=template.priority,
        action_url=fields["action_url"] or None,
        action_text=fields["action_text"] or None,
        metadata=metadata,
        **extra,
    )


def group(template: Template, data: dict[str, Any], actor: str | None, locale: Locale) -> str | None:
    """`<event>:<key>`, the key being `group_by` rendered with `data`; None when the template has no `group_by`."""
    compiled = template.compiled("group_by")
    if compiled is None:
        return None
    key = render("groupBy", compiled, _variables(data, actor), locale).strip()
    if len(key) > MAX_KEY or not storable(key):
        key = hashlib.sha256(key.encode()).hexdigest()[:MAX_KEY]
    return f"{template.event}:{key}"


async def _window(runtime: Runtime, tenant: str, group: str, seconds: int) -> str:
    """The throttled group key of the window `group` is in now, opening one if the last has closed."""
    now = utcnow()
    async with runtime.transaction() as session:
        opened: datetime = await throttle.opened(session, tenant, group, now, now - timedelta(seconds=seconds))
    return f"{THROTTLED}{group}:{int(opened.timestamp() * 1000)}"


def _formatting(template: Template, requested: Locale | None) -> Locale:
    """The locale numbers and dates are formatted in: the one asked for when the template is in its language
    (`de_AT` with a `de` template formats as Austria does), else the template's own."""
    own = Locale.parse(template.locale)
    if requested is not None and requested.language == own.language:
        return requested
    return own


async def trigger_event(
    runtime: Runtime,
    *,
    event: str,
    tenant: str,
    users: Sequence[str] | None = None,
    to_tenant: bool = False,
    topic: str | None = None,
    data: dict[str, Any] | None = None,
    actor: str | None = None,
    locale: str | None = None,
    idempotency_key: str | None = None,
    sender: str = PYTHON_SENDER,
) -> SendResult:
    """Send the notification `event`'s template writes from `data` to exactly one of: `users`, the whole tenant
    (`to_tenant`), or the users following `topic`. Everything is checked and rendered before anything is
    written; a repeated `idempotency_key` returns the first result, as every send does. Written in `locale`, or for
    one user alone in the locale stored for them (`register_users`), falling back to English."""
    check_event(event)
    check_external_id("tenant id", tenant)
    if sum((users is not None, bool(to_tenant), topic is not None)) != 1:
        raise BadInput("Name the recipients in exactly one way: `userIds`, `toTenant: true` or `topic`.")
    if topic is not None:
        check_topic(topic)
    if users is not None:
        users = check_recipients(list(users))  # before any id reaches a statement
    data = data if data is not None else {}
    check_metadata(data)  # JSON values only, as a notification's metadata
    size = len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_DATA_BYTES:  # less than metadata's limit, so that the event's name and actor fit beside it
        raise BadInput(f"`data` is {size:,} bytes; the limit is {MAX_DATA_BYTES:,} bytes of JSON.")
    if actor is not None and not (0 < len(actor) <= MAX_ACTOR and storable(actor)):
        raise BadInput(f"`actor` must be 1 to {MAX_ACTOR} characters of printable text.")
    if locale is not None:
        parse_locale(locale)  # a malformed one is refused before anything is read
    alone = users[0] if users is not None and len(set(users)) == 1 else None
    template, requested = await choose(runtime, tenant, event, locale, alone)
    formatting = _formatting(template, requested)

    def write() -> tuple[Draft, str | None]:
        draft = rendered(template, data, actor, formatting, idempotency_key=idempotency_key)
        return draft, group(template, data, actor, formatting)

    # A tenant's template may need compiling (a cache miss): in a thread, so the event loop serves others meanwhile.
    draft, group_key = write() if template.shipped else await asyncio.to_thread(write)
    if group_key is not None and template.throttle_seconds is not None:
        group_key = await _window(runtime, tenant, group_key, template.throttle_seconds)
        draft = replace(draft, group_key=group_key, throttled=True)
    elif group_key is not None:
        draft = replace(draft, group_key=group_key)
    return await send_draft(runtime, draft, tenant=tenant, users=users, sender=sender, topic=topic)
