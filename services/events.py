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
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from babel import Locale

from models import template as stored_templates
from models import throttle
from models import user as user_model
from models.audience import NO_LOCALE, Audience
from models.base import utcnow
from models.inbox import THROTTLED
from services.draft import Draft, check_external_id, check_metadata, check_recipients, storable
from services.errors import BadInput
from services.rendering import parse_locale, render
from services.roles import check_audience_roles
from services.runtime import Runtime
from services.sending import PYTHON_SENDER, SendResult, earlier, store_draft
from services.templates import Template, check_event, choose, pick
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


@dataclass(frozen=True)
class _Part:
    """One rendering of a trigger and who gets it: the users listed, or those of the audience with these stored
    locales (`NO_LOCALE` for none)."""

    template: Template
    formatting: Locale
    locales: tuple[str, ...] = ()
    users: list[str] | None = None
    count: int = 0


async def trigger_event(
    runtime: Runtime,
    *,
    event: str,
    tenant: str,
    users: Sequence[str] | None = None,
    to_tenant: bool = False,
    topic: str | None = None,
    roles: Sequence[str] | None = None,
    data: dict[str, Any] | None = None,
    actor: str | None = None,
    locale: str | None = None,
    idempotency_key: str | None = None,
    sender: str = PYTHON_SENDER,
    limited: bool = False,
) -> SendResult:
    """Send the notification `event`'s template writes from `data` to exactly one of: `users`, the whole tenant
    (`to_tenant`), the users following `topic`, or those holding any of `roles`. Everything is checked and rendered
    before anything is written; a repeated `idempotency_key` returns the first result, as every send does.

    Written in `locale` for everyone when given; otherwise each recipient gets it in the locale stored for them
    (`register_users`), falling back to English: one rendering, and one message, per distinct locale among the
    recipients, each sent by the statements of one send, so a tenant-wide trigger costs the same whatever its size.
    `limited`: the sender spends its rate limits once for the whole trigger (`services.sending.send_draft`)."""
    check_event(event)
    check_external_id("tenant id", tenant)
    if sum((users is not None, bool(to_tenant), topic is not None, roles is not None)) != 1:
        raise BadInput("Name the recipients in exactly one way: `userIds`, `toTenant: true`, `topic` or `roles`.")
    if topic is not None:
        check_topic(topic)
    if roles is not None:
        roles = check_audience_roles(roles)
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
    audience = Audience(topic=topic, roles=tuple(roles) if roles is not None else None)
    if limited:  # before any statement: a sender made to wait costs the database nothing
        await runtime.limits.admit(tenant, sender)
    if locale is not None or (users is not None and len(users) == 1):
        alone = users[0] if users is not None else None
        template, requested = await choose(runtime, tenant, event, locale, alone)
        parts = [_Part(template, _formatting(template, requested), users=users)]
    else:
        parts = await _per_locale(runtime, tenant, event, users, audience)
    main = parts[0]

    def write() -> tuple[list[Draft], str | None]:
        drafts = [rendered(p.template, data, actor, p.formatting, idempotency_key=idempotency_key) for p in parts]
        return drafts, group(main.template, data, actor, main.formatting)

    # A tenant's template may need compiling (a cache miss): in a thread, so the event loop serves others meanwhile.
    drafts, group_key = write() if all(p.template.shipped for p in parts) else await asyncio.to_thread(write)
    if group_key is not None and main.template.throttle_seconds is not None:
        group_key = await _window(runtime, tenant, group_key, main.template.throttle_seconds)
        drafts = [replace(d, group_key=group_key, throttled=True) for d in drafts]
    elif group_key is not None:
        drafts = [replace(d, group_key=group_key) for d in drafts]
    result = await _send_parts(runtime, parts, drafts, tenant, sender, audience, idempotency_key)
    if limited:
        await runtime.limits.charge(tenant, sender, result.delivered)
    return result


