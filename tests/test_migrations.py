"""Migrations keep what is stored: each is run up and down on a database of its own, with rows in it."""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from asyncio.subprocess import PIPE, STDOUT
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from models import Base
from models.autogenerate import compared_by_autogenerate
from models.base import MIGRATIONS_LOCK, create_engine
from tests.support import JWT_SECRET, MAIN, PG_ADMIN_URL, ROOT, database_named

pytestmark = pytest.mark.slow  # databases of their own, and servers started together

ROWS = "SELECT user_id, message_id, type, priority, created_at, expires_at, read_at FROM inbox_entries"
INDEXES = "SELECT tablename, indexname FROM pg_indexes WHERE tablename LIKE 'inbox_entries%' ORDER BY 1, 2"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
async def database() -> AsyncIterator[tuple[str, asyncpg.Connection]]:
    """An empty database, dropped afterwards: its URL for alembic and a connection to it."""
    name = f"notifications_migrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = database_named(name)
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            yield url, connection
        finally:
            await connection.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def migrate(url: str, revision: str, *, down: bool = False) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes.update(configure_logger=False, database_url=url)
    # In a thread: the migration environment runs its own event loop.
    await asyncio.to_thread(command.downgrade if down else command.upgrade, config, revision)


async def test_inbox_rows_keep_their_read_state_through_partitioning_and_back(
    database: tuple[str, asyncpg.Connection],
) -> None:
    url, connection = database
    await migrate(url, "0004")
    rows = [
        (1, 10, "system", 1, NOW, None, None),
        (1, 11, "sale", 2, NOW, NOW, NOW),
        (2, 10, "system", 1, NOW, None, NOW),
        (2, 12, "security", 3, NOW, NOW, None),
    ]
    await connection.copy_records_to_table("inbox_entries", records=rows)

    await migrate(url, "0005")
    assert sorted(map(tuple, await connection.fetch(ROWS))) == rows
    partitioned = [tuple(row) for row in await connection.fetch(INDEXES)]
    assert [table for table, _ in partitioned] == ["inbox_entries", "inbox_entries_read", "inbox_entries_unread"]
    placed = await connection.fetch("SELECT tableoid::regclass::text, user_id, message_id FROM inbox_entries")
    assert sorted(map(tuple, placed)) == [
        ("inbox_entries_read", 1, 11),
        ("inbox_entries_read", 2, 10),
        ("inbox_entries_unread", 1, 10),
        ("inbox_entries_unread", 2, 12),
    ]
    # Marking read and unread moves a row between the partitions.
    await connection.execute("UPDATE inbox_entries SET read_at = $1 WHERE user_id = 1 AND message_id = 10", NOW)
    await connection.execute("UPDATE inbox_entries SET read_at = NULL WHERE user_id = 2 AND message_id = 10")
    assert (
        await connection.fetchval(
            "SELECT tableoid::regclass::text FROM inbox_entries WHERE user_id = 1 AND message_id = 10"
        )
        == "inbox_entries_read"
    )
    rows[0], rows[2] = (*rows[0][:6], NOW), (*rows[2][:6], None)

    await migrate(url, "0004", down=True)
    assert sorted(map(tuple, await connection.fetch(ROWS))) == rows
    assert await connection.fetchval("SELECT relkind::text FROM pg_class WHERE relname = 'inbox_entries'") == "r"
    assert [tuple(row) for row in await connection.fetch(INDEXES)] == [
        ("inbox_entries", "ix_inbox_entries_unread"),
        ("inbox_entries", "pk_inbox_entries"),
    ]
    with pytest.raises(asyncpg.UniqueViolationError):  # the primary key is back
        await connection.copy_records_to_table("inbox_entries", records=rows[:1])

    await migrate(url, "head")  # and up again
    assert sorted(map(tuple, await connection.fetch(ROWS))) == rows
    assert set(partitioned) <= {tuple(row) for row in await connection.fetch(INDEXES)}  # later ones add their own


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"include_object": compared_by_autogenerate})
    return list(compare_metadata(context, Base.metadata))


async def test_autogenerate_finds_nothing_to_change_at_head(database: tuple[str, asyncpg.Connection]) -> None:
    """The mapping and the migrated PostgreSQL schema agree, the partitioned inbox aside: a new autogenerated
    revision must not propose to drop its partitions (they hold every inbox row)."""
    url, _ = database
    await migrate(url, "head")
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_servers_starting_together_migrate_one_after_another(database: tuple[str, asyncpg.Connection]) -> None:
    """Three `migrate`s (what `serve` runs first) on an empty database, held back by the test until all three wait on
    the migrations' lock, then let go at once: each migrates in turn (the later ones find nothing to do)."""
    url, connection = database
    environment = {"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "JWT_SECRET": JWT_SECRET}
    waiting = """SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"""
    await connection.execute("SELECT pg_advisory_lock($1)", MIGRATIONS_LOCK)
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, str(MAIN), "migrate", cwd=ROOT, env=environment, stdout=PIPE, stderr=STDOUT
        )
        for _ in range(3)
    ]
    try:
        end = time.monotonic() + 60
        while await connection.fetchval(waiting) < 3:
            for process in processes:
                if process.returncode is not None:
                    output, _ = await process.communicate()
                    raise AssertionError(f"migrated without waiting for the others: {output.decode()}")
            assert time.monotonic() < end, "the three did not all wait on the migrations' lock"
            await asyncio.sleep(0.01)
        await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATIONS_LOCK)
        outputs = []
        for process in processes:
            output, _ = await process.communicate()
            outputs.append((process.returncode, output.decode()))
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert [code for code, _ in outputs] == [0, 0, 0], outputs
    heads = ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini"))).get_heads()
    assert [row["version_num"] for row in await connection.fetch("SELECT version_num FROM alembic_version")] == heads
    engine = create_engine(url)
    try:
        async with engine.connect() as migrated:
            assert await migrated.run_sync(_differences) == []
    finally:
        await engine.dispose()
