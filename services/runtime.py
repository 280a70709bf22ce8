"""The long-lived resources of one process: the database engine, the broadcast, and the live inboxes.

Opened once (the ASGI lifespan, the CLI, or your own code through `open_runtime`) and closed at the end.
Each unit of work opens its own session from `sessions`: an AsyncSession is never shared between tasks.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Executable, String, bindparam, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from channels import reaches as outbox_reaches
from models.base import create_engine, utcnow
from models.outbox import Reach
from models.reads import Reader
from pubsub import Channels, open_channels
from services.auth import Verifier, expected_claims
from services.errors import Unavailable
from services.jwks import KeySet
from services.limits import SendLimits
from services.live import LiveInboxes
from settings import Settings

T = TypeVar("T")
log = logging.getLogger("notifications.database")

# The first key of our PostgreSQL advisory locks, so they cannot collide with another application's. The
# statements are built once: building them took a tenth of a single send's CPU.
_LOCK_SPACE = 0x4E6F74  # "Not"
_TENANT_KEY = func.hashtext(bindparam("tenant", type_=String))
_LOCK = select(func.pg_advisory_lock(_LOCK_SPACE, _TENANT_KEY))
_UNLOCK = select(func.pg_advisory_unlock(_LOCK_SPACE, _TENANT_KEY))
# SQLSTATE classes meaning "not now": 08 connection exceptions, 57P operator intervention (shutting down,
# starting up, admin shutdown), 53 insufficient resources (too many connections).
_UNAVAILABLE_STATES = ("08", "57P", "53")
_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
    sa_exc.DisconnectionError,  # a connection found closed under a direct read (`models.reads`)
    OSError,
    TimeoutError,
)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    # In autocommit: reads of one statement need no BEGIN and COMMIT round trips.
    read_sessions: async_sessionmaker[AsyncSession]
    reads: Reader
    channels: Channels
    live: LiveInboxes
    # Who is calling: tokens verified with JWT_SECRET and JWT_JWKS_URL's keys.
    identity: Verifier
    # How fast each sender may send (`services.limits`).
    limits: SendLimits
    # PostgreSQL: the connections that hold tenants' send locks (`ordered`), apart from the request pool.
    locks: AsyncEngine | None = None
    # Who gets an outbox row on each configured channel (`channels`); none: sends write no outbox rows.
    reaches: tuple[Reach, ...] = ()
    # Set by a send that may have written outbox rows; the in-process worker waits on it between looks.
    outbox_written: asyncio.Event = field(default_factory=asyncio.Event)
    # (tenant, external id) -> internal user id; users are never renumbered, so this never goes stale.
    user_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    # (tenant, external id) -> the roles last recorded from their token (`ROLES_FROM_TOKENS`).
    recorded_roles: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    _tenant_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = field(default_factory=weakref.WeakValueDictionary)
    # Writes whose callers were cancelled, finishing (`finished`); awaited at shutdown.
    finishing: set[asyncio.Task[Any]] = field(default_factory=set)
    # The time sends are stamped with and the outbox worker goes by: a hook for tests of quiet hours and digests.
    now: Callable[[], datetime] = utcnow

    async def finished(self, write: Coroutine[Any, Any, T]) -> T:
        """`write`'s result; run to its end even if the caller is cancelled meanwhile. A websocket client that
        completes its mutation's operation (or leaves) cancels the resolver, and a write cancelled between its
        commit and its publish would leave its event unsent: a send's listeners would all catch up from the
        database (`services.live`), other tabs would keep a stale count."""
        task = asyncio.ensure_future(write)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            if not task.done():
                self.finishing.add(task)
                task.add_done_callback(self.finishing.discard)
                task.add_done_callback(_retrieved)
            raise

    @asynccontextmanager
    async def transaction(self, bind: AsyncConnection | None = None) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits when the block ends, rolls back on error, and reports an unreachable
        database as `Unavailable` (retryable) rather than as an internal error."""
        with unavailable_as_error():
            session = AsyncSession(bind=bind, expire_on_commit=False) if bind is not None else self.sessions()
            async with session, session.begin():
                yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for reads only, in autocommit: no BEGIN and COMMIT round trips around a single SELECT."""
        with unavailable_as_error():
            async with self.read_sessions() as session:
                yield session

    @asynccontextmanager
    async def statements(self) -> AsyncIterator[AsyncSession]:
        """For writes of single statements that each stand alone: on PostgreSQL in autocommit, each statement
        committing on its own without BEGIN and COMMIT round trips; elsewhere one transaction, as `transaction`."""
        if self.engine.dialect.name != "postgresql":
            async with self.transaction() as session:
                yield session
            return
        with unavailable_as_error():
            async with self.read_sessions() as session:
                yield session

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """Where a `models.reads.Read` runs on its own, outside any transaction (on PostgreSQL, straight on a pooled
        driver connection); database failures are reported as in `reading`."""
        with unavailable_as_error():
            yield self.reads

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A pooled connection for work that manages its own transactions (`transaction(bind=...)`,
        `autocommitted`); database failures are reported as in `transaction`."""
        with unavailable_as_error():
            async with self.engine.connect() as connection:
                yield connection

    @asynccontextmanager
    async def ordered(self, tenant_id: str) -> AsyncIterator[None]:
        """Serialise the sends to one tenant, from assigning the message id to publishing it, across processes.

        Within the block, write on a `connection()`, return it, then publish. Because no two sends to a tenant
        overlap, every inbox's ids are committed, and announced, in increasing order: a reader that has seen id N
        has seen (or will never see) everything below N, so a cursor is a complete bookmark and live events never
        arrive out of order.
        """
        local = self._tenant_locks.get(tenant_id)
        if local is None:
            local = self._tenant_locks[tenant_id] = asyncio.Lock()
        # The in-process lock first, so waiting senders do not each hold a connection.
        async with local:
            if self.locks is None:
                yield  # SQLite: one process, so the in-process lock is the whole order
                return
            # The lock is held on a connection of its own pool: a send waiting on Redis (or on another process's
            # send to its tenant) holds one of those, never one that requests wait for.
            with unavailable_as_error():
                async with self.locks.connect() as holder:
                    try:
                        # A session-level lock, taken in autocommit: one round trip instead of BEGIN, SELECT
                        # and COMMIT, on every send.
                        await _autocommit(holder, _LOCK, tenant_id)
                        yield
                    except Unavailable as error:
                        # The database went away under the send: its sessions may be ending too (a shutdown waits
                        # for each), so this one is dropped, not pooled. A full request pool is no reason to.
                        if not isinstance(error.__cause__, sa_exc.TimeoutError):
                            await holder.invalidate()
                        raise
                    finally:
                        # Also when cancelled while locking: the lock may have been granted.
                        await _release(holder, tenant_id)


