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

from models import inbox
from models.base import utcnow
from models.reads import Read
from services import inbox as inbox_service
from services import recipients, sending
from services.auth import Principal
from services.errors import Unavailable
from services.runtime import Runtime, open_runtime
from settings import Settings
from tests.support import JWT_SECRET, unique

SLEEP = Read(select(func.pg_sleep(5.0)))
ONE = Read(select(func.now()))


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
                direct = await inbox.page(
                    runtime.read_engine, user, before=before, limit=5, unread=unread, min_priority=min_priority
                )
                async with runtime.reading() as session:
                    through = await inbox.page(
                        session, user, before=before, limit=5, unread=unread, min_priority=min_priority
                    )
                assert direct == through
    assert len(await inbox.page(runtime.read_engine, user, before=None, limit=10)) == 6
    async with runtime.reading() as session:
        assert await inbox.one(runtime.read_engine, user, newest) == await inbox.one(session, user, newest)
        assert await inbox.newer(runtime.read_engine, user, after=0, limit=3) == await inbox.newer(
            session, user, after=0, limit=3
        )
    assert await inbox_service.unread_count(runtime, who) == 5
    async with runtime.reading() as session:
        assert await inbox.kept_unread_count(runtime.read_engine, user) == await inbox.kept_unread_count(session, user)


async def _connections(runtime: Runtime, n: int) -> None:
    """Fill the pool with `n` open connections (reads held open at once)."""
    hold = Read(select(func.pg_sleep(0.3)))
    with runtime.reader() as reader:
        await asyncio.gather(*(hold.rows(reader, {}) for _ in range(n)))
    assert runtime.engine.pool.checkedin() >= n  # type: ignore[attr-defined]


async def _end_sessions(database_url: str) -> int:
    """What a database restart does to the pool: the server ends every session of this database but ours."""
    admin = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        ended: int = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ''"
        )
        return ended
    finally:
        await admin.close()


async def test_after_the_server_ends_the_pools_sessions_one_read_fails_and_the_next_is_served(
    own_runtime: Runtime, database_url: str
) -> None:
    await _connections(own_runtime, 4)
    assert await _end_sessions(database_url) >= 4
    await asyncio.sleep(0.2)  # the ends reach the client

    with pytest.raises(Unavailable), own_runtime.reader() as reader:
        await ONE.rows(reader, {})
    # Every connection opened before the failure is replaced, not only the one that failed.
    for _ in range(4):
        with own_runtime.reader() as reader:
            assert len(await ONE.rows(reader, {})) == 1


async def test_a_read_cancelled_mid_statement_stops_on_the_server_and_the_next_reads_are_served(
    own_runtime: Runtime, database_url: str
) -> None:
    with own_runtime.reader() as reader:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await SLEEP.rows(reader, {})
        pool = own_runtime.engine.pool
        assert pool.checkedout() == 0  # type: ignore[attr-defined]
        # The cancelled connection is not handed out again: the next reads get a working one, at once.
        async with asyncio.timeout(2):
            for _ in range(3):
                assert len(await ONE.rows(reader, {})) == 1
    admin = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        for _ in range(50):
            sleeping = await admin.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(%' AND state = 'active'"
            )
            if sleeping == 0:
                break
            await asyncio.sleep(0.1)
        assert sleeping == 0, "the cancelled statement is still running on the server"
    finally:
        await admin.close()


async def test_a_statement_the_server_refuses_keeps_its_connection(own_runtime: Runtime) -> None:
    refused = Read(select(cast(literal("not a number"), BigInteger)))
    with own_runtime.reader() as reader:
        await ONE.rows(reader, {})
        before = own_runtime.engine.pool.checkedin()  # type: ignore[attr-defined]
        with pytest.raises(asyncpg.InvalidTextRepresentationError):
            await refused.rows(reader, {})
        assert own_runtime.engine.pool.checkedin() == before  # type: ignore[attr-defined]
        assert len(await ONE.rows(reader, {})) == 1
