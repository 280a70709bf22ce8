"""Channels shared by every listener of one process, over one broadcaster connection.

broadcaster's `Broadcast.subscribe` is not safe when two tasks subscribe to the same channel at once (the second
overwrites the first's queue, both hear nothing, and leaving raises KeyError), nor when it is cancelled while it
subscribes (KeyError, and the channel stays subscribed on Redis). Here each channel has one broadcaster
subscription per process, opened by the first local listener and closed by the last, under a per-channel lock, and
never cancelled before it is open; every local listener gets its own queue fed from it.

Every queue on the way from Redis (or a local publish) to a listener is bounded: the backend's
(`redis_backend.BACKLOG`), broadcaster's per-subscription one (`RELAY`) and each listener's (`LISTENER_QUEUE`). A
full one drops what it holds for a channel for one RESYNC, and listeners catch up from the database (`overflow`).

Every name is prefixed with the deployment's namespace: Redis pub/sub channels are shared by everything connected to
the server, whatever its database number, so two deployments on one Redis would otherwise hear each other.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlparse

from broadcaster import Broadcast, Event
from broadcaster._backends.memory import MemoryBackend
from broadcaster._base import Subscriber

from pubsub.overflow import RESYNC, Overflows, ResyncQueue, put_or_resync
from pubsub.redis_backend import BACKLOG, BroadcastUnreachable, RedisBackend
from pubsub.redis_url import SCHEMES

log = logging.getLogger("notifications.pubsub")

# How long publishes are refused after a failed one, growing with each failure in a row. Once a window ends, one
# publish goes through as a probe; the others are still refused until it succeeds.
_BREAKER_WINDOWS = (0.5, 1.0, 2.0)
# Events a listener may fall behind by; past it, a catch-up from the database is cheaper than working through them.
LISTENER_QUEUE = 10_000
# broadcaster's queue between its listener and a channel's pump, which empties it every time it runs.
RELAY = 10_000
_LISTENER_OVERFLOWS = Overflows("a channel listener's queue")
_RELAY_OVERFLOWS = Overflows("a broadcaster subscription's queue")
_MEMORY_OVERFLOWS = Overflows("the memory backend's queue")


class _Broadcast(Broadcast):
    """broadcaster's, with a bounded queue per subscription. `Channels` makes one per channel, never two."""

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscriber]:
        queue: ResyncQueue[Event | None] = ResyncQueue(RELAY, Event(channel, RESYNC), _RELAY_OVERFLOWS)
        await self._backend.subscribe(channel)
        self._subscribers[channel] = {queue}
        try:
            yield Subscriber(queue)
        finally:
            del self._subscribers[channel]
            await self._backend.unsubscribe(channel)


class _Memory(MemoryBackend):
    """broadcaster's, with its queue of published events bounded as the Redis backend's is."""

    async def publish(self, channel: str, message: Any) -> None:
        put_or_resync(self._published, Event(channel=channel, message=message), BACKLOG, _MEMORY_OVERFLOWS)


class _Pump(NamedTuple):
    task: asyncio.Task[None]
    started: asyncio.Future[None]  # done once its subscription is open, or failed to open


@dataclass
class _Channel:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    listeners: set[ResyncQueue[str]] = field(default_factory=set)
    pump: _Pump | None = None
    stopping: asyncio.Task[None] | None = None  # the previous pump's stop; the next one starts after it

    async def leave(self, queue: ResyncQueue[str]) -> None:
        """Under the lock: the last listener out stops the pump. In a task of its own, so that a listener cancelled
        again while it waits cannot leave the pump running."""
        self.listeners.discard(queue)
        if self.listeners or self.pump is None:
            return
        self.stopping = asyncio.create_task(_stop(self.pump))
        self.pump = None
        await asyncio.shield(self.stopping)


async def _stop(pump: _Pump) -> None:
    # Never while it subscribes: broadcaster's subscribe, cancelled there, raises KeyError and stays subscribed.
    await asyncio.wait([pump.started])
    pump.task.cancel()
    await asyncio.gather(pump.task, return_exceptions=True)


class Channels:
    def __init__(self, broadcast: Broadcast, redis: RedisBackend | None, namespace: str) -> None:
        self._broadcast = broadcast
        self._redis = redis
        self._prefix = f"{namespace}:"
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
            await self._broadcast.publish(self._prefix + channel, message)
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
        """A queue of this channel's messages, from the moment this returns until the block ends: at most
        `LISTENER_QUEUE` of them, or a RESYNC in their stead."""
        state = self._channels.setdefault(channel, _Channel())
        queue = ResyncQueue(LISTENER_QUEUE, RESYNC, _LISTENER_OVERFLOWS)
        async with state.lock:
            if state.pump is None:
                if state.stopping is not None:
                    await asyncio.shield(state.stopping)
                started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                task = asyncio.create_task(self._pump(channel, state, started), name=f"pump:{channel}")
                state.pump = _Pump(task, started)
            state.listeners.add(queue)
            try:
                # Shielded: a listener cancelled here must not cancel the start, which the pump then completes.
                await asyncio.shield(state.pump.started)
            except BaseException:
                await state.leave(queue)
                raise
        try:
            yield queue
        finally:
            async with state.lock:
                await state.leave(queue)
                # The state (and its lock) stays: a listener already waiting on this lock must find the same one
                # as a newcomer, or the two would each open a subscription.

    async def _pump(self, channel: str, state: _Channel, started: asyncio.Future[None]) -> None:
        try:
            async with self._broadcast.subscribe(self._prefix + channel) as subscriber:
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
        finally:
            if not started.done():
                started.cancel()  # the pump itself was cancelled (shutdown): nobody may wait for it for ever


@asynccontextmanager
async def open_channels(
    url: str, namespace: str, *, required: bool = True, publish_timeout: float = 0.5
) -> AsyncIterator[Channels]:
    """Connect to the broadcast named by `url` (`memory://`, `redis://...`) for the block's duration, on channels
    named `<namespace>:<channel>`. Redis unreachable raises `BroadcastUnreachable`, or, when not `required`, opens
    them paused, to resume by themselves when it is back. A publish to Redis that is not answered within
    `publish_timeout` seconds fails."""
    scheme = urlparse(url).scheme
    redis: RedisBackend | None = None
    if scheme in SCHEMES:
        redis = RedisBackend(url, required=required, publish_timeout=publish_timeout)
        broadcast = _Broadcast(backend=redis)
    elif scheme == "memory":
        broadcast = _Broadcast(backend=_Memory(url))
    else:
        raise ValueError(f"BROADCAST_URL must be memory://, redis:// or redis+sentinel://, not {scheme}://…")
    await broadcast.connect()
    try:
        yield Channels(broadcast, redis, namespace)
    finally:
        await broadcast.disconnect()


__all__ = ["RESYNC", "BroadcastUnreachable", "Channels", "open_channels"]
