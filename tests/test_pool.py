"""models.pool: under contention the engine's pool serves checkouts in the order they asked, and a wait that ends
(timed out, cancelled) neither loses a connection nor keeps one from the next in line.

Real PostgreSQL connections; a pool of one makes every checkout after the first wait.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

from models.base import create_engine
from models.pool import FairQueue
from tests.support import until


@pytest.fixture
async def engine(database_url: str, request: pytest.FixtureRequest) -> AsyncIterator[AsyncEngine]:
    timeout = getattr(request, "param", 5.0)
    made = create_engine(database_url, pool_size=1, pool_timeout=timeout)
    try:
        yield made
    finally:
        await made.dispose()


def queue(engine: AsyncEngine) -> FairQueue:
    pool = engine.sync_engine.pool
    assert isinstance(pool, QueuePool)
    assert isinstance(pool._pool, FairQueue)
    return pool._pool


def checked_in(engine: AsyncEngine) -> int:
    pool = engine.sync_engine.pool
    assert isinstance(pool, QueuePool)
    return pool.checkedin()


async def test_a_returned_connection_goes_to_the_longest_waiting_checkout(engine: AsyncEngine) -> None:
    order: list[str] = []

    async def take(name: str) -> None:
        raw = await engine.raw_connection()
        order.append(name)
        await asyncio.sleep(0)  # held across a turn of the loop, as a query would
        raw.close()

    held = await engine.raw_connection()
    waiting = [asyncio.create_task(take(name)) for name in ("b", "c", "d")]
    await until(lambda: queue(engine).waiting == 3)
    held.close()
    # The task that just gave it back asks again at once, before b has run: it queues behind b, c and d. (With
    # SQLAlchemy's own asyncio queue it takes the connection back, and b goes to the back of the line.)
    await take("a")
    await asyncio.gather(*waiting)
    assert order == ["b", "c", "d", "a"]
    assert checked_in(engine) == 1


@pytest.mark.slow
@pytest.mark.parametrize("engine", [3.0], indirect=True)
async def test_each_wait_times_out_on_its_own_deadline(engine: AsyncEngine) -> None:
    held = await engine.raw_connection()
    first = asyncio.create_task(engine.raw_connection())
    await until(lambda: queue(engine).waiting == 1)
    await asyncio.sleep(1.5)
    second = asyncio.create_task(engine.raw_connection())
    await until(lambda: queue(engine).waiting == 2)
    with pytest.raises(sa_exc.TimeoutError):
        await first
    assert queue(engine).waiting == 1  # the second's deadline is 1.5 s later
    with pytest.raises(sa_exc.TimeoutError):
        await second  # on the timer set again for it
    assert queue(engine).waiting == 0
    held.close()
    assert checked_in(engine) == 1


async def test_a_cancelled_wait_leaves_the_line(engine: AsyncEngine) -> None:
    held = await engine.raw_connection()
    waiting = asyncio.create_task(engine.raw_connection())
    await until(lambda: queue(engine).waiting == 1)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert queue(engine).waiting == 0
    held.close()
    assert checked_in(engine) == 1  # idle again, not handed to the cancelled checkout


async def test_a_connection_handed_to_a_cancelled_wait_goes_to_the_next_in_line(engine: AsyncEngine) -> None:
    held = await engine.raw_connection()
    cancelled = asyncio.create_task(engine.raw_connection())
    await until(lambda: queue(engine).waiting == 1)
    served = asyncio.create_task(engine.raw_connection())
    await until(lambda: queue(engine).waiting == 2)
    held.close()  # handed to `cancelled`, which has not run since
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    raw = await served
    raw.close()
    assert checked_in(engine) == 1


async def test_a_cancelled_wait_gives_back_its_connection_even_when_overflow_filled_the_pool(
    database_url: str,
) -> None:
    engine = create_engine(database_url, pool_size=1, max_overflow=1)
    try:
        pooled, overflow = await engine.raw_connection(), await engine.raw_connection()
        cancelled = asyncio.create_task(engine.raw_connection())
        await until(lambda: queue(engine).waiting == 1)
        pooled.close()  # handed to `cancelled`, which has not run since
        overflow.close()  # nobody waits now: it fills the idle list
        cancelled.cancel()
        with pytest.raises(asyncio.CancelledError):  # not sqlalchemy's Full
            await cancelled
        # Both are served; returned (in a greenlet, as sessions return them), the one too many is closed.
        async with engine.connect(), engine.connect():
            pass
        assert checked_in(engine) == 1
    finally:
        await engine.dispose()
