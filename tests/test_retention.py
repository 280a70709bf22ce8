"""Retention (`services/retention.py`) on PostgreSQL and SQLite: what goes, what stays, and the kept unread counts
exact throughout. Each test has a database of its own: a purge is of the whole database."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from channels.email import EmailChannel
from models import Delivery, InboxEntry, Message, User
from models.base import utcnow
from models.message import Priority
from services import inbox, recipients, sending
from services.auth import Principal
from services.preferences import PreferenceChanges, update_preferences
from services.retention import KEEP_UNDELIVERED, purge
from services.runtime import Runtime, open_runtime
from settings import Settings
from tests.conftest import migrated_database, migrated_sqlite
from tests.support import JWT_SECRET, ROOT, in_process, unique
from tests.test_delivery import expand_all
from tests.test_unread import agrees, send, until


@pytest.fixture(params=["postgresql", "sqlite"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path)
        return
    with migrated_database() as url:
        yield url


@asynccontextmanager
async def opened(url: str, **settings: Any) -> AsyncIterator[Runtime]:
    configured = Settings(database_url=url, broadcast_url="memory://", jwt_secret=JWT_SECRET, **settings)
    async with open_runtime(configured) as runtime:
        yield runtime


async def rows_of(runtime: Runtime, message_id: str) -> int:
    async with runtime.reading() as session:
        query = select(func.count()).select_from(InboxEntry).where(InboxEntry.message_id == int(message_id))
        return int((await session.execute(query)).scalar_one())


async def message_exists(runtime: Runtime, message_id: str) -> bool:
    async with runtime.reading() as session:
        return await session.get(Message, int(message_id)) is not None


async def to_tenant(runtime: Runtime, tenant: str, title: str, **content: Any) -> str:
    sent = await sending.send_tenant_notification(runtime, tenant=tenant, title=title, message="m", **content)
    return str(sent.notification.id)


async def test_read_notifications_past_the_retention_go_and_their_messages_once_nobody_has_them(database: str) -> None:
    tenant = unique("t")
    a, b, c = (Principal(user_id=unique(name), tenant_id=tenant) for name in "abc")
    async with opened(database, retention_days=30, retention_batch=2) as runtime:
        for member in (a, b, c):
            await send(runtime, member)  # registers them, and leaves each one unread row
        read_by_two = await to_tenant(runtime, tenant, "read by a and b")
        read_by_all = await to_tenant(runtime, tenant, "read by all")
        unread = await to_tenant(runtime, tenant, "read by nobody")
        for member in (a, b):
            await inbox.mark_read(runtime, member, [read_by_two])
        for member in (a, b, c):
            await inbox.mark_read(runtime, member, [read_by_all])
            assert await agrees(runtime, member) == 3 - (member is not c)
        # Today nothing is old enough.
        assert (await purge(runtime)).inbox_rows == 0
        # Read more than 30 days ago, as seen 31 days on (no notification here expires, so no kept count changes
        # for the move in time).
        purged = await purge(runtime, now=utcnow() + timedelta(days=31))
        assert (purged.inbox_rows, purged.messages) == (5, 1)
        assert [await rows_of(runtime, m) for m in (read_by_two, read_by_all, unread)] == [1, 0, 3]
        assert [await message_exists(runtime, m) for m in (read_by_two, read_by_all, unread)] == [True, False, True]
        for member in (a, b, c):
            assert await agrees(runtime, member) == 3 - (member is not c)
        # c's row is the one left of `read_by_two`: once read and old, it goes, and the message with it.
        await inbox.mark_read(runtime, c, [read_by_two])
        purged = await purge(runtime, now=utcnow() + timedelta(days=31))
        assert (purged.inbox_rows, purged.messages) == (1, 1)
        assert not await message_exists(runtime, read_by_two)
        assert await agrees(runtime, c) == 2


async def test_without_retention_days_read_notifications_stay(database: str) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    async with opened(database) as runtime:
        ids = await send(runtime, reader, 3)
        await inbox.mark_read(runtime, reader, ids[:2])
        purged = await purge(runtime, now=utcnow() + timedelta(days=3650))
        assert (purged.inbox_rows, purged.messages) == (0, 0)
        assert [await rows_of(runtime, m) for m in ids] == [1, 1, 1]


async def test_messages_their_recipients_deleted_go_and_messages_still_held_stay(database: str) -> None:
    tenant = unique("t")
    a, b = (Principal(user_id=unique(name), tenant_id=tenant) for name in "ab")
    async with opened(database, retention_batch=2) as runtime:
        for member in (a, b):
            await send(runtime, member)
        deleted_by_both = await to_tenant(runtime, tenant, "deleted by a and b")
        deleted_by_a = await to_tenant(runtime, tenant, "deleted by a")
        cleared = await to_tenant(runtime, tenant, "read, then read ones deleted")
        for member in (a, b):
            await inbox.change(runtime, member, inbox.Action.DELETE, ids=[deleted_by_both])
            await inbox.mark_read(runtime, member, [cleared])
            assert await inbox.delete_read(runtime, member) == 1
        await inbox.change(runtime, a, inbox.Action.DELETE, ids=[deleted_by_a])
        # Within a day of their send they stay: a repeat of it with the same idempotency key finds them.
        assert (await purge(runtime)).messages == 0
        purged = await purge(runtime, now=utcnow() + KEEP_UNDELIVERED + timedelta(minutes=1))
        assert (purged.inbox_rows, purged.messages) == (0, 2)
        assert [await message_exists(runtime, m) for m in (deleted_by_both, deleted_by_a, cleared)] == [
            False,
            True,
            False,
        ]
        assert await rows_of(runtime, deleted_by_a) == 1
        for member in (a, b):
            assert await agrees(runtime, member) == 2 - (member is a)


@pytest.mark.slow
async def test_expired_notifications_go_and_the_kept_counts_stay_exact(database: str) -> None:
    tenant = unique("t")
    a, b = (Principal(user_id=unique(name), tenant_id=tenant) for name in "ab")
    async with opened(database, retention_batch=1) as runtime:
        for member in (a, b):
            await send(runtime, member)
        expiry = utcnow() + timedelta(seconds=1.5)
        expiring = await to_tenant(runtime, tenant, "expiring", expires_at=expiry)
        later = await to_tenant(runtime, tenant, "later", expires_at=utcnow() + timedelta(days=1))
        await inbox.mark_read(runtime, a, [expiring])  # read and unread rows of it both go
        assert [await agrees(runtime, member) for member in (a, b)] == [2, 3]
        await until(expiry)
        purged = await purge(runtime)
        assert (purged.inbox_rows, purged.messages) == (2, 1)
        assert (await rows_of(runtime, expiring), await message_exists(runtime, expiring)) == (0, False)
        assert (await rows_of(runtime, later), await message_exists(runtime, later)) == (2, True)
        assert [await agrees(runtime, member) for member in (a, b)] == [2, 2]
        # Marking and counting go on as before.
        await inbox.mark_read(runtime, b, [later])
        assert await agrees(runtime, b) == 1


@pytest.mark.slow
async def test_servers_purge_on_their_schedule_and_the_command_line_on_demand(database: str) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    async with opened(database) as runtime:
        expiry = utcnow() + timedelta(seconds=1)
        expiring = (await send(runtime, reader, expires_at=expiry))[0]
        kept = (await send(runtime, reader))[0]
        await until(expiry)
    # The schedule runs in the app's lifespan (each server process).
    settings = Settings(
        database_url=database, broadcast_url="memory://", jwt_secret=JWT_SECRET, retention_interval_seconds=0.3
    )
    async with in_process(settings), opened(database) as runtime:
        for _ in range(200):
            if not await message_exists(runtime, expiring):
                break
            await asyncio.sleep(0.05)
        assert not await message_exists(runtime, expiring)
        assert await message_exists(runtime, kept)
    # `python main.py purge`, with no server running: one pass, and what it deleted.
    async with opened(database) as runtime:
        expiry = utcnow() + timedelta(seconds=1)
        expiring = (await send(runtime, reader, expires_at=expiry))[0]
        await inbox.mark_read(runtime, reader, [kept])  # read today: not old enough for RETENTION_DAYS=1
        await until(expiry)
    env = {"DATABASE_URL": database, "JWT_SECRET": JWT_SECRET, "PATH": "/usr/bin:/bin", "RETENTION_DAYS": "1"}
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "main.py", "purge"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "deleted 1 inbox rows and 1 messages"
    async with opened(database) as runtime:
        assert not await message_exists(runtime, expiring)
        assert await rows_of(runtime, kept) == 1


# PostgreSQL's alone: on SQLite a send writes every recipient's outbox row at once, and nothing waits to expand.
@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
async def test_a_message_whose_channel_sends_are_not_yet_expanded_stays(database: str) -> None:
    """A tenant send nobody holds in their inbox (in-app off) waits in `delivery_fanouts` for a worker; a purge
    meanwhile must leave its message, or the worker would find nothing to deliver."""
    tenant, other = unique("t"), unique("t")
    async with opened(database) as runtime:
        runtime = replace(runtime, reaches=(EmailChannel.reach,))
        for who in (tenant, other):
            await recipients.register_users(runtime, who, ["ann"], {"ann": {"email": "ann@example.com"}})
            changes = PreferenceChanges(in_app=False, email=True, email_min_priority=Priority.LOW)
            await update_preferences(runtime, Principal(user_id="ann", tenant_id=who), changes)
        soon = utcnow() + timedelta(hours=1)
        waiting = [await to_tenant(runtime, who, "email only", expires_at=soon) for who in (tenant, other)]
        assert [await rows_of(runtime, m) for m in waiting] == [0, 0]
        purged = await purge(runtime, now=utcnow() + KEEP_UNDELIVERED + timedelta(hours=2))
        assert [await message_exists(runtime, m) for m in waiting] == [True, True] and purged.messages == 0
        await expand_all(runtime)
        async with runtime.reading() as session:
            query = select(User.tenant_id, Delivery.status).join(User, User.id == Delivery.user_id)
            for who, message in zip((tenant, other), waiting, strict=True):
                found = (await session.execute(query.where(Delivery.message_id == int(message)))).all()
                assert [tuple(row) for row in found] == [(who, "pending")]