@asynccontextmanager
async def autocommitted(connection: AsyncConnection) -> AsyncIterator[AsyncConnection]:
    """Statements in the block run outside any transaction, each committing on its own (no BEGIN and COMMIT round
    trips); the connection is transactional again after it.

    If a statement fails (or is cancelled) the connection is left as it is, and the error goes to the caller
    unchanged: restoring the isolation level first would need a rollback, which must not mask it. The pool resets
    the isolation level of a connection returned to it."""
    default = connection.default_isolation_level
    await connection.execution_options(isolation_level="AUTOCOMMIT")
    yield connection
    await connection.commit()  # ends SQLAlchemy's own bookkeeping; nothing is sent in autocommit
    await connection.execution_options(isolation_level=default)


async def _autocommit(connection: AsyncConnection, statement: Executable, tenant_id: str) -> None:
    async with autocommitted(connection):
        await connection.execute(statement, {"tenant": tenant_id})


async def _release(connection: AsyncConnection, tenant_id: str) -> None:
    """Unlock, or drop the connection: a pooled connection must never keep holding a tenant's lock."""
    try:
        await connection.rollback()
        if connection.invalidated:
            return  # the session, and its lock, died with the connection; reconnecting just to unlock is pointless
        await _autocommit(connection, _UNLOCK, tenant_id)
    except Exception:
        # Whatever went wrong, the caller's own outcome (committed, or its error) is what it must see.
        log.warning("could not release a tenant lock cleanly; dropping its connection", exc_info=True)
        with suppress(Exception):
            await connection.invalidate()


