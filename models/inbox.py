"""Each recipient's copy of a message: read state and the columns its inbox is filtered and ordered by.

An index on (user_id, message_id) serves a user's inbox newest-first and every lookup by id; one on the unread rows
alone keeps the unread count and the unread page short however many read rows a user keeps. On PostgreSQL the
table is partitioned by read state (migration 0005), each partition with the first index: a new row, unread, is
inserted into one index rather than two (a tenant send writes one per recipient), and marking it read moves it
to the other partition. The mapping below is SQLite's table, where a primary key and a partial index do the same.
`type`, `priority`, `created_at` and `expires_at` are copied from the message so those filters never touch it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Index,
    Integer,
    Select,
    SmallInteger,
    SQLColumnExpression,
    String,
    Table,
    and_,
    any_,
    bindparam,
    delete,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy import (
    insert as sa_insert,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models import sequence, unread
from models.base import ID_ARRAY, Base, Id, UtcDateTime, one_of, utcnow
from models.message import Message, Priority
from models.preference import DEFAULTS, Preference, TypePreference
from models.reads import Bind, Read
from models.unread import UnreadCount
from models.user import User


class InboxEntry(Base):
    __tablename__ = "inbox_entries"
    __table_args__ = (
        Index(
            "ix_inbox_entries_unread",
            "user_id",
            "message_id",
            postgresql_where=text("read_at IS NULL"),
            postgresql_include=["expires_at", "type"],
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    # users.id and messages.id, without foreign-key constraints: checking them was two thirds of the cost of a
    # tenant-wide send (see migration 0003). Only `deliver` creates rows, from those two tables.
    user_id: Mapped[int] = mapped_column(Id, primary_key=True)
    message_id: Mapped[int] = mapped_column(Id, primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    priority: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


# PostgreSQL's inbox_entries (migration 0005): partitions, and indexes other than the mapping's.
_POSTGRESQL_ONLY = frozenset({"inbox_entries_unread", "inbox_entries_read"})


def compared_by_autogenerate(item: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's `include_object` on PostgreSQL: leaves out the partitions of `inbox_entries` and the indexes of
    its table, which differ from the mapping by design (it describes SQLite's table), so that autogenerate never
    proposes to drop the partitions. Its columns are still compared."""
    if type_ == "table":
        return name not in _POSTGRESQL_ONLY
    if type_ == "index":
        table = getattr(item, "table", None)
        return getattr(table, "name", None) != InboxEntry.__tablename__
    return True


# What a send writes of each inbox row; the rest (read state) starts empty.
_ENTRY_COLUMNS = ["user_id", "message_id", "type", "priority", "created_at", "expires_at"]


def _visible(now: datetime | BindParameter[datetime]) -> ColumnElement[bool]:
    # Expired notifications are never listed or counted; they stay on disk until deleted.
    return or_(InboxEntry.expires_at.is_(None), InboxEntry.expires_at > now)


def _unread(now: datetime | BindParameter[datetime]) -> list[ColumnElement[bool]]:
    """Unread rows that count: the ones not expired."""
    return [InboxEntry.read_at.is_(None), _visible(now)]


def _unread_of(
    user_id: int | SQLColumnExpression[int], now: datetime | BindParameter[datetime]
) -> list[ColumnElement[bool]]:
    """A user's unread rows that count."""
    return [InboxEntry.user_id == user_id, *_unread(now)]


def _in_sql(limit: int) -> ColumnElement[int]:
    """A LIMIT written into the statement: as a parameter it is hidden from the planner, which then costs the plan
    for rows it cannot bound (see `_listing` and `_kept`)."""
    return literal_column(str(int(limit)))


