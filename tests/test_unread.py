"""The kept unread count (`models.unread`) always equals the unread rows counted one by one, whatever happens to
them and in whatever order: sends, marking read and unread, deleting, expiry, many of these at once, and recounts
between them."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Coroutine
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from models import InboxEntry, Message, UnreadCount, listing, read_state
from models import unread as unread_rows
from models.base import utcnow
from models.inbox_filter import Filter
from services import inbox, recipients, sending
from services.auth import Principal
from services.errors import NotFound
from services.runtime import Runtime, open_runtime
from settings import Settings
from tests.conftest import migrated_sqlite
from tests.support import JWT_SECRET, REDIS_URL, STREAM_WAIT, unique


async def counted_one_by_one(runtime: Runtime, principal: Principal) -> int:
    user = await recipients.recipient_id(runtime, principal)
    now = utcnow()
    async with runtime.reading() as session:
        stmt = (
            select(func.count())
            .select_from(InboxEntry)
            .where(
                InboxEntry.user_id == user,
                InboxEntry.read_at.is_(None),
                InboxEntry.archived_at.is_(None),
                (InboxEntry.expires_at.is_(None)) | (InboxEntry.expires_at > now),
                (InboxEntry.snoozed_until.is_(None)) | (InboxEntry.snoozed_until <= now),
            )
        )
        return int((await session.execute(stmt)).scalar_one())


async def kept_row(runtime: Runtime, principal: Principal) -> UnreadCount | None:
    user = await recipients.recipient_id(runtime, principal)
    async with runtime.reading() as session:
        return await session.get(UnreadCount, user)


async def kept_figures(runtime: Runtime, principal: Principal) -> tuple[int, int, datetime | None] | None:
    kept = await kept_row(runtime, principal)
    return None if kept is None else (kept.counted, kept.unread, kept.valid_until)


async def send(runtime: Runtime, principal: Principal, n: int = 1, expires_at: datetime | None = None) -> list[str]:
    ids = []
    for i in range(n):
        sent = await sending.send_notification(
            runtime,
            user=principal.user_id,
            tenant=principal.tenant_id,
            title=f"n{i}",
            message="m",
            expires_at=expires_at,
        )
        ids.append(str(sent.notification.id))
    return ids


async def rows_above_kept(runtime: Runtime, principal: Principal, count: int) -> int:
    """`count` unread rows above the kept count, as that many sends would add, faster; returns the newest's message
    id. Their messages are made too: an id taken by hand would be a later send's as well."""
    user = await recipients.recipient_id(runtime, principal)
    async with runtime.transaction() as session:
        messages = [
            Message(tenant_id=principal.tenant_id, sender="test", type="system", title="t", body="m", priority=1)
            for _ in range(count)
        ]
        session.add_all(messages)
        await session.flush()
        session.add_all(
            InboxEntry(user_id=user, message_id=message.id, type="system", priority=1, created_at=message.created_at)
            for message in messages
        )
    return messages[-1].id


async def until(moment: datetime) -> None:
    await asyncio.sleep((moment - utcnow()).total_seconds() + 0.05)


async def agrees(runtime: Runtime, principal: Principal) -> int:
    """The count a query answers, and the one the live count feed reads for many users at once, are both the rows
    counted one by one."""
    count = await inbox.unread_count(runtime, principal)
    assert count == await counted_one_by_one(runtime, principal)
    user = await recipients.recipient_id(runtime, principal)
    async with runtime.transaction() as session:
        assert await unread_rows.unread_counts(session, [user]) == {user: count}
    return count


async def test_the_count_follows_every_change_of_read_state(runtime: Runtime) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    first = await send(runtime, reader, 5)
    assert await agrees(runtime, reader) == 5  # the first read counts and keeps the count
    assert (kept := await kept_row(runtime, reader)) is not None and kept.counted == int(first[-1])
    later = await send(runtime, reader, 3)  # above the kept count
    assert await agrees(runtime, reader) == 8
    await inbox.mark_read(runtime, reader, [first[0], later[0]])  # one counted row, one above
    assert await agrees(runtime, reader) == 6
    await inbox.mark_read(runtime, reader, [first[0], "999999999"])  # already read, and not theirs: no change
    assert await agrees(runtime, reader) == 6
    await inbox.mark_read(runtime, reader, [first[0]], read=False)
    assert await agrees(runtime, reader) == 7
    await inbox.mark_read(runtime, reader, None)  # all
    assert await agrees(runtime, reader) == 0
    await inbox.delete_read(runtime, reader)
    assert await agrees(runtime, reader) == 0
    await send(runtime, reader, 2)
    assert await agrees(runtime, reader) == 2
    change = await inbox.mark_read(runtime, reader, later, read=False)  # the mutation's answer uses it too
    assert (change.updated, change.unread) == (0, 2)  # deleted: nothing to mark


