"""Migrations keep what is stored: each is run up and down on a database of its own, with rows in it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest
from alembic import command
from alembic.config import Config

from tests.support import PG_ADMIN_URL, ROOT

ROWS = "SELECT user_id, message_id, type, priority, created_at, expires_at, read_at FROM inbox_entries"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
async def database() -> AsyncIterator[tuple[str, asyncpg.Connection]]:
    """An empty database, dropped afterwards: its URL for alembic and a connection to it."""
    name = f"notifications_migrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        base = PG_ADMIN_URL.rsplit("/", 1)[0]
        connection = await asyncpg.connect(f"{base}/{name}")
        try:
            yield f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}", connection
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
    with pytest.raises(asyncpg.UniqueViolationError):  # the primary key is back
        await connection.copy_records_to_table("inbox_entries", records=rows[:1])