@lru_cache(maxsize=1024)
def _listing(*, unread: bool | None, typed: bool, floored: bool, keyset: bool, newest_first: bool, limit: int) -> Read:
    """A user's visible rows (`LISTED`), filtered and ordered by message id, at most `limit` of them, built once per
    combination of filters (at most 48) and page size (clients use few): building and keying the statement each
    time is Python a request need not pay. The other values are parameters: user, now, types, min_priority and
    bound (the keyset).

    The limit is in the SQL. As a parameter, PostgreSQL's plan cache judged the generic plan dearer (it guesses a
    tenth of the rows for an unknown LIMIT) and planned every execution anew, which on the partitioned table
    (migration 0005) took longer than running it (BENCHMARKS.md, *Inbox rows*)."""
    clauses = [InboxEntry.user_id == bindparam("user", type_=Id), _visible(bindparam("now", type_=UtcDateTime))]
    if unread is True:
        clauses.append(InboxEntry.read_at.is_(None))
    elif unread is False:
        clauses.append(InboxEntry.read_at.is_not(None))
    if typed:
        clauses.append(InboxEntry.type.in_(bindparam("types", expanding=True)))
    if floored:
        clauses.append(InboxEntry.priority >= bindparam("min_priority"))
    if keyset:
        bound = bindparam("bound", type_=Id)
        clauses.append(InboxEntry.message_id < bound if newest_first else InboxEntry.message_id > bound)
    order = InboxEntry.message_id.desc() if newest_first else InboxEntry.message_id.asc()
    return Read(
        select(*LISTED)
        .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
        .where(*clauses)
        .order_by(order)
        .limit(_in_sql(limit))
    )


def in_app_allowed(priority: int | BindParameter[int]) -> ColumnElement[bool]:
    """Whether the joined user's preferences accept this message in-app. Urgent always gets through (a bound
    `priority` is taken to be below urgent)."""
    if isinstance(priority, int) and priority >= Priority.URGENT:
        return true()
    switch = func.coalesce(TypePreference.in_app, Preference.in_app, literal(DEFAULTS["in_app"]))
    floor = func.coalesce(Preference.in_app_min_priority, literal(int(DEFAULTS["in_app_min_priority"])))
    return and_(switch == true(), floor <= priority)


def recipients_with_preferences(type_: str | BindParameter[str]) -> Select[Any]:
    """Users joined to their preferences for `type_`; callers add the recipient filter and the predicate."""
    return (
        select(User.id)
        .outerjoin(Preference, Preference.user_id == User.id)
        .outerjoin(TypePreference, and_(TypePreference.user_id == User.id, TypePreference.type == type_))
    )


async def deliver(
    session: AsyncSession, message: Message, audience: ColumnElement[bool], *, listed: int | None
) -> tuple[list[int] | None, int, int]:
    """Put `message` into the inbox of every user matching `audience` whose preferences accept it.

    `listed`: how many users `audience` names when it is an explicit, bounded list of them (None: a whole
    tenant). One INSERT .. SELECT, plus a COUNT of the audience for a whole tenant, whatever the number of
    recipients. Returns the recipients' ids for a list (None for a tenant), then the delivered and skipped counts.
    """
    accepted = recipients_with_preferences(message.type).where(audience, in_app_allowed(message.priority))
    source = accepted.with_only_columns(
        User.id,
        literal(message.id),
        literal(message.type),
        literal(message.priority, SmallInteger),
        literal(message.created_at, UtcDateTime),
        literal(message.expires_at, UtcDateTime),
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
    connection: AsyncConnection, message: Message, users: Sequence[int] | None
) -> tuple[list[int] | None, int]:
    """PostgreSQL only: what `deliver` does, for the listed `users` (None: the whole of the message's tenant), and
    the insert of `message` (new, with its `created_at` set) before it, in one statement of data-modifying CTEs,
    which also takes the tenant's next event number (`models.sequence`) if anyone received it. Outside a
    transaction that is one round trip instead of seven (BEGIN, five statements, COMMIT), and a statement that
    fails (a repeated idempotency key) writes nothing. Sets the message's id and counts; returns the recipients'
    ids for a list (None for a tenant, which may number a hundred thousand), and the event number (0: nobody
    received it, so there is no event)."""
    statement = _store_statement(message.priority >= Priority.URGENT, users is None)
    values = {column: getattr(message, attribute) for attribute, column in _STORED}
    if values["metadata"] is None:
        values["metadata"] = {}  # the column's default, as the ORM would insert it
    if users is not None:
        values.update(users=list(users), listed=len(users))
    message.id, message.delivered_count, message.skipped_count, ids, seq = (
        await connection.execute(statement, values)
    ).one()
    return (list(ids or ()) if users is not None else None), int(seq or 0)