async def _per_locale(
    runtime: Runtime, tenant: str, event: str, users: list[str] | None, audience: Audience
) -> list[_Part]:
    """The trigger's renderings, one per template and formatting locale its recipients' stored locales lead to, the
    one for the most recipients first; a single one without any narrowing when they all read the same. Two
    statements: the recipients' locales (counted per locale for an audience), and the tenant's templates."""
    listed: dict[str | None, list[str]] = {}
    async with runtime.reading() as session:
        if users is not None:
            stored = await user_model.locales_of(session, tenant, users)
            for ext in users:  # a user unknown so far has no locale yet
                listed.setdefault(stored.get(ext), []).append(ext)
            counts = {tag: len(ext) for tag, ext in listed.items()}
        else:
            counts = await user_model.locales_among(session, audience.condition(tenant))
        found = await stored_templates.of_tenant(session, tenant, event)
    grouped: dict[tuple[str, str, bool, str], _Part] = {}
    for tag in sorted(counts, key=lambda t: t or NO_LOCALE) or [None]:
        template, requested = pick(event, found, tag)
        formatting = _formatting(template, requested)
        key = (template.event, template.locale, template.shipped, str(formatting))
        part = grouped.get(key, _Part(template, formatting))
        grouped[key] = replace(
            part,
            locales=(*part.locales, tag or NO_LOCALE),
            users=[*(part.users or []), *listed[tag]] if users is not None else None,
            count=part.count + counts.get(tag, 0),
        )
    # The most recipients first, and among equals the one users without a locale get.
    parts = sorted(grouped.values(), key=lambda p: (-p.count, NO_LOCALE not in p.locales))
    if len(parts) == 1:
        return [replace(parts[0], users=users)]
    return parts


async def _send_parts(
    runtime: Runtime,
    parts: list[_Part],
    drafts: list[Draft],
    tenant: str,
    sender: str,
    audience: Audience,
    key: str | None,
) -> SendResult:
    """Each part's message, the first last: it alone carries the idempotency key, the others keys made from it and
    their locale, so a trigger stopped midway and repeated sends only what is missing. The first's notification
    is the answer, with every part's counts. A part sent by an earlier attempt under its locale's key (the majority
    may have changed since) is not sent again, and the key goes to the first part still to send."""
    if len(parts) == 1:
        part = parts[0]
        return await store_draft(runtime, drafts[0], tenant=tenant, users=part.users, sender=sender, audience=audience)
    sent: list[SendResult | None] = [None] * len(parts)
    if key is not None:
        if (first := await earlier(runtime, sender, key)) is not None:
            others = [await earlier(runtime, sender, _part_key(key, p.formatting)) for p in parts]
            return _total(first, [r for r in others if r is not None], duplicate=True)
        sent = [await earlier(runtime, sender, _part_key(key, p.formatting)) for p in parts]
    main = next((i for i, done in enumerate(sent) if done is None), None)
    if main is None:  # every part was sent; only the key's own message was not
        finished = [r for r in sent if r is not None]
        return _total(finished[0], finished[1:], duplicate=True)
    # The key's part takes every locale the others do not: someone whose locale changed meanwhile still gets one.
    elsewhere = tuple(tag for i, p in enumerate(parts) if i != main for tag in p.locales)
    results: list[SendResult] = []
    for i in [*(i for i in reversed(range(len(parts))) if i != main), main]:
        part, earlier_result = parts[i], sent[i]
        if earlier_result is not None:
            results.append(earlier_result)
            continue
        draft = replace(drafts[i], idempotency_key=key if i == main or key is None else _part_key(key, part.formatting))
        narrowed = (
            replace(audience, locales=elsewhere, other_locales=True)
            if i == main
            else replace(audience, locales=part.locales)
        )
        results.append(
            await store_draft(runtime, draft, tenant=tenant, users=part.users, sender=sender, audience=narrowed)
        )
    return _total(results[-1], results[:-1], duplicate=results[-1].duplicate)


def _part_key(key: str, formatting: Locale) -> str:
    """The idempotency key of a trigger's message in `formatting`, beside the first's `key`: within the column."""
    return f"{key[:100]} ({formatting}, {hashlib.sha256(key.encode()).hexdigest()[:40]})"


def _total(first: SendResult, others: list[SendResult], *, duplicate: bool) -> SendResult:
    delivered = first.delivered + sum(r.delivered for r in others)
    skipped = first.skipped + sum(r.skipped for r in others)
    return SendResult(notification=first.notification, delivered=delivered, skipped=skipped, duplicate=duplicate)
