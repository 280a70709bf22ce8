"""The outbox: one row per (notification, user, channel, webhook endpoint) to deliver beyond the inbox, written by
the send that stores the notification (`models.delivery`) and worked off by `services.worker`.

A row is `pending` until due (`next_attempt_at`), `sending` while a worker holds its lease, then `sent` or `failed`.
A claimed row's next attempt is the end of its lease, so the rows of a worker that died are due again then, by the
same index and predicate as any other. Its `id` is the delivery's stable id: the same on every attempt, so that a
receiver can recognise a repeat.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Table, and_, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Bundle, Mapped, foreign, mapped_column, relationship

from models.base import Base, Id, Json, UtcDateTime, one_of
from models.message import Message
from models.preference import Preference, TenantPreference, TenantTypePreference, Timing
from models.user import User
from models.webhook import WebhookEndpoint

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
_OPEN = (PENDING, SENDING)


@dataclass(frozen=True)
class Reach:
    """Whom a channel delivers a send to: the recipients whose `preference` accepts the message (`in_app`: those who
    got it in their inbox) and who have the `contact` (a `users` column) it is sent to; None for either: no filter.
    `endpoints`: one row for each of the recipient's tenant's webhook endpoints that takes the message's type."""

    channel: str
    preference: str | None
    contact: str | None
    endpoints: bool = False


