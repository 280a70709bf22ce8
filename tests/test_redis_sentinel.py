"""`BROADCAST_URL=redis+sentinel://…`: server processes find the Redis master through a Sentinel of the test's own,
and after a failover to its replica, sends reach other processes' subscribers again."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from pubsub.redis_url import sentinel_parts
from settings import Settings
from tests.support import JWT_SECRET, RedisServer, free_port, send_reaches, start_server

pytestmark = pytest.mark.slow


class Sentinel:
    def __init__(self, tmp_path: Path, master: RedisServer) -> None:
        self.port = free_port()
        config = tmp_path / f"sentinel-{self.port}.conf"
        config.write_text(
            f"port {self.port}\nbind 127.0.0.1\n"
            f"sentinel monitor primary 127.0.0.1 {master.port} 1\n"
            "sentinel down-after-milliseconds primary 1000\nsentinel failover-timeout primary 5000\n"
        )
        self.process = subprocess.Popen(
            ["redis-server", str(config), "--sentinel"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.client = redis.Redis(port=self.port, socket_connect_timeout=1, decode_responses=True)
        self.master()

    def master(self, within: float = 30) -> int:
        deadline = time.monotonic() + within
        while True:
            try:
                answer = self.client.sentinel_get_master_addr_by_name("primary")
                if isinstance(answer, tuple | list):
                    return int(answer[1])
            except redis.ConnectionError:
                pass
            assert time.monotonic() < deadline, "Sentinel did not answer"
            time.sleep(0.05)

    def stop(self) -> None:
        self.client.close()
        self.process.kill()
        self.process.wait()


@pytest.fixture
def sentinel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sentinel, RedisServer, RedisServer]]:
    # A replica's sync writes an RDB file into its working directory: the test's own, not the checkout.
    monkeypatch.chdir(tmp_path)
    master, replica = RedisServer(), RedisServer()
    master.start()
    replica.start()
    redis.Redis(port=replica.port).replicaof("127.0.0.1", master.port)
    watcher = Sentinel(tmp_path, master)
    try:
        yield watcher, master, replica
    finally:
        watcher.stop()
        master.kill()
        replica.kill()


def test_sentinel_urls_name_their_master_and_are_checked() -> None:
    assert sentinel_parts("redis+sentinel://:pw@a:26379,b:26380/primary/2") == (
        "primary",
        2,
        [("a", 26379), ("b", 26380)],
        "pw",
    )
    assert sentinel_parts("redis+sentinel://a/primary")[1:3] == (0, [("a", 26379)])
    for bad in ("redis+sentinel://a:26379", "redis+sentinel://a:26379/x/1/2", "redis+sentinel://,/x"):
        with pytest.raises(ValueError):
            Settings(broadcast_url=bad, jwt_secret=JWT_SECRET)


async def test_servers_meet_through_the_master_sentinel_names_before_and_after_a_failover(
    sentinel: tuple[Sentinel, RedisServer, RedisServer], database_url: str, logs_dir: Path
) -> None:
    watcher, master, replica = sentinel
    url = f"redis+sentinel://127.0.0.1:{watcher.port}/primary/0"
    env = {"DATABASE_URL": database_url, "BROADCAST_URL": url, "JWT_SECRET": JWT_SECRET}
    servers = [start_server(env, logs_dir), start_server(env, logs_dir)]
    try:
        await send_reaches(servers[0], servers[1])
        master.kill()
        deadline = time.monotonic() + 60
        while watcher.master() != replica.port:
            assert time.monotonic() < deadline, "no failover"
            await asyncio.sleep(0.1)
        # The servers reconnect to the new master by themselves; sends made meanwhile are caught up later.
        deadline = time.monotonic() + 60
        while True:
            try:
                await send_reaches(servers[1], servers[0])
                break
            except Exception:
                assert time.monotonic() < deadline, "sends never reached the other process after the failover"
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        assert "Traceback" not in server.log()
