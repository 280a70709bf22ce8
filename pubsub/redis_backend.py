"""A broadcaster backend for Redis pub/sub that fixes what broadcaster 0.3.1's own backend gets wrong.

broadcaster's `RedisBackend` wakes its listener *before* sending SUBSCRIBE; redis-py's `listen()` then sees no
channel, returns at once, and the listener sleeps until some later subscription wakes it, so the first subscriber
of an idle process hears nothing. Its listener also dies for good on the first connection error. Here:

- `subscribe()` returns only once Redis has confirmed the SUBSCRIBE, so a message published after it returns
  is delivered;
- one reader task owns the connection's read side for the backend's whole life, and never exits on errors: it
  reconnects with backoff (redis-py re-sends SUBSCRIBE for every channel it holds), logs the outage once, and
  after reconnecting emits a `RESYNC` event on every channel, because whatever was published meanwhile is lost
  and listeners must catch up from the database;
- `healthy` turns true again only once the idle pooled connections from before the outage are dropped, so a
  readiness ping or a publish from then on connects afresh.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from broadcaster import Event
from broadcaster._backends.base import BroadcastBackend
from redis import asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("notifications.pubsub")

RESYNC = "\x00resync"
CONFIRM_TIMEOUT = 5.0
_BACKOFF = (0.1, 0.25, 0.5, 1.0)
_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError, asyncio.TimeoutError)


class BroadcastUnreachable(RuntimeError):
    """Redis could not be reached when it was required: at start-up, unless the process may start without it."""


class RedisBackend(BroadcastBackend):
    def __init__(self, url: str, *, required: bool = True, publish_timeout: float = 0.5) -> None:
        self._url = url
        self._required = required
        self._publish_timeout = publish_timeout
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._confirmations: dict[str, asyncio.Future[None]] = {}
        self._commands = asyncio.Lock()
        self.healthy = True
        self._reader: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        # No retries inside redis-py: a publish must fail fast while Redis is down (the database is the record),
        # and the reader task below does the reconnecting for subscriptions.
        options: dict[str, Any] = {
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
            "health_check_interval": 0,
            "retry": Retry(NoBackoff(), 0),
        }
        self._client = aioredis.Redis.from_url(self._url, **options)
        # Publishes get a client of their own with a short timeout: a sender waits on it (while holding its tenant's
        # order), and a Redis that accepts connections but never answers (stopped, overloaded) must not hold it long.
        short = {"socket_connect_timeout": self._publish_timeout, "socket_timeout": self._publish_timeout}
        self._publisher = aioredis.Redis.from_url(self._url, **{**options, **short})
        self._pubsub = self._client.pubsub()
        try:
            await self._client.ping()
            # Connected up front, so the reader watches the connection (and notices an outage) even before the first
            # subscription; redis-py would otherwise open it lazily.
            await self._pubsub.connect()  # type: ignore[no-untyped-call]
        except _ERRORS as error:
            if self._required:
                raise BroadcastUnreachable(f"Redis (BROADCAST_URL) is unreachable: {error}") from error
            # Started while Redis is down: serve as a process that lost it does, until the reader reconnects.
            log.error(
                "Redis pub/sub unreachable at start-up (%s); live delivery paused, retrying until it is back", error
            )
            self.healthy = False
        self._reader = asyncio.create_task(self._read(), name="redis-pubsub-reader")

    async def disconnect(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._client.aclose()
        await self._publisher.aclose()

    async def subscribe(self, channel: str) -> None:
        confirmed = asyncio.get_running_loop().create_future()
        self._confirmations[channel] = confirmed
        try:
            async with self._commands:
                if not self.healthy:
                    raise RedisConnectionError("Redis is unreachable")
                await self._pubsub.subscribe(channel)
            await asyncio.wait_for(asyncio.shield(confirmed), CONFIRM_TIMEOUT)
        except _ERRORS:
            # Redis is down: remember the channel so the reconnect subscribes it, and let the listener start now.
            # Whatever is published meanwhile is lost to pub/sub; the RESYNC after reconnecting covers it.
            self._pubsub.channels[channel.encode()] = None
        finally:
            self._confirmations.pop(channel, None)

    async def unsubscribe(self, channel: str) -> None:
        async with self._commands:
            try:
                await self._pubsub.unsubscribe(channel)
            except _ERRORS:
                # The connection is gone, and with it the subscription; make sure a reconnect does not restore it.
                self._pubsub.channels.pop(channel.encode(), None)
                self._pubsub.channels.pop(channel, None)

    async def publish(self, channel: str, message: Any) -> None:
        await self._publisher.publish(channel, message)

    async def next_published(self) -> Event:
        return await self._queue.get()

    async def ping(self) -> bool:
        try:
            return bool(await self._client.ping())
        except _ERRORS:
            return False

    async def _read(self) -> None:
        while True:
            try:
                if self._pubsub.connection is None:
                    raise RedisConnectionError("never connected")
                message = await self._pubsub.get_message(timeout=1.0)
            except _ERRORS as error:
                await self._recover(error)
                continue
            if message is None:
                continue
            kind = message["type"]
            channel = _text(message["channel"])
            if kind == "message":
                self._queue.put_nowait(Event(channel=channel, message=_text(message["data"])))
            elif kind == "subscribe":
                confirmed = self._confirmations.get(channel)
                if confirmed is not None and not confirmed.done():
                    confirmed.set_result(None)

    async def _recover(self, error: BaseException) -> None:
        if self.healthy:
            log.error("Redis pub/sub connection lost (%s); live delivery paused, retrying until it is back", error)
        self.healthy = False
        attempt = 0
        while True:
            await asyncio.sleep(_BACKOFF[min(attempt, len(_BACKOFF) - 1)])
            attempt += 1
            try:
                async with self._commands:
                    connection = self._pubsub.connection
                    if connection is None:
                        await self._pubsub.connect()  # type: ignore[no-untyped-call]
                        await self._pubsub.on_connect(self._pubsub.connection)  # type: ignore[arg-type]
                    else:
                        await connection.disconnect()
                        # redis-py re-sends SUBSCRIBE for every channel it holds from its connect callback.
                        await connection.connect()
                # The idle pooled connections that publishes and pings take were opened before the outage and are
                # dead; redis-py would find out only by failing one command on each.
                await self._client.connection_pool.disconnect(inuse_connections=False)
                break
            except _ERRORS:
                continue
        self.healthy = True
        log.warning("Redis pub/sub connection restored after %d attempt(s); listeners will catch up", attempt)
        for channel in list(self._pubsub.channels):
            self._queue.put_nowait(Event(channel=_text(channel), message=RESYNC))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
