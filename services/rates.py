"""Token buckets kept in this process: the websocket connections of one address, and the send limits when there is no
Redis to share them through (`services.limits`)."""

from __future__ import annotations

import time
from dataclasses import dataclass

# Buckets kept at most; past it, the full ones (the same as absent) are forgotten.
_MAX_BUCKETS = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float


class Buckets:
    """Buckets of `burst` tokens refilled at `rate` per second, by key. A bucket may go below zero (`charge`): a
    debt repaid before the key is admitted again."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}

    def level(self, key: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(key)
        if bucket is None:
            return self.burst
        return min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)

    def take(self, key: str, cost: float = 1.0) -> float:
        """Seconds to wait before `cost` tokens are there (0: taken now)."""
        now = time.monotonic()
        tokens = self.level(key, now)
        if tokens < cost:
            return (cost - tokens) / self.rate
        self._set(key, tokens - cost, now)
        return 0.0

    def charge(self, key: str, cost: float) -> None:
        now = time.monotonic()
        self._set(key, self.level(key, now) - cost, now)

    def debt(self, key: str) -> float:
        """Seconds until the bucket is out of debt (0: it is not)."""
        tokens = self.level(key)
        return -tokens / self.rate if tokens < 0 else 0.0

    def _set(self, key: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= _MAX_BUCKETS and key not in self._buckets:
            kept = [(k, b) for k, b in self._buckets.items() if self.level(k, now) < self.burst]
            # Half emptied at least, so that many new keys (addresses) cost constant time each.
            self._buckets = dict(kept[-_MAX_BUCKETS // 2 :])
        self._buckets[key] = _Bucket(tokens, now)
