"""models.reads: a read run straight on asyncpg gives what SQLAlchemy gives, and leaves the pool as SQLAlchemy would.

The direct path checks connections out of SQLAlchemy's own pool, so a connection it finds broken, or leaves in an
unknown state, must be dealt with as SQLAlchemy deals with one: the whole pool replaced after a disconnect (one
failed read after a database restart, not one per pooled connection), and a connection cancelled mid-statement
closed rather than handed to the next request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest
from sqlalchemy import BigInteger, cast, func, literal, select

from models import listing
from models import unread as unread_rows
from models.base import utcnow
from models.inbox_filter import Filter
from models.reads import Read
from services import inbox as inbox_service
from services import recipients, sending
from services.auth import Principal
from services.errors import Unavailable
from services.runtime import Runtime, open_runtime
from settings import Settings
from tests.support import JWT_SECRET, unique

SLEEP = Read(select(func.pg_sleep(30.0)))
ONE = Read(select(func.now()))
BACKEND = Read(select(func.pg_backend_pid()))


async def backend(runtime: Runtime) -> int:
    """Which server session a direct read runs on."""
    with runtime.reader() as reader:
        row = await BACKEND.first(reader, {})
    assert row is not None
    return int(row[0])


@pytest.fixture
async def own_runtime(database_url: str) -> AsyncIterator[Runtime]:
    """A runtime with a pool of its own: these tests break its connections."""
    settings = Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as opened:
        yield opened


async def test_direct_reads_give_the_rows_sqlalchemy_gives(runtime: Runtime) -> None:
    who = Principal(user_id=unique("reader"), tenant_id=unique("tenant"))
    for i in range(6):
        await sending.send_notification(
            runtime,
            user=who.user_id,
            tenant=who.tenant_id,
            title=f"n{i} ✓",
            message="m",
            type="sales" if i % 2 else "system",
            priority="high" if i % 3 == 0 else "normal",
            metadata={"i": i, "nested": {"list": [1, "two", None]}},
            action_url=f"/orders/{i}" if i % 2 else None,
            expires_at=utcnow() + timedelta(days=1) if i == 4 else None,
        )
    listed = await inbox_service.list_notifications(runtime, who, first=10)
    await inbox_service.mark_read(runtime, who, [str(listed.notifications[1].id)])
    user = await recipients.recipient_id(runtime, who)
    newest = listed.notifications[0].id

    for unread in (None, True, False):
        for before in (None, newest):
            for min_priority in (None, 3):
                chosen = Filter(unread=unread, min_priority=min_priority)
                direct = await listing.page(runtime.reads, user, before=before, limit=5, filter=chosen)
                async with runtime.reading() as session:
                    through = await listing.page(session, user, before=before, limit=5, filter=chosen)
                assert direct == through
    assert len(await listing.page(runtime.reads, user, before=None, limit=10)) == 6
    async with runtime.reading() as session:
        assert await listing.one(runtime.reads, user, newest) == await listing.one(session, user, newest)
        assert await listing.newer(runtime.reads, user, after=0, limit=3) == await listing.newer(
            session, user, after=0, limit=3
        )
    assert await inbox_service.unread_count(runtime, who) == 5
    async with runtime.reading() as session:
        assert await unread_rows.kept_unread_count(runtime.reads, user) == await unread_rows.kept_unread_count(
            session, user
        )


async def _connections(runtime: Runtime, n: int) -> set[int]:
    """Fill the pool with `n` open connections (reads held open at once); their server sessions' pids."""
    hold = Read(select(func.pg_backend_pid(), func.pg_sleep(0.3)))
    with runtime.reader() as reader:
        held = await asyncio.gather(*(hold.rows(reader, {}) for _ in range(n)))
    return {int(rows[0][0]) for rows in held}


async def _end_sessions(database_url: str, pids: set[int]) -> int:
    """What a database restart does to the pool: the server ends its sessions (only these: other tests' servers
    share the database)."""
    admin = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        ended: int = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid = ANY($1::int[])", list(pids)
        )
        return ended
    finally:
        await admin.close()


async def test_after_the_server_ends_the_pools_sessions_one_read_fails_and_the_next_is_served(
    own_runtime: Runtime, database_url: str
) -> None:
    pids = await _connections(own_runtime, 4)
    assert len(pids) == 4 and await _end_sessions(database_url, pids) == 4
    await asyncio.sleep(0.2)  # the ends reach the client

    with pytest.raises(Unavailable), own_runtime.reader() as reader:
        await ONE.rows(reader, {})
    # Every connection opened before the failure is replaced, not only the one that failed.
    for _ in range(4):
        with own_runtime.reader() as reader:
            assert len(await ONE.rows(reader, {})) == 1


async def test_a_read_cancelled_mid_statement_closes_its_connection_and_stops_on_the_server(
    own_runtime: Runtime, database_url: str
) -> None:
    before = await backend(own_runtime)
    assert await backend(own_runtime) == before, "the pool hands out its one idle connection again"
    with own_runtime.reader() as reader, pytest.raises(TimeoutError):
        async with asyncio.timeout(0.3):
            await SLEEP.rows(reader, {})
    # Its connection is closed in the background; once back in the pool (invalidated), the next read reopens it.
    await own_runtime.reads.settle()
    after = await backend(own_runtime)
    assert after != before, "the cancelled read's connection must not be handed out again"
    assert await backend(own_runtime) == after
    admin = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        for _ in range(30):  # 3 s, against a statement of 30 s: it was cancelled, not left to finish
            running = await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", before)
            if running == 0:
                break
            await asyncio.sleep(0.1)
        assert running == 0, "the cancelled read's statement still runs on the server"
    finally:
        await admin.close()


async def test_a_statement_the_server_refuses_keeps_its_connection(own_runtime: Runtime) -> None:
    refused = Read(select(cast(literal("not a number"), BigInteger)))
    before = await backend(own_runtime)
    with own_runtime.reader() as reader, pytest.raises(asyncpg.InvalidTextRepresentationError):
        await refused.rows(reader, {})
    assert await backend(own_runtime) == before
