"""Channels shared by every listener of one process, over one broadcaster connection.

broadcaster's `Broadcast.subscribe` is not safe when two tasks subscribe to the same channel at once (the second
overwrites the first's queue, both hear nothing, and leaving raises KeyError). Here each channel has one
broadcaster subscription per process, opened by the first local listener and closed by the last, under a
per-channel lock; every local listener gets its own queue fed from it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

from broadcaster import Broadcast

from pubsub.redis_backend import RESYNC, RedisBackend

log = logging.getLogger("notifications.pubsub")

# How long publishes are refused after a failed one, growing with each failure in a row. Once a window ends, one
# publish goes through as a probe; the others are still refused until it succeeds.
_BREAKER_WINDOWS = (0.5, 1.0, 2.0)


@dataclass
class _Channel:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    listeners: set[asyncio.Queue[str]] = field(default_factory=set)
    pump: asyncio.Task[None] | None = None


class Channels:
    def __init__(self, broadcast: Broadcast, redis: RedisBackend | None) -> None:
        self._broadcast = broadcast
        self._redis = redis
        self._channels: dict[str, _Channel] = {}
        self._publish_failing = False
        # The circuit breaker: a hung Redis must cost one publish timeout per window, not one per send.
        self._failures = 0
        self._refused_until = 0.0
        self._probing = False

    @property
    def healthy(self) -> bool:
        if self._redis is None:
            return True
        return self._redis.healthy and not self._probing and time.monotonic() >= self._refused_until

    async def ping(self) -> bool:
        return self._redis is None or await self._redis.ping()

    async def publish(self, channel: str, message: str) -> bool:
        """Publish, never raising: the database is the record, pub/sub only the nudge. False if it failed."""
        if not self.healthy:
            return False  # known down: do not make the sender wait for a timeout
        self._probing = self._failures > 0
        try:
            await self._broadcast.publish(channel, message)
        except Exception as error:
            if not self._publish_failing:
                log.error("publishing to %s failed (%r); subscribers will catch up when it recovers", channel, error)
            self._publish_failing = True
            window = _BREAKER_WINDOWS[min(self._failures, len(_BREAKER_WINDOWS) - 1)]
            self._failures += 1
            self._refused_until = time.monotonic() + window
            return False
        finally:
            self._probing = False
        if self._publish_failing:
            log.warning("publishing works again")
        self._publish_failing = False
        self._failures = 0
        return True

    @asynccontextmanager
    async def listen(self, channel: str) -> AsyncIterator[asyncio.Queue[str]]:
        """A queue of this channel's messages, from the moment this returns until the block ends."""
        state = self._channels.setdefault(channel, _Channel())
        queue: asyncio.Queue[str] = asyncio.Queue()
        async with state.lock:
            if state.pump is None:
                started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                state.pump = asyncio.create_task(self._pump(channel, state, started), name=f"pump:{channel}")
                try:
                    await started
                except BaseException:
                    state.pump.cancel()
                    state.pump = None
                    raise
            state.listeners.add(queue)
        try:
            yield queue
        finally:
            async with state.lock:
                state.listeners.discard(queue)
                if not state.listeners and state.pump is not None:
                    state.pump.cancel()
                    await asyncio.gather(state.pump, return_exceptions=True)
                    state.pump = None
                    # The state (and its lock) stays: a listener already waiting on this lock must find the same one
                    # as a newcomer, or the two would each open a subscription.

    async def _pump(self, channel: str, state: _Channel, started: asyncio.Future[None]) -> None:
        try:
            async with self._broadcast.subscribe(channel) as subscriber:
                started.set_result(None)
                async for event in subscriber:  # type: ignore[union-attr]
                    if event is None:
                        return
                    for queue in list(state.listeners):
                        queue.put_nowait(event.message)
        except Exception as error:
            if not started.done():
                started.set_exception(error)
            else:
                log.exception("listening on %s failed", channel)


@asynccontextmanager
async def open_channels(url: str, publish_timeout: float = 0.5) -> AsyncIterator[Channels]:
    """Connect to the broadcast named by `url` (`memory://`, `redis://...`) for the block's duration. A publish to
    Redis that is not answered within `publish_timeout` seconds fails."""
    scheme = urlparse(url).scheme
    redis: RedisBackend | None = None
    if scheme in ("redis", "rediss"):
        redis = RedisBackend(url, publish_timeout)
        broadcast = Broadcast(backend=redis)
    elif scheme == "memory":
        broadcast = Broadcast(url)
    else:
        raise ValueError(f"BROADCAST_URL must be memory:// or redis://host:port/db, not {url!r}")
    await broadcast.connect()
    try:
        yield Channels(broadcast, redis)
    finally:
        await broadcast.disconnect()


__all__ = ["RESYNC", "Channels", "open_channels"]