# The message's attributes the store statement binds, with their columns' names (the parameters' names).
_STORED = tuple(
    (attribute.key, column.name)
    for attribute in sa_inspect(Message).column_attrs
    for column in attribute.columns
    if attribute.key not in ("id", "delivered_count", "skipped_count")
)


@cache
def _store_statement(urgent: bool, tenant: bool) -> Select[Any]:
    """`store_and_deliver`'s statement, built once: every value is a parameter. Building it per send (its CTEs, the
    preference joins) took more of a single send's CPU than anything else the service does for it."""
    messages: Table = Message.__table__  # type: ignore[assignment]
    given = {name: bindparam(name, type_=messages.c[name].type) for _, name in _STORED}
    audience: ColumnElement[bool]
    listed: ColumnElement[int]
    if tenant:
        audience = User.tenant_id == given["tenant_id"]
        listed = select(func.count()).select_from(User).where(audience).scalar_subquery()
    else:
        audience = User.id == any_(bindparam("users", type_=ID_ARRAY))
        listed = bindparam("listed", type_=Integer)
    allowed = true() if urgent else in_app_allowed(given["priority"])
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
        accepted.c.id, stored.c.id, given["type"], given["priority"], given["created_at"], given["expires_at"]
    ).select_from(accepted.join(stored, true()))  # one message row: every accepted user gets it
    insert = sa_insert(table).from_select(_ENTRY_COLUMNS, rows)
    numbered = sequence.advanced_if(given["tenant_id"], delivered > 0).cte("numbered")
    seq = select(numbered.c.seq).scalar_subquery()
    counts = (stored.c.id, stored.c.delivered_count, stored.c.skipped_count)
    if tenant:  # run though nothing refers to it, as every data-modifying CTE is
        return select(*counts, null(), seq).add_cte(insert.cte("entries"))
    entries = insert.returning(table.c.user_id).cte("entries")
    return select(*counts, select(func.array_agg(entries.c.user_id)).scalar_subquery(), seq)


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


# What a recipient's copy of a message reads as: the message's content, then the entry's read state. Selected as
# plain columns: building ORM entities for a page of rows cost more than PostgreSQL took to find them.
LISTED = (
    Message.id,
    Message.type,
    Message.title,
    Message.body,
    Message.priority,
    Message.action_url,
    Message.action_text,
    Message.data,
    Message.created_at,
    Message.expires_at,
    InboxEntry.read_at,
)
Listed = tuple[
    int,
    str,
    str,
    str,
    int,
    str | None,
    str | None,
    dict[str, Any],
    datetime,
    datetime | None,
    datetime | None,
]


async def page(
    bind: Bind,
    user_id: int,
    *,
    before: int | None,
    limit: int,
    unread: bool | None = None,
    types: Sequence[str] | None = None,
    min_priority: int | None = None,
) -> Sequence[Listed]:
    """Newest first, keyset on message id: `limit` rows with ids below `before`."""
    floored = min_priority is not None and min_priority > Priority.LOW
    statement = _listing(
        unread=unread, typed=bool(types), floored=floored, keyset=before is not None, newest_first=True, limit=limit
    )
    values = {"user": user_id, "now": utcnow(), "bound": before}
    if types:
        values["types"] = list(types)
    if floored:
        values["min_priority"] = min_priority
    return await statement.rows(bind, values)


async def newer(bind: Bind, user_id: int, *, after: int, limit: int) -> Sequence[Listed]:
    """Oldest first, the rows with ids above `after`: what a reconnecting subscriber missed."""
    statement = _listing(unread=None, typed=False, floored=False, keyset=True, newest_first=False, limit=limit)
    return await statement.rows(bind, {"user": user_id, "now": utcnow(), "bound": after})


