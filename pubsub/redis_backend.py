"""A broadcaster backend for Redis pub/sub that fixes what broadcaster 0.3.1's own backend gets wrong.

broadcaster's `RedisBackend` wakes its listener *before* sending SUBSCRIBE; redis-py's `listen()` then sees no
channel, returns at once, and the listener sleeps until some later subscription wakes it, so the first subscriber
of an idle process hears nothing. Its listener also dies for good on the first connection error, and its queue of
events read from Redis has no bound. Here:

- `subscribe()` returns only once Redis has confirmed the SUBSCRIBE, so a message published after it returns
  is delivered. If Redis does not confirm it in time, the listener starts anyway and its channel is owed a
  `RESYNC`, emitted when the confirmation comes (the reconnect below covers the case where it never does);
- one reader task owns the connection's read side for the backend's whole life, and never exits on errors: it
  reconnects with backoff on a fresh connection, subscribes again every channel it holds, logs the outage once,
  and emits a `RESYNC` on each channel once Redis confirms it, because whatever was published meanwhile is lost
  and listeners must catch up from the database;
- the events read and not yet taken are bounded (`BACKLOG`): past it, they give way to a `RESYNC` per channel;
- `healthy` turns true again only once the idle pooled connections from before the outage are dropped, so a
  readiness ping or a publish from then on connects afresh.

Only redis-py's public API is used: `PubSub.connect`, `subscribe`, `unsubscribe`, `get_message`, `aclose`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from broadcaster import BroadcastBackend, Event
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from pubsub.overflow import RESYNC, Overflows, put_or_resync
from pubsub.redis_url import redis_client

log = logging.getLogger("notifications.pubsub")

CONFIRM_TIMEOUT = 5.0
# Events read from Redis and not yet taken by broadcaster's listener, which takes them as fast as the channels'
# pumps empty its queues: this fills only when the whole process falls behind Redis.
BACKLOG = 10_000
_BACKOFF = (0.1, 0.25, 0.5, 1.0)
_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError, asyncio.TimeoutError)
_OVERFLOWS = Overflows("the Redis backlog")


class BroadcastUnreachable(RuntimeError):
    """Redis could not be reached when it was required: at start-up, unless the process may start without it."""


class RedisBackend(BroadcastBackend):
    def __init__(self, url: str, *, required: bool = True, publish_timeout: float = 0.5) -> None:
        self._url = url
        self._required = required
        self._publish_timeout = publish_timeout
        # At most BACKLOG events, or after an overflow one RESYNC per channel that had some (`put_or_resync`).
        self.backlog: asyncio.Queue[Event] = asyncio.Queue()
        self._confirmations: dict[str, asyncio.Future[None]] = {}
        self._wanted: set[str] = set()  # subscribed, or to be on reconnecting
        self._owed: set[str] = set()  # get a RESYNC once Redis confirms their subscription
        self._broken: BaseException | None = None  # a command failed: the reader reconnects
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
        self._client = redis_client(self._url, **options)
        # Publishes get a client of their own with a short timeout: a sender waits on it (while holding its tenant's
        # order), and a Redis that accepts connections but never answers (stopped, overloaded) must not hold it long.
        short = {"socket_connect_timeout": self._publish_timeout, "socket_timeout": self._publish_timeout}
        self._publisher = redis_client(self._url, **{**options, **short})
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
            self._broken = error
        self._reader = asyncio.create_task(self._read(), name="redis-pubsub-reader")

    async def disconnect(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._client.aclose()
        await self._publisher.aclose()

    async def subscribe(self, channel: str) -> None:
        self._wanted.add(channel)
        confirmed = asyncio.get_running_loop().create_future()
        self._confirmations[channel] = confirmed
        try:
            async with self._commands:
                if not self.healthy:
                    # The reconnect under way subscribes it. Let the listener start now: whatever is published
                    # meanwhile is lost to pub/sub, and the RESYNC once it is subscribed covers it.
                    return
                try:
                    await self._pubsub.subscribe(channel)
                except _ERRORS as error:
                    self._broken = error  # the reader reconnects, as above
                    return
            try:
                await asyncio.wait_for(asyncio.shield(confirmed), CONFIRM_TIMEOUT)
            except TimeoutError:
                # Redis is hung or slow: the listener starts now, and catches up once its subscription is in place.
                if not confirmed.done():
                    self._owed.add(channel)
        finally:
            self._confirmations.pop(channel, None)

    async def unsubscribe(self, channel: str) -> None:
        self._wanted.discard(channel)
        self._owed.discard(channel)
        async with self._commands:
            if not self.healthy:
                return  # the reconnect under way leaves it out
            try:
                await self._pubsub.unsubscribe(channel)
            except _ERRORS as error:
                self._broken = error  # the reader reconnects, without it

    async def publish(self, channel: str, message: Any) -> None:
        await self._publisher.publish(channel, message)

    async def next_published(self) -> Event:
        return await self.backlog.get()

    async def ping(self) -> bool:
        try:
            return bool(await self._client.ping())
        except _ERRORS:
            return False

    async def _read(self) -> None:
        while True:
            error = self._broken
            if error is None:
                try:
                    message = await self._pubsub.get_message(timeout=1.0)
                except _ERRORS as failed:
                    error = failed
            if error is not None:
                await self._recover(error)
                continue
            if message is None:
                continue
            kind = message["type"]
            channel = _text(message["channel"])
            if kind == "message":
                self._put(Event(channel=channel, message=_text(message["data"])))
            elif kind == "subscribe":
                confirmed = self._confirmations.get(channel)
                if confirmed is not None and not confirmed.done():
                    confirmed.set_result(None)  # its listener starts only now: it has missed nothing
                    self._owed.discard(channel)
                elif channel in self._owed:
                    self._owed.discard(channel)
                    self._put(Event(channel=channel, message=RESYNC))

    def _put(self, event: Event) -> None:
        put_or_resync(self.backlog, event, BACKLOG, _OVERFLOWS)

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
                    # A fresh connection, subscribed to every channel held; each resyncs once Redis confirms it.
                    await self._pubsub.aclose()  # type: ignore[no-untyped-call]
                    await self._pubsub.connect()  # type: ignore[no-untyped-call]
                    self._owed = set(self._wanted)
                    if self._wanted:
                        await self._pubsub.subscribe(*self._wanted)
                    # The idle pooled connections that publishes and pings take were opened before the outage and
                    # are dead; redis-py would find out only by failing one command on each.
                    await self._client.connection_pool.disconnect(inuse_connections=False)
                    self._broken = None
                    self.healthy = True  # under the lock: a subscribe that found it false is in `_wanted` above
                break
            except _ERRORS:
                continue
        log.warning("Redis pub/sub connection restored after %d attempt(s); listeners will catch up", attempt)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