async def test_a_tenant_send_and_a_bulk_send_are_counted(runtime: Runtime) -> None:
    tenant = unique("t")
    users = [unique("u") for _ in range(3)]
    await recipients.register_users(runtime, tenant, users)
    readers = [Principal(user_id=u, tenant_id=tenant) for u in users]
    for reader in readers:
        assert await agrees(runtime, reader) == 0
    await sending.send_tenant_notification(runtime, tenant=tenant, title="all", message="m")
    await sending.send_bulk_notifications(runtime, users=users[:2], tenant=tenant, title="two", message="m")
    assert [await agrees(runtime, r) for r in readers] == [2, 2, 1]


async def test_many_new_rows_are_counted_into_the_kept_count(runtime: Runtime) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    await send(runtime, reader)
    assert await agrees(runtime, reader) == 1
    newest = await rows_above_kept(runtime, reader, unread_rows.RECOUNT_AFTER + 1)
    assert await agrees(runtime, reader) == unread_rows.RECOUNT_AFTER + 2  # too many above: counted again
    kept = await kept_row(runtime, reader)
    assert kept is not None and kept.counted == newest
    assert kept.unread == unread_rows.RECOUNT_AFTER + 2


async def test_the_counts_of_many_users_keep_what_they_count_again(runtime: Runtime) -> None:
    """A bell left open through a long run of sends: once its kept count is left behind, the count read for it after
    a send counts its rows again and keeps the result, so the next send's read is short again."""
    tenant = unique("t")
    readers = [Principal(user_id=unique("u"), tenant_id=tenant) for _ in range(3)]
    ids = [await recipients.recipient_id(runtime, r) for r in readers]
    behind, kept, never_counted = readers
    for reader in (behind, kept):
        await send(runtime, reader, 2)
        assert await agrees(runtime, reader) == 2
    newest = await rows_above_kept(runtime, behind, unread_rows.RECOUNT_AFTER + 1)
    before = await kept_figures(runtime, kept)
    async with runtime.transaction() as session:
        counts = await unread_rows.unread_counts(session, ids)
    assert counts == {ids[0]: unread_rows.RECOUNT_AFTER + 3, ids[1]: 2, ids[2]: 0}
    recounted = await kept_row(runtime, behind)
    assert recounted is not None and (recounted.counted, recounted.unread) == (newest, unread_rows.RECOUNT_AFTER + 3)
    assert await kept_figures(runtime, kept) == before  # a kept count still in use is left alone
    fresh = await kept_row(runtime, never_counted)
    assert fresh is not None and (fresh.counted, fresh.unread) == (0, 0)
    assert [await agrees(runtime, r) for r in readers] == [unread_rows.RECOUNT_AFTER + 3, 2, 0]


async def test_counting_again_outside_a_transaction_is_refused(runtime: Runtime) -> None:
    """In autocommit each statement commits, and the users' locks with it: a count kept from there could be wrong."""
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    user = await recipients.recipient_id(runtime, reader)
    await send(runtime, reader)  # never counted: the read counts again
    async with runtime.reading() as session:
        with pytest.raises(RuntimeError, match="needs a transaction"):
            await unread_rows.unread_counts(session, [user])
    assert await kept_row(runtime, reader) is None


