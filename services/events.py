"""Triggering events: a backend names what happened (`sale.completed`) with its data, and the event's template
(`services.templates`) writes the notification, which goes out through the send path of `services.sending`.

Throttling and deduplication per event (one entry saying "50 adjustments") belong between rendering and sending,
in `trigger_event`, once notifications have a group key.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from babel import Locale

from services.draft import Draft, check_external_id, check_metadata, check_recipients, storable
from services.errors import BadInput
from services.rendering import parse_locale, render
from services.runtime import Runtime
from services.sending import PYTHON_SENDER, SendResult, send_draft
from services.templates import Template, check_event, choose
from services.topics import check_topic

MAX_ACTOR = 200
MAX_DATA_BYTES = 15 * 1024


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
    render = partial(rendered, template, data, actor, _formatting(template, requested), idempotency_key=idempotency_key)
    # A tenant's template may need compiling (a cache miss): in a thread, so the event loop serves others meanwhile.
    draft = render() if template.shipped else await asyncio.to_thread(render)
    return await send_draft(runtime, draft, tenant=tenant, users=users, sender=sender, topic=topic)