class Delivery(Base):
    __tablename__ = "deliveries"
    # No unique constraint on (message_id, user_id, channel, endpoint_id): the one INSERT .. SELECT that writes a
    # send's rows takes each user once per channel and endpoint, and the index cost a third of the rows' writing
    # (BENCHMARKS.md, *Channels*).
    __table_args__ = (
        # Only open rows are ever claimed: the index stays the size of the backlog, not of the history.
        Index(
            "ix_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status IN ('pending', 'sending')"),
            sqlite_where=text("status IN ('pending', 'sending')"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    # messages.id and users.id without foreign keys, as inbox rows (migration 0003): a send writes both kinds.
    message_id: Mapped[int] = mapped_column(Id)
    user_id: Mapped[int] = mapped_column(Id)
    channel: Mapped[str] = mapped_column(String(30))
    # webhook_endpoints.id for the webhook channel (no foreign key: a deleted endpoint's rows stay, and fail);
    # 0 for every other channel.
    endpoint_id: Mapped[int] = mapped_column(Id, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    # For the admin views only, as `InboxEntry.user`.
    user: Mapped[User] = relationship(
        User, primaryjoin=lambda: foreign(Delivery.user_id) == User.id, viewonly=True, lazy="raise"
    )


# What a send writes of each row, in this order; the rest start empty.
COLUMNS = ["message_id", "user_id", "channel", "endpoint_id", "status", "attempts", "next_attempt_at"]


class Fanout(Base):
    """A send to a whole tenant (or a topic's followers) on one channel, whose per-recipient rows a worker has yet to
    write (`models.delivery.expand`): the send writes one of these per channel instead of one row per recipient, and
    the worker that expands it deletes it in the same transaction, so a crash mid-expansion leaves it to expand again
    and nothing half-written."""

    __tablename__ = "delivery_fanouts"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(Id)
    channel: Mapped[str] = mapped_column(String(30))
    # Which of the tenant's users the send went to (`models.audience.Audience.stored`); None: all of them.
    audience: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    # The highest users.id at the send: users registered after it are not its recipients.
    users_through: Mapped[int] = mapped_column(Id)


@dataclass(frozen=True)
class Endpoint:
    """Where a webhook delivery goes, as it is now (not as it was at the send)."""

    url: str
    secret: str
    enabled: bool


@dataclass(frozen=True)
class Claimed:
    """A delivery a worker holds, with what it needs to send it."""

    id: int
    channel: str
    attempt: int
    tenant_id: str
    user: str
    email: str | None
    phone: str | None
    message: Message
    user_id: int
    timing: Timing  # the user's time zone, quiet hours and digest
    # The webhook channel's endpoint; None for other channels, and for a webhook whose endpoint was deleted.
    endpoint: Endpoint | None = None
    # The tenant requires the notification's type: its users cannot switch it off, so it has no unsubscribe link.
    required: bool = False


def _with_recipients(claimed: Any, *where: Any) -> Any:
    """The `claimed` rows (`deliveries`' columns) with their users' contacts and timing, their webhook endpoints and
    whether the tenant requires their message's type: a row for `claim` each."""
    return (
        select(
            claimed.c.id,
            claimed.c.channel,
            claimed.c.attempts,
            User.external_id,
            User.email,
            User.phone,
            claimed.c.message_id,
            User.id,
            _timing(Preference),
            _timing(TenantPreference),
            WebhookEndpoint.url,
            WebhookEndpoint.secret,
            WebhookEndpoint.enabled,
            TenantTypePreference.required,
        )
        .select_from(claimed)
        .join(Message, Message.id == claimed.c.message_id)
        .join(User, User.id == claimed.c.user_id)
        .outerjoin(Preference, Preference.user_id == User.id)
        .outerjoin(TenantPreference, TenantPreference.tenant_id == User.tenant_id)
        .outerjoin(
            TenantTypePreference,
            and_(TenantTypePreference.tenant_id == User.tenant_id, TenantTypePreference.type == Message.type),
        )
        .outerjoin(WebhookEndpoint, WebhookEndpoint.id == claimed.c.endpoint_id)
        .where(*where)
        .order_by(claimed.c.id)
    )


def _timing(settings: type[Preference] | type[TenantPreference]) -> Bundle[Any]:
    """The columns of a user's or a tenant's preferences that `Timing.of` reads, as one row (all None for no row),
    rather than an ORM object built for every claimed row."""
    return Bundle(
        settings.__name__,
        settings.time_zone,
        settings.quiet_hours,
        settings.quiet_start,
        settings.quiet_end,
        settings.email_digest,
    )


async def claim(
    session: AsyncSession,
    channels: Collection[str],
    *,
    now: datetime,
    lease_until: datetime,
    limit: int,
    users: Collection[int] | None = None,
) -> list[Claimed]:
    """Take up to `limit` due rows of `channels` (of `users` only, if given) until `lease_until`. On PostgreSQL
    rows locked by another worker's claim are skipped rather than waited for, so any number of workers claim
    disjoint rows at once."""
    due = select(Delivery.id).where(
        Delivery.status.in_(_OPEN), Delivery.next_attempt_at <= now, Delivery.channel.in_(list(channels))
    )
    if users is not None:
        due = due.where(Delivery.user_id.in_(list(users)))
    due = (
        due.order_by(Delivery.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)  # SQLite has no row locks: its one writer at a time is the claim's lock
    )
    table: Table = Delivery.__table__  # type: ignore[assignment]
    taken = (
        update(table)
        .where(table.c.id.in_(due.scalar_subquery()))
        .values(status=SENDING, attempts=table.c.attempts + 1, lease_until=lease_until, next_attempt_at=lease_until)
        .returning(
            table.c.id, table.c.channel, table.c.attempts, table.c.message_id, table.c.user_id, table.c.endpoint_id
        )
    )
    if session.get_bind().dialect.name == "postgresql":
        # One round trip: the rows as the claim left them (its RETURNING), joined to what sending them needs.
        found = await session.execute(_with_recipients(taken.cte("taken")))
    else:
        ids = [row.id for row in await session.execute(taken)]
        if not ids:
            return []
        found = await session.execute(_with_recipients(table, table.c.id.in_(ids)))
    # Each message once, not an ORM object per row: a batch is mostly one send's.
    rows = list(found)
    if not rows:
        return []
    messages = {
        message.id: message
        for message in (
            await session.execute(select(Message).where(one_of(session, Message.id, {row[6] for row in rows})))
        ).scalars()
    }
    return [
        Claimed(
            id,
            channel,
            attempt,
            messages[message_id].tenant_id,
            user,
            email,
            phone,
            messages[message_id],
            user_id,
            Timing.of(own, tenant),
            Endpoint(url, secret, on) if url is not None else None,
            bool(required),
        )
        for id, channel, attempt, user, email, phone, message_id, user_id, own, tenant, url, secret, on, required in (
            rows
        )
    ]


@dataclass(frozen=True)
class Result:
    """What became of one claimed delivery: its new status, and when it is due again if still pending."""

    delivery: Claimed
    status: str
    next_attempt_at: datetime | None = None
    error: str | None = None
    sent_at: datetime | None = None
    held: bool = False  # not attempted (quiet hours, a digest's window): the claim takes back its attempt


# PostgreSQL's `record`: every result in one statement, the rows given as arrays.
_RECORDED = text(
    """
    UPDATE deliveries AS d
    SET status = r.status, lease_until = NULL, last_error = r.error,
        next_attempt_at = coalesce(r.due, d.next_attempt_at), sent_at = coalesce(r.sent, d.sent_at),
        attempts = d.attempts - r.back
    FROM unnest(
        CAST(:ids AS bigint[]), CAST(:attempts AS integer[]), CAST(:statuses AS text[]), CAST(:errors AS text[]),
        CAST(:dues AS timestamptz[]), CAST(:sents AS timestamptz[]), CAST(:backs AS integer[])
    ) AS r(id, attempt, status, error, due, sent, back)
    WHERE d.id = r.id AND d.status = 'sending' AND d.attempts = r.attempt
    """
)


async def record(session: AsyncSession, results: Sequence[Result]) -> None:
    """Store `results`, each only if the row is still this worker's claim (same attempt, still sending): a worker
    that outlived its lease must not overwrite what the worker that took the row over recorded. One statement for
    the lot on PostgreSQL; elsewhere one executed for every row."""
    if not results:
        return
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            _RECORDED,
            {
                "ids": [result.delivery.id for result in results],
                "attempts": [result.delivery.attempt for result in results],
                "statuses": [result.status for result in results],
                "errors": [result.error for result in results],
                "dues": [result.next_attempt_at for result in results],
                "sents": [result.sent_at for result in results],
                "backs": [1 if result.held else 0 for result in results],
            },
        )
        return
    table: Table = Delivery.__table__  # type: ignore[assignment]
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"), table.c.status == SENDING, table.c.attempts == bindparam("_attempt"))
        .values(
            status=bindparam("_status"),
            lease_until=None,
            last_error=bindparam("_error"),
            next_attempt_at=func.coalesce(bindparam("_due", type_=UtcDateTime), table.c.next_attempt_at),
            sent_at=func.coalesce(bindparam("_sent", type_=UtcDateTime), table.c.sent_at),
            attempts=table.c.attempts - bindparam("_back", type_=Integer),
        )
    )
    await session.execute(
        statement,
        [
            {
                "_id": result.delivery.id,
                "_attempt": result.delivery.attempt,
                "_status": result.status,
                "_error": result.error,
                "_due": result.next_attempt_at,
                "_sent": result.sent_at,
                "_back": 1 if result.held else 0,
            }
            for result in results
        ],
    )


# --- what senders see of their sends' deliveries -------------------------------------------------------------------


def _of_tenant(tenant_id: str, message_id: int | None) -> Any:
    """Deliveries of `tenant_id`'s messages (of `message_id` only, if given): the tenant is checked in SQL too."""
    messages = select(Message.id).where(Message.tenant_id == tenant_id)
    if message_id is not None:
        messages = messages.where(Message.id == message_id)
    return Delivery.message_id.in_(messages.scalar_subquery())


@dataclass(frozen=True)
class Listed:
    id: int
    user: str
    channel: str
    endpoint_id: int
    status: str
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    next_attempt_at: datetime


async def listed(
    session: AsyncSession,
    tenant_id: str,
    message_id: int,
    *,
    limit: int,
    status: str | None = None,
    channel: str | None = None,
) -> list[Listed]:
    """A message's deliveries, in the order they were written, at most `limit`."""
    query = (
        select(
            Delivery.id,
            User.external_id,
            Delivery.channel,
            Delivery.endpoint_id,
            Delivery.status,
            Delivery.attempts,
            Delivery.last_error,
            Delivery.sent_at,
            Delivery.next_attempt_at,
        )
        .join(User, User.id == Delivery.user_id)
        .where(_of_tenant(tenant_id, message_id))
    )
    if status is not None:
        query = query.where(Delivery.status == status)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    rows = await session.execute(query.order_by(Delivery.id).limit(limit))
    return [Listed(*row) for row in rows]


async def counts(session: AsyncSession, tenant_id: str, message_id: int) -> list[tuple[str, str, int]]:
    """(channel, status, how many) of a message's deliveries: one grouped row each, however many recipients."""
    rows = await session.execute(
        select(Delivery.channel, Delivery.status, func.count())
        .where(_of_tenant(tenant_id, message_id))
        .group_by(Delivery.channel, Delivery.status)
        .order_by(Delivery.channel, Delivery.status)
    )
    return [(channel, status, int(count)) for channel, status, count in rows]


async def retry_failed(
    session: AsyncSession,
    tenant_id: str | None,
    *,
    now: datetime,
    limit: int,
    message_id: int | None = None,
    channel: str | None = None,
    endpoint_id: int | None = None,
    ids: Collection[int] | None = None,
) -> int:
    """Make up to `limit` failed deliveries of the tenant (of every tenant if None) due now, with a fresh count of
    attempts. They keep their ids: a receiver that did get one before still recognises it."""
    chosen = select(Delivery.id).where(Delivery.status == FAILED)
    if tenant_id is not None:
        chosen = chosen.where(_of_tenant(tenant_id, message_id))
    if channel is not None:
        chosen = chosen.where(Delivery.channel == channel)
    if endpoint_id is not None:
        chosen = chosen.where(Delivery.endpoint_id == endpoint_id)
    if ids is not None:
        chosen = chosen.where(Delivery.id.in_(list(ids)))
    done = await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(chosen.order_by(Delivery.id).limit(limit).scalar_subquery()), Delivery.status == FAILED)
        .values(status=PENDING, attempts=0, next_attempt_at=now, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


async def backlog(session: AsyncSession, now: datetime) -> tuple[int, float]:
    """The outbox's open rows (pending or being sent), and how many seconds the longest-due of them has been due
    (0 when none is due): both read from the index of open rows only."""
    count, earliest = (
        await session.execute(
            select(func.count(), func.min(Delivery.next_attempt_at)).where(Delivery.status.in_(_OPEN))
        )
    ).one()
    return int(count), max(0.0, (now - earliest).total_seconds()) if earliest is not None else 0.0


async def unexpanded(session: AsyncSession) -> int:
    """Tenant and topic sends (one per channel) whose recipients' rows no worker has written yet."""
    return int((await session.execute(select(func.count()).select_from(Fanout))).scalar_one())