@contextmanager
def unavailable_as_error() -> Iterator[None]:
    """The one place database failures become API errors: an unreachable database is `Unavailable` (retryable)."""
    try:
        yield
    except _UNAVAILABLE as error:
        raise Unavailable("The database is unavailable; try again shortly.") from error
    except Exception as error:
        invalidated = isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated
        if invalidated or _sqlstate(error).startswith(_UNAVAILABLE_STATES):
            raise Unavailable("The database connection was lost; try again shortly.") from error
        raise


def _sqlstate(error: Exception) -> str:
    """The SQLSTATE behind `error`: asyncpg's own exception (direct reads and checkouts), the driver-adapted one
    SQLAlchemy's pool raises, or either wrapped by SQLAlchemy."""
    orig = getattr(error, "orig", None)
    for candidate in (error, orig, getattr(orig, "__cause__", None)):
        state = getattr(candidate, "sqlstate", None)
        if isinstance(state, str):
            return state
    return ""


@asynccontextmanager
async def open_runtime(settings: Settings | None = None, *, broadcast_required: bool = True) -> AsyncIterator[Runtime]:
    """Everything a process needs, for the block's duration. Redis unreachable raises `BroadcastUnreachable`
    unless not `broadcast_required`: a server process then starts without it and catches up when it is back."""
    settings = settings or Settings()
    secret = settings.resolved_jwt_secret()
    keys = None
    if settings.jwt_jwks_url:
        keys = KeySet(settings.jwt_jwks_url, min_refresh_seconds=settings.jwt_jwks_min_refresh_seconds)
    reaches = outbox_reaches(settings)  # before anything opens: a channel missing its settings refuses the start
    engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
    locks = None if settings.is_embedded else create_engine(settings.database_url, pool_size=_lock_pool_size(settings))
    read_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    reader = Reader(read_engine)
    try:
        async with open_channels(
            settings.broadcast_url,
            settings.resolved_broadcast_namespace(),
            required=broadcast_required,
            publish_timeout=settings.publish_timeout_seconds,
        ) as channels:
            sessions = async_sessionmaker(engine, expire_on_commit=False)
            reads = async_sessionmaker(read_engine, expire_on_commit=False)
            runtime = Runtime(
                settings=settings,
                engine=engine,
                sessions=sessions,
                read_sessions=reads,
                reads=reader,
                channels=channels,
                live=LiveInboxes(sessions, reads, channels, settings.subscriber_buffer),
                identity=Verifier(secret, keys, expected_claims(settings)),
                limits=SendLimits(settings),
                locks=locks,
                reaches=reaches,
            )
            checks = asyncio.create_task(runtime.live.check_numbers(), name="check-event-numbers")
            try:
                async with keys.kept_fresh(settings.jwt_jwks_refresh_seconds) if keys is not None else nullcontext():
                    yield runtime
            finally:
                checks.cancel()
                await asyncio.gather(checks, *runtime.finishing, return_exceptions=True)
                await runtime.limits.close()
                await reader.settle()
    finally:
        await engine.dispose()
        if locks is not None:
            await locks.dispose()


def _lock_pool_size(settings: Settings) -> int:
    """How many sends to different tenants one process runs at once (each holds its tenant's lock on one)."""
    return max(2, settings.database_pool_size // 4)


def _retrieved(task: asyncio.Task[Any]) -> None:
    """A write nobody waits for any more: its failure is logged by kind (a database error's text holds the values)."""
    error = None if task.cancelled() else task.exception()
    if error is not None:
        log.warning("a write whose caller had left failed (%s)", type(error).__name__)
