"""A send whose announcement could not be published is announced later as a RESYNC, in its tenant's order, so
listeners in other processes catch up instead of skipping it at the next event."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import redis.asyncio as aioredis

from pubsub import RESYNC
from services import open_runtime, send_notification
from services.runtime import Runtime
from settings import Settings
from tests.support import JWT_SECRET, RedisServer, unique

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
            await pubsub.subscribe(f"tenant:{tenant}")
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
        await pubsub.subscribe(f"tenant:{tenant}")
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