_ONE = Read(
    select(*LISTED)
    .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
    .where(
        InboxEntry.user_id == bindparam("user", type_=Id),
        InboxEntry.message_id == bindparam("message", type_=Id),
        _visible(bindparam("now", type_=UtcDateTime)),
    )
)


async def one(bind: Bind, user_id: int, message_id: int) -> Listed | None:
    return await _ONE.first(bind, {"user": user_id, "message": message_id, "now": utcnow()})


_NEWEST = Read(select(func.max(InboxEntry.message_id)).where(InboxEntry.user_id == bindparam("user", type_=Id)))


async def newest(bind: Bind, user_id: int) -> int:
    """The id of the user's newest row, whatever its state (0: none): where a subscription without a cursor starts."""
    row = await _NEWEST.first(bind, {"user": user_id})
    return int(row[0] or 0) if row is not None else 0


async def unread_count(session: AsyncSession, user_id: int, types: Sequence[str] | None = None) -> int:
    """The user's unread count (of these types only, if given): the kept count when it can be used (see
    `models.unread`), else every unread row counted."""
    if not types:
        kept = await kept_unread_count(session, user_id)
        if kept is not None:
            return kept
    clauses = _unread_of(user_id, utcnow())
    if types:
        clauses.append(InboxEntry.type.in_(list(types)))
    return int((await session.execute(select(func.count()).select_from(InboxEntry).where(*clauses))).scalar_one())


# How many unread rows above the kept count a read may add up itself before they are counted into it.
RECOUNT_AFTER = 200


def _kept(user: SQLColumnExpression[int], now: datetime | BindParameter[datetime]) -> Select[int, int]:
    """The kept count of the user whose `unread_counts` row is selected, and the unread rows above it, where the
    kept count is still valid (no counted row has expired since)."""
    # Only as far as one past the bound: beyond it the count is recounted anyway. Read in id order, as the planner
    # then walks the index from `counted` on: otherwise a user with most of the unread partition's rows (migration
    # 0005) had it read whole for each badge, as the rows above `counted` were guessed at a third of the user's.
    rows_above = (
        select(InboxEntry.message_id)
        .where(*_unread_of(user, now), InboxEntry.message_id > UnreadCount.counted)
        .order_by(InboxEntry.message_id)
        .limit(_in_sql(RECOUNT_AFTER + 1))
        .correlate(UnreadCount)
        .subquery()
    )
    above = select(func.count()).select_from(rows_above).scalar_subquery()
    return select(UnreadCount.unread, above).where(
        or_(UnreadCount.valid_until.is_(None), UnreadCount.valid_until > now)
    )


def _kept_unread() -> Select[int, int]:
    user = bindparam("user", type_=Id)
    return _kept(user, bindparam("now", type_=UtcDateTime)).where(UnreadCount.user_id == user)


# Built once: the badge asks for it more than for anything else, and building and keying the statement cost half
# as much Python again as running it.
_KEPT_UNREAD = Read(_kept_unread())


async def kept_unread_count(bind: Bind, user_id: int) -> int | None:
    """The unread count from `models.unread` in one statement, or None when there is none yet, a counted row has
    expired since, or more than RECOUNT_AFTER unread rows have come above it: then `recount_unread`."""
    row = await _KEPT_UNREAD.first(bind, {"user": user_id, "now": utcnow()})
    if row is None or row[1] > RECOUNT_AFTER:
        return None
    return int(row[0]) + int(row[1])


async def recount_unread(session: AsyncSession, user_id: int) -> int:
    """Count every unread row of the user and keep the result (`models.unread`); in a transaction."""
    return (await recount_unreads(session, [user_id]))[user_id]


