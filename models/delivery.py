"""A send's inbox rows: its recipients, chosen and filtered by their preferences in SQL, each given a row by one
INSERT .. SELECT whatever their number.

Two paths write them, and must leave the same rows, counts and event numbers (tests/test_delivery.py runs both
on the same sends): `deliver`, in a transaction that has stored the message (any database, and users this process
does not know yet), and `store_and_deliver`, the message and its rows in one statement (PostgreSQL's usual send).
With channels configured (`reaches`), both also write the send's outbox rows (`models.outbox`) by one more
INSERT .. SELECT, in the same transaction; without, their statements are exactly those of a send without channels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Column,
    ColumnElement,
    Integer,
    Select,
    SmallInteger,
    String,
    Table,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy import (
    delete as sa_delete,
)
from sqlalchemy import (
    insert as sa_insert,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from models import outbox, sequence, webhook
from models.audience import EVERYONE, Audience, bound
from models.base import ID_ARRAY, Id, Json, UtcDateTime, one_of
from models.inbox import InboxEntry
from models.message import Message, Priority
from models.outbox import Reach
from models.preference import DEFAULTS, Preference, TenantPreference, TenantTypePreference, TypePreference
from models.user import User
from models.webhook import WebhookEndpoint

# What a send writes of each inbox row; the rest (read state) starts empty.
_ENTRY_COLUMNS = ["user_id", "message_id", "type", "priority", "created_at", "expires_at", "group_key"]


def _effective(channel: str, setting: str) -> ColumnElement[Any]:
    """The joined user's `setting` of `channel` (`email`, `email_min_priority`, ...) for the send's type: the user's
    own choice, then the tenant's, then the built-in default. For a type the tenant requires, the tenant's alone."""
    default = DEFAULTS[setting]
    fallback = literal(int(default)) if isinstance(default, Priority) else literal(default)
    tenant = (getattr(TenantTypePreference, channel),) if setting == channel else ()
    own = (getattr(TypePreference, channel),) if setting == channel else ()
    tenants = func.coalesce(*tenant, getattr(TenantPreference, setting), fallback)
    mine = func.coalesce(*own, getattr(Preference, setting), tenants)
    return case((TenantTypePreference.required == true(), tenants), else_=mine)


def in_app_allowed(priority: int | BindParameter[int]) -> ColumnElement[bool]:
    """Whether the joined user's preferences accept this message in-app. Urgent always gets through (a bound
    `priority` is taken to be below urgent)."""
    if isinstance(priority, int) and priority >= Priority.URGENT:
        return true()
    return _allowed("in_app", priority)


def channel_allowed(preference: str, priority: int | BindParameter[int]) -> ColumnElement[bool]:
    """Whether the joined user's preferences accept this message on `preference`'s channel (`in_app`, `email`,
    `sms`): its switch (a type's override first), and its minimum priority. Only in-app lets urgent through
    regardless (`in_app_allowed`): an email or a text the user switched off stays off."""
    return in_app_allowed(priority) if preference == "in_app" else _allowed(preference, priority)


def _allowed(preference: str, priority: int | BindParameter[int]) -> ColumnElement[bool]:
    switch = _effective(preference, preference)
    floor = _effective(preference, f"{preference}_min_priority")
    return and_(switch == true(), floor <= priority)


def _reach_allows(reach: Reach, priority: int | BindParameter[int], *, urgent: bool) -> ColumnElement[bool]:
    """Whether `reach`'s channel delivers to the joined user: their preferences accept the message on it, and they
    have its contact. `urgent`: a bound `priority` is urgent (else taken to be below)."""
    conditions = []
    if reach.preference is not None and not (urgent and reach.preference == "in_app"):
        conditions.append(channel_allowed(reach.preference, priority))
    if reach.contact is not None:
        conditions.append(getattr(User, reach.contact).is_not(None))
    return and_(true(), *conditions)


def _with_endpoints(pairs: Select[Any], reach: Reach, tenant_id: Any, type_: Any) -> Select[Any]:
    """`pairs` with the endpoint each goes to: for a webhook reach, one row per endpoint of the recipient's tenant
    that takes `type_`; for other channels, endpoint 0."""
    if reach.endpoints:
        pairs = pairs.join(WebhookEndpoint, webhook.receiving(tenant_id, type_))
        return pairs.add_columns(WebhookEndpoint.id.label("endpoint_id"))
    return pairs.add_columns(literal(0, Id).label("endpoint_id"))


def _reached(
    reaches: Sequence[Reach],
    type_: str | BindParameter[str],
    priority: int | BindParameter[int],
    audience: Any,
    *,
    urgent: bool = False,
) -> Any:
    """The (user, channel) pairs of `audience` that `reaches` deliver to, as one subquery (a UNION ALL of one SELECT
    per channel), whatever the number of users. `urgent`: a bound `priority` is urgent (else taken to be below)."""
    selects = []
    for reach in reaches:
        pairs = recipients_with_preferences(type_).add_columns(literal(reach.channel, String).label("channel"))
        pairs = _with_endpoints(pairs, reach, User.tenant_id, type_)
        selects.append(pairs.where(audience, _reach_allows(reach, priority, urgent=urgent)))
    return (selects[0] if len(selects) == 1 else union_all(*selects)).subquery("reached")


def _outbox_insert(reached: Any, message_id: Any, due: Any, *, joined: Any = None) -> Any:
    table: Table = outbox.Delivery.__table__  # type: ignore[assignment]
    rows = select(
        message_id,
        reached.c.id,
        reached.c.channel,
        reached.c.endpoint_id,
        literal(outbox.PENDING, String),
        literal(0, Integer),
        due,
    )
    rows = rows.select_from(reached.join(joined, true()) if joined is not None else reached)
    return sa_insert(table).from_select(outbox.COLUMNS, rows)


def recipients_with_preferences(type_: str | BindParameter[str]) -> Select[Any]:
    """Users joined to their preferences for `type_`; callers add the recipient filter and the predicate."""
    return (
        select(User.id)
        .outerjoin(Preference, Preference.user_id == User.id)
        .outerjoin(TypePreference, and_(TypePreference.user_id == User.id, TypePreference.type == type_))
        .outerjoin(TenantPreference, TenantPreference.tenant_id == User.tenant_id)
        .outerjoin(
            TenantTypePreference,
            and_(TenantTypePreference.tenant_id == User.tenant_id, TenantTypePreference.type == type_),
        )
    )


async def deliver(
    session: AsyncSession,
    message: Message,
    audience: ColumnElement[bool],
    *,
    listed: int | None,
    reaches: tuple[Reach, ...] = (),
) -> tuple[list[int] | None, int, int]:
    """Put `message` into the inbox of every user matching `audience` whose preferences accept it.

    `listed`: how many users `audience` names when it is an explicit, bounded list of them (None: a whole
    tenant). One INSERT .. SELECT, plus a COUNT of the audience for a whole tenant, whatever the number of
    recipients. Returns the recipients' ids for a list (None for a tenant), then the delivered and skipped counts.
    With `reaches`, one more INSERT .. SELECT writes the send's outbox rows.
    """
    if reaches:
        reached = _reached(reaches, message.type, message.priority, audience)
        await session.execute(
            _outbox_insert(reached, literal(message.id, Id), literal(message.created_at, UtcDateTime))
        )
    accepted = recipients_with_preferences(message.type).where(audience, in_app_allowed(message.priority))
    source = accepted.with_only_columns(
        User.id,
        literal(message.id),
        literal(message.type),
        literal(message.priority, SmallInteger),
        literal(message.created_at, UtcDateTime),
        literal(message.expires_at, UtcDateTime),
        literal(message.group_key, String),
    )
    # On the table, not the mapped class: the ids come back as plain rows, without the ORM's bulk-insert
    # bookkeeping (a thousand of them per bulk send).
    table: Table = InboxEntry.__table__  # type: ignore[assignment]
    insert = sa_insert(table).from_select(_ENTRY_COLUMNS, source)
    if listed is not None:
        ids = list((await session.execute(insert.returning(table.c.user_id))).scalars())
        return ids, len(ids), listed - len(ids)
    delivered = int((await session.execute(insert)).rowcount or 0)  # type: ignore[attr-defined]
    total = int((await session.execute(select(func.count()).select_from(User).where(audience))).scalar_one())
    return None, delivered, total - delivered


async def store_and_deliver(
    connection: AsyncConnection,
    message: Message,
    users: Sequence[int] | None,
    reaches: tuple[Reach, ...] = (),
    audience: Audience = EVERYONE,
) -> tuple[list[int] | None, int]:
    """PostgreSQL only: what `deliver` does, for the listed `users` (None: the whole of the message's tenant), and
    the insert of `message` (new, with its `created_at` set) before it, in one statement of data-modifying CTEs,
    which also takes the tenant's next event number (`models.sequence`) if anyone received it. Outside a
    transaction that is one round trip instead of seven (BEGIN, five statements, COMMIT), and a statement that
    fails (a repeated idempotency key) writes nothing. Sets the message's id and counts; returns the recipients'
    ids for a list (None for a tenant, which may number a hundred thousand), and the event number (0: nobody
    received it, so there is no event). With `reaches`, the statement also writes the send's outbox rows.
    `audience` (with `users` None): which of the tenant's users (`models.audience`)."""
    kind, locales = ("users", None) if users is not None else audience.shape
    statement = _store_statement(message.priority >= Priority.URGENT, kind, reaches, locales)
    values = {column: getattr(message, attribute) for attribute, column in _STORED}
    if values["metadata"] is None:
        values["metadata"] = {}  # the column's default, as the ORM would insert it
    if users is not None:
        values.update(users=list(users), listed=len(users))
    else:
        values.update(audience.parameters())
        if reaches:
            values["fanout_audience"] = audience.stored()
    message.id, message.delivered_count, message.skipped_count, ids, seq = (
        await connection.execute(statement, values)
    ).one()
    return (list(ids or ()) if users is not None else None), int(seq or 0)


# The message's attributes the store statement binds, with their columns' names (the parameters' names).
_STORED = tuple(
    (attribute.key, column.name)
    for attribute in sa_inspect(Message).column_attrs
    for column in attribute.columns
    # Table columns only: not the read count (`Message.read_count`), a query of its own.
    if isinstance(column, Column) and attribute.key not in ("id", "delivered_count", "skipped_count")
)


@cache
def _store_statement(
    urgent: bool, kind: str, reaches: tuple[Reach, ...] = (), locales: str | None = None
) -> Select[Any]:
    """`store_and_deliver`'s statement, built once: every value is a parameter. Building it per send (its CTEs, the
    preference joins) took more of a single send's CPU than anything else the service does for it. `kind`: the
    audience, `users` (listed), `tenant`, `topic` or `roles`; `locales`: how it is narrowed by locale
    (`Audience.shape`)."""
    messages: Table = Message.__table__  # type: ignore[assignment]
    given = {name: bindparam(name, type_=messages.c[name].type) for _, name in _STORED}
    audience: ColumnElement[bool]
    listed: ColumnElement[int]
    tenant = kind != "users"
    if tenant:
        audience = bound((kind, locales), given["tenant_id"])
        listed = select(func.count()).select_from(User).where(audience).scalar_subquery()
    else:
        audience = User.id == any_(bindparam("users", type_=ID_ARRAY))
        listed = bindparam("listed", type_=Integer)
    allowed = true() if urgent else in_app_allowed(given["priority"])
    reached: Any = None
    if reaches and not tenant:
        # Every recipient's preferences joined once, with a flag per channel: the inbox rows and the outbox rows
        # read the one pass, instead of each joining the users to four preference tables again.
        flags = [_reach_allows(r, given["priority"], urgent=urgent).label(f"reach_{i}") for i, r in enumerate(reaches)]
        candidates = (
            recipients_with_preferences(given["type"])
            .where(audience)
            .add_columns(User.tenant_id.label("tenant_id"), allowed.label("in_app_ok"), *flags)
            .cte("candidates")
        )
        accepted = select(candidates.c.id).where(candidates.c.in_app_ok).cte("accepted")
        pairs = [
            _with_endpoints(
                select(candidates.c.id, literal(r.channel, String).label("channel")),
                r,
                candidates.c.tenant_id,
                given["type"],
            ).where(candidates.c[f"reach_{i}"])
            for i, r in enumerate(reaches)
        ]
        reached = (pairs[0] if len(pairs) == 1 else union_all(*pairs)).subquery("reached")
    else:
        accepted = recipients_with_preferences(given["type"]).where(audience, allowed).cte("accepted")
    delivered = select(func.count()).select_from(accepted).scalar_subquery()
    stored = (
        sa_insert(messages)
        .values(**given, delivered_count=delivered, skipped_count=listed - delivered)
        .returning(messages.c.id, messages.c.delivered_count, messages.c.skipped_count)
        .cte("stored")
    )
    table: Table = InboxEntry.__table__  # type: ignore[assignment]
    rows = select(
        accepted.c.id,
        stored.c.id,
        given["type"],
        given["priority"],
        given["created_at"],
        given["expires_at"],
        given["group_key"],
    ).select_from(accepted.join(stored, true()))  # one message row: every accepted user gets it
    insert = sa_insert(table).from_select(_ENTRY_COLUMNS, rows)
    numbered = sequence.advanced_if(given["tenant_id"], delivered > 0).cte("numbered")
    seq = select(numbered.c.seq).scalar_subquery()
    counts = (stored.c.id, stored.c.delivered_count, stored.c.skipped_count)
    if tenant:  # run though nothing refers to it, as every data-modifying CTE is
        statement = select(*counts, null(), seq).add_cte(insert.cte("entries"))
    else:
        entries = insert.returning(table.c.user_id).cte("entries")
        statement = select(*counts, select(func.array_agg(entries.c.user_id)).scalar_subquery(), seq)
    if reached is not None:  # at the top, as PostgreSQL takes data-modifying CTEs nowhere else
        outboxed = _outbox_insert(reached, stored.c.id, given["created_at"], joined=stored)
        statement = statement.add_cte(outboxed.cte("outboxed"))
    elif reaches:
        # A tenant's users (all, a topic's, some roles'): one row per channel, which a worker expands into its
        # recipients' rows (`expand`) as `Audience.stored()` describes them, so
        # the send writes as much as without channels whatever the tenant's size.
        users_through = select(func.coalesce(func.max(User.id), 0)).scalar_subquery()
        fanned = union_all(
            *(
                select(stored.c.id, literal(r.channel, String), bindparam("fanout_audience", type_=Json), users_through)
                for r in reaches
            )
        )
        fanouts: Table = outbox.Fanout.__table__  # type: ignore[assignment]
        statement = statement.add_cte(sa_insert(fanouts).from_select(_FANOUT_COLUMNS, fanned).cte("fanned"))
    return statement


_FANOUT_COLUMNS = ["message_id", "channel", "audience", "users_through"]


async def expand(session: AsyncSession, reaches: Mapping[str, Reach]) -> int | None:
    """Write the outbox rows of one send that fanned out on one of `reaches`' channels, as `deliver` would have
    written them, and delete its fan-out row: how many rows (None: no send was waiting). The recipients are the
    tenant's users the send's audience chose (all, a topic's followers, some roles' holders, of some locales) among
    those registered by the send, their preferences, contacts and roles read now.
    Another worker's expansion in progress is skipped, not waited for."""
    fanout = (
        await session.execute(
            select(outbox.Fanout)
            .where(outbox.Fanout.channel.in_(list(reaches)))
            .order_by(outbox.Fanout.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
    ).scalar_one_or_none()
    if fanout is None:
        return None
    written = 0
    message = await session.get(Message, fanout.message_id)
    if message is not None:  # else deleted since (retention): nothing to deliver
        audience = Audience.from_stored(fanout.audience).condition(message.tenant_id)
        reached = _reached(
            [reaches[fanout.channel]], message.type, message.priority, and_(audience, User.id <= fanout.users_through)
        )
        insert = _outbox_insert(reached, literal(message.id, Id), literal(message.created_at, UtcDateTime))
        written = int((await session.execute(insert)).rowcount or 0)  # type: ignore[attr-defined]
    await session.execute(sa_delete(outbox.Fanout).where(outbox.Fanout.id == fanout.id))
    return written


async def delivered_among(session: AsyncSession, message_id: int, user_ids: Sequence[int]) -> set[int]:
    """Which of `user_ids` hold `message_id`: how a process learns who got a tenant-wide send."""
    if not user_ids:
        return set()
    rows = await session.execute(
        select(InboxEntry.user_id).where(
            InboxEntry.message_id == message_id, one_of(session, InboxEntry.user_id, user_ids)
        )
    )
    return set(rows.scalars())
