"""A send whose announcement could not be published is announced later as a RESYNC, in its tenant's order, so
listeners in other processes catch up instead of skipping it at the next event."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from pubsub import RESYNC
from services import open_runtime, send_notification
from services.runtime import Runtime
from settings import Settings
from tests.support import JWT_SECRET, RedisServer, redis_channel, unique

DEADLINE = 30.0


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


async def test_an_unpublished_send_is_followed_by_a_resync_once_redis_is_back(
    database_url: str, redis_server: RedisServer
) -> None:
    tenant = unique("t")
    settings = Settings(database_url=database_url, broadcast_url=redis_server.url, jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as runtime:
        redis_server.kill()
        await _until(lambda: not runtime.channels.healthy, "the outage to be noticed")
        sent = await send_notification(runtime, user=unique("u"), tenant=tenant, title="during", message="m")
        assert sent.delivered == 1  # stored, though nobody could be told
        assert tenant in runtime.unannounced

        redis_server.start()
        listener = aioredis.Redis.from_url(redis_server.url)
        pubsub = listener.pubsub()
        try:
            await pubsub.subscribe(redis_channel(settings, tenant))
            heard: list[bytes] = []

            async def listen() -> None:
                async for message in pubsub.listen():
                    if message["type"] == "message":
                        heard.append(message["data"])
                        return

            await asyncio.wait_for(listen(), DEADLINE)
            assert heard == [RESYNC.encode()]
            await _until(lambda: tenant not in runtime.unannounced, "the debt to be cleared")
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await listener.aclose()


async def test_the_next_event_of_that_tenant_is_preceded_by_the_resync(runtime: Runtime) -> None:
    tenant = unique("t")
    listener = aioredis.Redis.from_url(runtime.settings.broadcast_url)
    pubsub = listener.pubsub()
    try:
        await pubsub.subscribe(redis_channel(runtime.settings, tenant))
        await pubsub.get_message(timeout=5)  # the subscribe confirmation
        runtime.unannounced.add(tenant)  # as left by a publish that failed
        await send_notification(runtime, user=unique("u"), tenant=tenant, title="next", message="m")
        first = await pubsub.get_message(timeout=10)
        second = await pubsub.get_message(timeout=10)
        assert first is not None and first["data"] == RESYNC.encode(), first
        assert second is not None and b'"added"' in second["data"], second
        assert tenant not in runtime.unannounced
    finally:
        await pubsub.aclose()  # type: ignore[no-untyped-call]
        await listener.aclose()


async def test_a_send_interrupted_while_storing_owes_its_tenant_a_resync(database_url: str) -> None:
    # The one-statement send commits on its own: once it is under way, a cancellation (a client gone, a timeout)
    # cannot tell whether it was stored. Listeners must then catch up rather than skip it at the next event.
    tenant, user = unique("t"), unique("u")
    settings = Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET)
    async with open_runtime(settings) as runtime:
        await send_notification(runtime, user=user, tenant=tenant, title="first", message="m")  # the user is known now
        async with runtime.engine.connect() as blocker, runtime.engine.connect() as observer:
            await blocker.execute(text("LOCK TABLE messages IN EXCLUSIVE MODE"))  # the next send's statement waits
            send = asyncio.create_task(send_notification(runtime, user=user, tenant=tenant, title="cut", message="m"))
            deadline = time.monotonic() + DEADLINE
            while not await _waiting_for_the_lock(observer):
                assert time.monotonic() < deadline, "the send never reached its statement"
            send.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await send
            assert tenant in runtime.unannounced
            await blocker.rollback()
        await _until(lambda: tenant not in runtime.unannounced, "the resync to go out")


async def _waiting_for_the_lock(observer: AsyncConnection) -> bool:
    await asyncio.sleep(0.05)
    waiting = await observer.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO messages%'"
        )
    )
    await observer.rollback()  # a fresh snapshot of the activity each time
    return bool(waiting.scalar_one())
