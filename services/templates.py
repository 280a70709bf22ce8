"""Event templates: the shipped ones (`events/<locale>/<event>.toml`) and those a tenant's admins save, which take
their place; checked when saved, chosen per send by locale with fallback, rendered with `services.rendering`."""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from babel import Locale

from models import template as stored
from models.base import utcnow
from models.message import Priority
from models.template import EventTemplate
from services.draft import MAX_ACTION_TEXT, MAX_TITLE, check_type
from services.errors import BadInput
from services.rendering import Compiled, compile_text, known_locale, parse_locale
from services.runtime import Runtime, autocommitted

SHIPPED_DIRECTORY = Path(__file__).resolve().parent.parent / "events"
DEFAULT_LOCALE = "en"
MAX_PER_TENANT = 300
MAX_LISTED = 400  # a tenant's own and the shipped ones
MAX_EVENT = 100  # the column's size
MAX_GROUP_BY = 500
EVENT_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}(?:\.[a-z][a-z0-9_]{0,39}){1,3}")
_FIELDS = ("title", "message", "action_url", "action_text")


@dataclass(frozen=True)
class Template:
    event: str
    locale: str
    type: str
    priority: Priority
    title: str
    message: str
    action_url: str | None
    action_text: str | None
    shipped: bool
    updated_at: datetime | None = None
    group_by: str | None = None  # rendered with the data into the notifications' group key
    throttle_seconds: int | None = None  # a window in which one recipient's notifications of a key are one entry

    def compiled(self, field: str) -> Compiled | None:
        source = getattr(self, field)
        if source is None:
            return None
        return compile_text(_NAMES[field], source, url=field == "action_url")


_NAMES = {
    "title": "title",
    "message": "message",
    "action_url": "actionUrl",
    "action_text": "actionText",
    "group_by": "groupBy",
}
MAX_THROTTLE_SECONDS = 7 * 24 * 3600


def check_event(event: str) -> str:
    if not isinstance(event, str) or len(event) > MAX_EVENT or not EVENT_PATTERN.fullmatch(event):
        raise BadInput(
            f"`event` {str(event)[:60]!r} is not an event name: lowercase words joined by dots, such as "
            f"`sale.completed` or `inventory.low_stock`, at most {MAX_EVENT} characters."
        )
    return event


def checked(
    *,
    event: str,
    locale: str,
    type: str,
    priority: Priority | str,
    title: str,
    message: str,
    action_url: str | None = None,
    action_text: str | None = None,
    shipped: bool = False,
    updated_at: datetime | None = None,
    group_by: str | None = None,
    throttle_seconds: int | None = None,
) -> Template:
    """A template whose every field is valid and compiles; otherwise a BadInput naming the field."""
    check_event(event)
    check_type(type)
    if isinstance(priority, str):
        try:
            priority = Priority[priority.upper()]
        except KeyError:
            raise BadInput("`priority` must be one of low, normal, high, urgent.") from None
    template = Template(
        event=event,
        locale=str(known_locale(locale)),
        type=type,
        priority=priority,
        title=title,
        message=message,
        action_url=action_url or None,
        action_text=action_text or None,
        shipped=shipped,
        updated_at=updated_at,
        group_by=group_by or None,
        throttle_seconds=throttle_seconds,
    )
    if throttle_seconds is not None:
        if isinstance(throttle_seconds, bool) or not isinstance(throttle_seconds, int):
            raise BadInput("`throttleSeconds` must be a whole number of seconds.")
        if not 1 <= throttle_seconds <= MAX_THROTTLE_SECONDS:
            raise BadInput(f"`throttleSeconds` must be between 1 and {MAX_THROTTLE_SECONDS:,} (a week).")
        if template.group_by is None:
            raise BadInput("`throttleSeconds` needs `groupBy`: the key whose notifications the window joins.")
    if template.group_by is not None:
        if not (isinstance(group_by, str) and group_by.strip() and len(group_by) <= MAX_GROUP_BY):
            raise BadInput(f"`groupBy` must be 1 to {MAX_GROUP_BY} characters, such as `{{{{ sku }}}}`.")
        template.compiled("group_by")
    for field in _FIELDS:
        value = getattr(template, field)
        if field in ("title", "message") and not (isinstance(value, str) and value.strip()):
            raise BadInput(f"`{field}` must not be empty.")
        template.compiled(field)
    # Literal text alone already over a limit would fail every send: said now rather than at the first one.
    for field, limit in (("title", MAX_TITLE), ("action_text", MAX_ACTION_TEXT)):
        text = getattr(template, field)
        if text is not None and "{" not in text and len(text) > limit:
            raise BadInput(f"`{_NAMES[field]}` is {len(text)} characters; the limit is {limit}.")
    return template


@cache
def shipped() -> dict[tuple[str, str], Template]:
    """The templates in `events/`, by (event, locale), read and checked once."""
    found: dict[tuple[str, str], Template] = {}
    for path in sorted(SHIPPED_DIRECTORY.glob("*/*.toml")):
        fields: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        template = checked(event=path.stem, locale=path.parent.name, shipped=True, **fields)
        found[(template.event, template.locale)] = template
    return found