async def recount_unreads(session: AsyncSession, user_ids: Collection[int]) -> dict[int, int]:
    """`recount_unread` for many users at once (users with none are counted as 0); in a transaction."""
    # Before counting: a concurrent `set_read` is then wholly in or out. Only what was locked is kept.
    locked = await unread.lock_all(session, user_ids)
    fresh = {user_id: unread.Count(user_id, 0, 0, None) for user_id in user_ids}
    rows = await session.execute(
        select(InboxEntry.user_id, func.max(InboxEntry.message_id), func.count(), func.min(InboxEntry.expires_at))
        .where(one_of(session, InboxEntry.user_id, fresh), *_unread(utcnow()))
        .group_by(InboxEntry.user_id)
    )
    for user_id, newest, count, soonest in rows:
        fresh[user_id] = unread.Count(user_id, int(newest), int(count), soonest)
    await unread.store(session, [count for user_id, count in fresh.items() if user_id in locked])
    return {user_id: count.unread for user_id, count in fresh.items()}


async def unread_counts(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, int]:
    """Unread counts of many users (every bell of a tenant, after each send to it); users with none are reported as
    0; in a transaction. From their kept counts where those can be used, as `kept_unread_count` does; the others
    are counted again and kept (`recount_unreads`). Counting every unread row of 10,000 users after each send read
    more rows with every send nobody read, and held up the tenant's fan-out for as long; so did counting, without
    keeping them, the users whose kept counts a long run of sends had left behind (BENCHMARKS.md, *Counts beside
    the fan-out*)."""
    if not user_ids:
        return {}
    now = utcnow()
    counts = dict.fromkeys(user_ids, 0)
    kept = _kept(UnreadCount.user_id, now).add_columns(UnreadCount.user_id)
    uncounted = set(counts)
    for kept_count, above, user_id in await session.execute(kept.where(one_of(session, UnreadCount.user_id, counts))):
        if above <= RECOUNT_AFTER:
            counts[user_id] = int(kept_count) + int(above)
            uncounted.discard(user_id)
    if uncounted:
        counts.update(await recount_unreads(session, uncounted))
    return counts


async def set_read(session: AsyncSession, user_id: int, message_ids: Sequence[int] | None, read: bool) -> list[int]:
    """Mark the given messages (all, when None) read or unread, keeping the kept unread count exact (see
    `models.unread`); returns the ids of the rows that changed state."""
    counted = await unread.lock(session, user_id)
    clauses = [InboxEntry.user_id == user_id, _visible(utcnow())]
    if message_ids is not None:
        clauses.append(InboxEntry.message_id.in_(list(message_ids)))
    clauses.append(InboxEntry.read_at.is_(None) if read else InboxEntry.read_at.is_not(None))
    changed = (
        await session.execute(
            update(InboxEntry)
            .where(*clauses)
            .values(read_at=utcnow() if read else None)
            .returning(InboxEntry.message_id, InboxEntry.expires_at)
            .execution_options(synchronize_session=False)
        )
    ).all()
    counted_rows = [expires for message_id, expires in changed if message_id <= counted]
    if counted_rows:
        change = -len(counted_rows) if read else len(counted_rows)
        expiring = not read and any(expires is not None for expires in counted_rows)
        await unread.adjust(session, user_id, change, expiring=expiring)
    return [message_id for message_id, _ in changed]


async def listed_among(session: AsyncSession, user_id: int, message_ids: Collection[int]) -> Sequence[Listed]:
    """The user's visible rows among `message_ids`, newest first."""
    if not message_ids:
        return []
    rows = await session.execute(
        select(*LISTED)
        .join_from(InboxEntry, Message, Message.id == InboxEntry.message_id)
        .where(InboxEntry.user_id == user_id, one_of(session, InboxEntry.message_id, message_ids), _visible(utcnow()))
        .order_by(InboxEntry.message_id.desc())
    )
    return [tuple(row) for row in rows]


async def delete_read(session: AsyncSession, user_id: int) -> int:
    # The user's lock, as `set_read` takes: on PostgreSQL, marking a row unread moves it to the other partition, and
    # a deletion that met the row while it moved would fail rather than wait and look again.
    await unread.lock(session, user_id)
    result = await session.execute(
        delete(InboxEntry)
        .where(InboxEntry.user_id == user_id, InboxEntry.read_at.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