async def test_recounts_of_many_users_at_once_beside_changes_keep_every_count_exact(runtime: Runtime) -> None:
    """Counts read for many users at once (as each process's feed does after a send) lock their users in id order,
    whatever order they are given in: two of them at once never deadlock (locking them in the order given did,
    checked), and changes between them stay counted."""
    tenant = unique("t")
    readers = [Principal(user_id=unique("u"), tenant_id=tenant) for _ in range(4)]
    users = [await recipients.recipient_id(runtime, r) for r in readers]
    sent = {r.user_id: await send(runtime, r, 12) for r in readers}
    rng = random.Random(11)

    async def recount_all(order: list[int]) -> None:
        async with runtime.transaction() as session:
            await unread_rows.recount_unreads(session, order)

    for _ in range(5):
        work: list[Coroutine[Any, Any, object]] = []
        for _ in range(24):
            reader = rng.choice(readers)
            kind = rng.random()
            if kind < 0.3:
                work.append(inbox.mark_read(runtime, reader, rng.sample(sent[reader.user_id], 3)))
            elif kind < 0.55:
                work.append(inbox.mark_read(runtime, reader, rng.sample(sent[reader.user_id], 3), read=False))
            elif kind < 0.65:
                work.append(send(runtime, reader))
            else:
                work.append(recount_all(rng.sample(users, len(users))))
        await asyncio.gather(*work)
        for reader in readers:
            assert await agrees(runtime, reader) == await counted_one_by_one(runtime, reader)


@pytest.mark.slow
async def test_a_counted_notification_that_expires_leaves_the_count(runtime: Runtime) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    await send(runtime, reader, 2)
    expiry = utcnow() + timedelta(seconds=1.5)
    await send(runtime, reader, expires_at=expiry)
    assert await agrees(runtime, reader) == 3
    kept = await kept_row(runtime, reader)
    assert kept is not None and kept.valid_until == expiry
    await until(expiry)
    assert await agrees(runtime, reader) == 2
    # Marked read before it expired, then unread again: the kept count must not outlive its expiry either.
    other = Principal(user_id=unique("u"), tenant_id=unique("t"))
    expiry = utcnow() + timedelta(seconds=1.5)
    soon = await send(runtime, other, expires_at=expiry)
    assert await agrees(runtime, other) == 1
    await inbox.mark_read(runtime, other, soon)
    assert await agrees(runtime, other) == 0
    await inbox.mark_read(runtime, other, soon, read=False)
    assert await agrees(runtime, other) == 1
    await until(expiry)
    assert await agrees(runtime, other) == 0


async def test_concurrent_changes_and_recounts_keep_it_exact(runtime: Runtime) -> None:
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    ids = await send(runtime, reader, 30)
    user = await recipients.recipient_id(runtime, reader)
    rng = random.Random(7)

    async def recount() -> None:
        async with runtime.transaction() as session:
            await unread_rows.recount_unread(session, user)

    for _ in range(5):
        work: list[Coroutine[Any, Any, object]] = []
        for _ in range(25):
            chosen = rng.sample(ids, 4)
            kind = rng.random()
            if kind < 0.35:
                work.append(inbox.mark_read(runtime, reader, chosen))
            elif kind < 0.7:
                work.append(inbox.mark_read(runtime, reader, chosen, read=False))
            elif kind < 0.8:
                work.append(send(runtime, reader))
            elif kind < 0.9:
                work.append(recount())
            else:
                work.append(inbox.unread_count(runtime, reader))
        await asyncio.gather(*work)
        assert await agrees(runtime, reader) == await counted_one_by_one(runtime, reader)
        async with runtime.reading() as session:
            kept = await unread_rows.kept_unread_count(session, user)
        assert kept == await counted_one_by_one(runtime, reader)