@cache
def samples() -> dict[str, dict[str, Any]]:
    """Sample data for each shipped event (`events/samples.toml`): the README's examples and the tests use it."""
    return tomllib.loads((SHIPPED_DIRECTORY / "samples.toml").read_text(encoding="utf-8"))


def fallbacks(requested: str | None) -> tuple[list[str], Locale | None]:
    """The locales to look for a template in, best first (`de_AT`, `de`, then `en`), and the requested locale as
    Babel knows it (None when not given or unknown: an unknown locale falls back, a malformed one is refused)."""
    chain: list[str] = []
    locale = parse_locale(requested) if requested is not None else None
    if locale is not None:
        chain.append(str(locale))
        if locale.language not in chain:
            chain.append(locale.language)
    if DEFAULT_LOCALE not in chain:
        chain.append(DEFAULT_LOCALE)
    return chain, locale


def _of_row(row: Any) -> Template:
    """From an `EventTemplate` or a row with its columns."""
    return Template(
        event=row.event,
        locale=row.locale,
        type=row.type,
        priority=Priority(row.priority),
        title=row.title,
        message=row.message,
        action_url=row.action_url,
        action_text=row.action_text,
        shipped=False,
        updated_at=row.updated_at,
        group_by=row.group_by,
        throttle_seconds=row.throttle_seconds,
    )


async def choose(
    runtime: Runtime, tenant: str, event: str, locale: str | None, user: str | None = None
) -> tuple[Template, Locale | None]:
    """The template for `event` in the first locale of the fallbacks of `locale` (or, when None, of the locale
    stored for `user`) that has one, the tenant's own before the shipped one of the same locale, and the locale
    asked for; BadInput when the event has none in any of them. One statement, outside a transaction."""
    async with runtime.connection() as connection:
        if connection.dialect.name == "postgresql":
            async with autocommitted(connection):  # one round trip, not BEGIN, SELECT and ROLLBACK
                stored_locale, found = await stored.for_trigger(connection, tenant, event, user)
        else:
            stored_locale, found = await stored.for_trigger(connection, tenant, event, user)
    return pick(event, found, locale if locale is not None else stored_locale)


def pick(event: str, found: Iterable[Any], locale: str | None) -> tuple[Template, Locale | None]:
    """Of the tenant's templates of `event` (`found`: rows with the table's columns) and the shipped ones, the one
    in the first locale of the fallbacks of `locale` that has one, and the locale asked for; BadInput for none."""
    chain, requested = fallbacks(locale)
    rows = {row.locale: row for row in found}
    files = shipped()
    for candidate in chain:
        if candidate in rows:
            return _of_row(rows[candidate]), requested
        if (event, candidate) in files:
            return files[(event, candidate)], requested
    raise BadInput(
        f"There is no template for the event `{event}`: use one of the shipped events (see the README) or save a "
        "template for it (`upsertEventTemplate`)."
    )


async def save(runtime: Runtime, tenant: str, **fields: Any) -> Template:
    """Check `fields` (as `checked` takes them) and save them as the tenant's template of their event and locale.
    Compiling takes a while for a large template: in a thread, so the event loop serves others meanwhile."""
    template = await asyncio.to_thread(partial(checked, **fields))
    row = EventTemplate(
        tenant_id=tenant,
        event=template.event,
        locale=template.locale,
        type=template.type,
        priority=int(template.priority),
        title=template.title,
        message=template.message,
        action_url=template.action_url,
        action_text=template.action_text,
        group_by=template.group_by,
        throttle_seconds=template.throttle_seconds,
        updated_at=utcnow(),
    )
    async with runtime.transaction() as session:
        existing = await stored.found(session, tenant, template.event, [template.locale])
        if not existing and await stored.count(session, tenant) >= MAX_PER_TENANT:
            raise BadInput(f"A tenant has at most {MAX_PER_TENANT} templates; delete some first.")
        await stored.save(session, row)
    return _of_row(row)


async def listed(runtime: Runtime, tenant: str, event: str | None = None) -> list[Template]:
    """The templates in force for `tenant`: its own, and the shipped ones it has not replaced, by event and
    locale."""
    if event is not None:
        check_event(event)
    async with runtime.transaction() as session:
        own = {(row.event, row.locale): _of_row(row) for row in await stored.of_tenant(session, tenant, event)}
    files = {key: t for key, t in shipped().items() if event is None or key[0] == event}
    return [own.get(key) or files[key] for key in sorted(own.keys() | files.keys())][:MAX_LISTED]


async def delete(runtime: Runtime, tenant: str, event: str, locale: str) -> int:
    """Remove the tenant's template of `event` in `locale` (the shipped one, if any, is then in force again)."""
    check_event(event)
    normal = str(known_locale(locale))
    async with runtime.transaction() as session:
        return await stored.remove(session, tenant, event, normal)
