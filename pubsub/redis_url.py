"""Redis clients from `BROADCAST_URL`: `redis://`, `rediss://`, or `redis+sentinel://` for a master found through
Redis Sentinel (`redis+sentinel://[:password@]sentinel-1:26379,sentinel-2:26379/<service name>[/<db>]`), whose
connections look the master up again each time they connect, so a failover needs a reconnect, not a restart."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from redis import asyncio as aioredis
from redis.asyncio.sentinel import Sentinel

SCHEMES = ("redis", "rediss", "redis+sentinel")


def redis_client(url: str, **options: Any) -> aioredis.Redis:
    """A client of the Redis `url` names, with redis-py's connection `options` (timeouts, retry)."""
    if not url.startswith("redis+sentinel://"):
        return aioredis.Redis.from_url(url, **options)
    service, db, sentinels, password = sentinel_parts(url)
    # The Sentinels themselves are asked with the same timeouts; the password, if any, is the master's.
    timeouts = {k: v for k, v in options.items() if k in ("socket_timeout", "socket_connect_timeout")}
    sentinel = Sentinel(sentinels, sentinel_kwargs=timeouts)  # type: ignore[no-untyped-call]
    client: aioredis.Redis = sentinel.master_for(service, db=db, password=password, **options)
    return client


def sentinel_parts(url: str) -> tuple[str, int, list[tuple[str, int]], str | None]:
    """(service name, database, sentinels' addresses, password) of a `redis+sentinel://` URL; ValueError if it has
    no service name or no address."""
    parts = urlsplit(url)
    userinfo, _, hosts = parts.netloc.rpartition("@")
    sentinels = []
    for host in hosts.split(","):
        name, _, port = host.strip().rpartition(":") if ":" in host else (host.strip(), "", "26379")
        if not name:
            raise ValueError("a Sentinel address is empty")
        sentinels.append((name, int(port or 26379)))
    path = [p for p in parts.path.split("/") if p]
    if not path or len(path) > 2:
        raise ValueError("name the master: redis+sentinel://host:26379/<service name>[/<db>]")
    password = unquote(userinfo.partition(":")[2]) if userinfo else None
    return path[0], int(path[1]) if len(path) == 2 else 0, sentinels, password or None