async def test_every_change_of_state_at_once_with_recounts_keeps_it_exact(runtime: Runtime) -> None:
    """Archiving, snoozing, deleting, seeing and marking by ids and by filter, one at a time and then all at once with
    sends and recounts: the kept count stays the rows counted one by one. The snoozes end after the test (one ending
    between two counts would make them differ); `test_a_snooze_ending_is_counted_however_the_row_came_to_wait` has
    them end."""
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    ids = await send(runtime, reader, 30)
    user = await recipients.recipient_id(runtime, reader)
    rng = random.Random(23)

    async def recount() -> None:
        async with runtime.transaction() as session:
            await unread_rows.recount_unread(session, user)

    async def apply(action: inbox.Action, chosen: list[str] | None, chosen_filter: Filter | None) -> None:
        until = utcnow() + timedelta(hours=1) if action is inbox.Action.SNOOZE else None
        with contextlib.suppress(NotFound):  # a row another change deleted meanwhile
            await inbox.change(runtime, reader, action, ids=chosen, filter=chosen_filter, until=until)

    filters = [Filter(unread=True), Filter(archived=True), Filter(seen=False), Filter(types=["system"], unread=False)]
    await agrees(runtime, reader)  # counted and kept: the changes below adjust it
    for step in range(60):  # one at a time, each checked; snoozes (which have it counted again) only late
        actions = [
            a for a in inbox.Action if a is not inbox.Action.DELETE and (step > 45 or a is not inbox.Action.SNOOZE)
        ]
        action = rng.choice(actions)
        if action is inbox.Action.SNOOZE or rng.random() < 0.7:
            await apply(action, rng.sample(ids, 3), None)
        else:
            await apply(action, None, rng.choice(filters))
        assert await agrees(runtime, reader) == await counted_one_by_one(runtime, reader), (step, action)
    for _ in range(4):
        work: list[Coroutine[Any, Any, object]] = []
        for _ in range(25):
            kind = rng.random()
            some: inbox.Action = rng.choice([a for a in inbox.Action if a is not inbox.Action.DELETE or kind < 0.05])
            if kind < 0.6 or some is inbox.Action.SNOOZE:
                work.append(apply(some, rng.sample(ids, 3), None))
            elif kind < 0.8:
                work.append(apply(some, None, rng.choice(filters)))
            elif kind < 0.9:
                work.append(send(runtime, reader))
            else:
                work.append(recount())
        await asyncio.gather(*work)
        assert await agrees(runtime, reader) == await counted_one_by_one(runtime, reader)


@pytest.mark.slow
async def test_a_snooze_ending_is_counted_however_the_row_came_to_wait(runtime: Runtime) -> None:
    """A row comes to wait for its snooze's end by being snoozed, or, snoozed, by being unarchived or marked unread;
    the kept count, read while it waits, counts it once the snooze is over."""
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    unarchived, unread_again, archived, snoozed = await send(runtime, reader, 4)  # the newest stays counted
    assert await agrees(runtime, reader) == 4
    wake = utcnow() + timedelta(seconds=1.5)
    await inbox.change(runtime, reader, inbox.Action.ARCHIVE, ids=[unarchived, archived])
    await inbox.change(runtime, reader, inbox.Action.SNOOZE, ids=[unarchived, unread_again, archived], until=wake)
    await inbox.change(runtime, reader, inbox.Action.READ, ids=[unread_again])
    assert await agrees(runtime, reader) == 1  # counted again, with nothing waiting that counts
    await inbox.change(runtime, reader, inbox.Action.UNARCHIVE, ids=[unarchived])
    assert await agrees(runtime, reader) == 1
    await inbox.change(runtime, reader, inbox.Action.UNREAD, ids=[unread_again])
    assert await agrees(runtime, reader) == 1
    await until(wake)
    assert await agrees(runtime, reader) == 3  # the archived one stays out
    wake = utcnow() + timedelta(seconds=1.5)
    await inbox.change(runtime, reader, inbox.Action.SNOOZE, ids=[snoozed], until=wake)
    assert await agrees(runtime, reader) == 2
    await until(wake)
    assert await agrees(runtime, reader) == 3


async def test_the_counts_of_many_users_at_once_are_exact_whatever_their_kept_counts(runtime: Runtime) -> None:
    tenant = unique("t")
    readers = [Principal(user_id=unique("u"), tenant_id=tenant) for _ in range(5)]
    ids = [await recipients.recipient_id(runtime, r) for r in readers]
    never_counted, kept, above_kept, too_many_above, expired = readers
    for reader in readers:
        await send(runtime, reader, 3)
    for reader in (kept, above_kept, too_many_above):
        assert await agrees(runtime, reader) == 3  # keeps a count
    await send(runtime, above_kept, 2)
    await rows_above_kept(runtime, too_many_above, unread_rows.RECOUNT_AFTER + 1)
    expiry = utcnow() + timedelta(seconds=1)
    await send(runtime, expired, expires_at=expiry)
    assert await agrees(runtime, expired) == 4
    await until(expiry)  # a counted row has expired: that kept count is no longer used
    await send(runtime, never_counted)
    async with runtime.transaction() as session:
        counts = await unread_rows.unread_counts(session, [*ids, ids[0]])
    assert counts == {user: await counted_one_by_one(runtime, r) for user, r in zip(ids, readers, strict=True)}
    assert list(counts.values()) == [4, 3, 5, 3 + unread_rows.RECOUNT_AFTER + 1, 3]


