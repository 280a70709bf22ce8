"""Send rate limits: requests and recipients per second for each sender in each tenant, shared by every process
through Redis (one Lua script per check, so processes never race), or kept in this process on the embedded default.

A send is admitted while its sender has a request token and no recipient debt; its recipients are charged after it,
when their number is known (a tenant send's is not before): one large send may overdraw, and the next waits it off.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from redis import asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from pubsub.redis_url import redis_client
from services.errors import ServiceError
from services.rates import Buckets
from settings import Settings

log = logging.getLogger("notifications.limits")

# While Redis fails, limits are kept in this process for this long before Redis is tried again: a hung Redis must
# not add its timeout to every send, and sends go on (the database is the record; see *Redis outages*).
_FALLBACK_SECONDS = 5.0

# KEYS: requests bucket, recipients bucket. ARGV: request rate, request burst, recipient rate, recipient burst,
# recipients to charge (0: admit a request). Buckets are hashes {tokens, at}; absent is full. Answers the seconds to
# wait, as a string (Lua numbers become integers on the way out), "0" when admitted.
_SCRIPT = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local function level(key, rate, burst)
  local held = redis.call('HMGET', key, 'tokens', 'at')
  if not held[1] then return burst end
  return math.min(burst, tonumber(held[1]) + math.max(0, now - tonumber(held[2])) * rate)
end
local function store(key, tokens, rate, burst)
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate * 1000) + 1000)
end
local request_rate, request_burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local recipient_rate, recipient_burst = tonumber(ARGV[3]), tonumber(ARGV[4])
local charge = tonumber(ARGV[5])
local recipients = level(KEYS[2], recipient_rate, recipient_burst)
if charge > 0 then
  store(KEYS[2], recipients - charge, recipient_rate, recipient_burst)
  return '0'
end
local requests = level(KEYS[1], request_rate, request_burst)
local wait = 0
if requests < 1 then wait = (1 - requests) / request_rate end
if recipients < 0 then wait = math.max(wait, -recipients / recipient_rate) end
if wait > 0 then return tostring(wait) end
store(KEYS[1], requests - 1, request_rate, request_burst)
return '0'
"""


class RateLimited(ServiceError):
    code = "RATE_LIMITED"

    def __init__(self, retry_after: float) -> None:
        # Whole milliseconds, rounded up: retrying after it succeeds.
        self.retry_after = math.ceil(retry_after * 1000) / 1000
        super().__init__(f"Too many sends: retry after {self.retry_after:g} s.")

    @property
    def extensions(self) -> dict[str, Any]:
        return {"retryAfter": self.retry_after}


class SendLimits:
    def __init__(self, settings: Settings) -> None:
        self.request_rate = settings.send_requests_per_second
        self.request_burst = max(1.0, settings.send_requests_burst)
        self.recipient_rate = settings.send_recipients_per_second
        self.recipient_burst = max(1.0, settings.send_recipients_burst)
        self.enabled = self.request_rate > 0 and self.recipient_rate > 0
        self._requests = Buckets(self.request_rate or 1, self.request_burst)
        self._recipients = Buckets(self.recipient_rate or 1, self.recipient_burst)
        self._prefix = f"{settings.resolved_broadcast_namespace()}:limit"
        self._redis: aioredis.Redis | None = None
        self._script: Any = None
        self._local_until = 0.0
        if self.enabled and not settings.broadcast_url.startswith("memory://"):
            timeout = settings.publish_timeout_seconds
            self._redis = redis_client(
                settings.broadcast_url,
                socket_connect_timeout=timeout,
                socket_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
            )
            self._script = self._redis.register_script(_SCRIPT)

    async def admit(self, tenant: str, sender: str) -> None:
        """Raises `RateLimited` when `sender` must wait before sending to `tenant` again."""
        if not self.enabled:
            return
        key = _key(tenant, sender)
        wait = await self._shared(key, 0)
        if wait is None:
            wait = self._recipients.debt(key) or self._requests.take(key)
        if wait > 0:
            raise RateLimited(wait)

    async def charge(self, tenant: str, sender: str, recipients: int) -> None:
        if not self.enabled or recipients <= 0:
            return
        key = _key(tenant, sender)
        if await self._shared(key, recipients) is None:
            self._recipients.charge(key, recipients)

    async def _shared(self, key: str, charge: int) -> float | None:
        """The script's answer on Redis; None when there is no Redis or it failed (then this process decides)."""
        if self._script is None or time.monotonic() < self._local_until:
            return None
        keys = [f"{self._prefix}:requests:{key}", f"{self._prefix}:recipients:{key}"]
        rates = [self.request_rate, self.request_burst, self.recipient_rate, self.recipient_burst, charge]
        try:
            answer = await self._script(keys=keys, args=rates)
        except (RedisError, OSError, TimeoutError) as error:
            log.warning("send limits kept in this process for %g s: Redis failed (%r)", _FALLBACK_SECONDS, error)
            self._local_until = time.monotonic() + _FALLBACK_SECONDS
            return None
        return float(answer)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()


def _key(tenant: str, sender: str) -> str:
    # Length-prefixed, as `Principal.key` is: ids may contain ":" and "/".
    return f"{len(tenant)}:{tenant}/{sender}"