async def test_the_counts_of_many_users_are_read_from_their_kept_counts(runtime: Runtime) -> None:
    """Not every unread row counted again: a kept count set wrong on purpose shows through (the one-by-one count
    would not), and so do the rows above it."""
    readers = [Principal(user_id=unique("u"), tenant_id=unique("t")) for _ in range(2)]
    ids = [await recipients.recipient_id(runtime, r) for r in readers]
    for reader in readers:
        await send(runtime, reader, 2)
        assert await agrees(runtime, reader) == 2
    await send(runtime, readers[0])
    async with runtime.transaction() as session:
        (await session.get_one(UnreadCount, ids[0])).unread = 40
    async with runtime.transaction() as session:
        assert await unread_rows.unread_counts(session, ids) == {ids[0]: 41, ids[1]: 2}


@pytest.fixture
async def roomy_runtime(database_url: str) -> AsyncIterator[Runtime]:
    """A runtime of this test's own: it holds three pooled connections at once (the holder, the deletion, the
    watcher), which the run's shared one, with its small pool and other tests' feeds, may not have free."""
    settings = Settings(database_url=database_url, broadcast_url=REDIS_URL, jwt_secret=JWT_SECRET, database_pool_size=5)
    async with open_runtime(settings) as opened:
        yield opened


async def test_deleting_read_ones_waits_for_a_change_of_read_state_under_way(roomy_runtime: Runtime) -> None:
    """On PostgreSQL, marking a row unread moves it to the table's other partition (migration 0005), and a deletion
    that met the row as it moved failed instead of looking again. It takes the user's lock first, as marking does."""
    runtime = roomy_runtime
    reader = Principal(user_id=unique("u"), tenant_id=unique("t"))
    ids = await send(runtime, reader, 2)
    await inbox.mark_read(runtime, reader, ids)
    user = await recipients.recipient_id(runtime, reader)
    blocked = text("SELECT count(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))")
    async with runtime.transaction() as session:
        holder = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert await read_state.set_read(session, user, [int(ids[0])], False) == [int(ids[0])]  # not committed yet
        deleting = asyncio.create_task(inbox.delete_read(runtime, reader))
        # Autocommit: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, so a poll inside one
        # transaction never sees a backend that connected after its first look.
        async with runtime.engine.connect() as connection:
            watcher = await connection.execution_options(isolation_level="AUTOCOMMIT")
            async with asyncio.timeout(STREAM_WAIT):  # a hang guard, not a timing requirement
                while not (await watcher.execute(blocked, {"holder": holder})).scalar_one():
                    assert not deleting.done(), "the deletion did not wait"
                    await asyncio.sleep(0.02)
    assert await asyncio.wait_for(deleting, 10) == 1  # the one still read
    async with runtime.reading() as session:
        assert [row[0][0] for row in await listing.page(session, user, before=None, limit=10)] == [int(ids[0])]
    assert await agrees(runtime, reader) == 1


@pytest.fixture
async def sqlite_runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    url = await asyncio.to_thread(migrated_sqlite, tmp_path)
    async with open_runtime(Settings(database_url=url, broadcast_url="memory://", jwt_secret=JWT_SECRET)) as opened:
        yield opened


async def test_the_embedded_database_keeps_it_too(sqlite_runtime: Runtime) -> None:
    reader = Principal(user_id="u", tenant_id="t")
    ids = await send(sqlite_runtime, reader, 4)
    assert await agrees(sqlite_runtime, reader) == 4
    await inbox.mark_read(sqlite_runtime, reader, ids[:2])
    await send(sqlite_runtime, reader)
    assert await agrees(sqlite_runtime, reader) == 3
    await asyncio.gather(
        inbox.mark_read(sqlite_runtime, reader, ids[:1], read=False), inbox.mark_read(sqlite_runtime, reader, ids[3:])
    )
    assert await agrees(sqlite_runtime, reader) == 3
