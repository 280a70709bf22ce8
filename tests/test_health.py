"""The probes an orchestrator polls: /health/live (the process answers) and /health/ready (it can serve: the database
and the broadcast are reachable), with JSON bodies that name what is missing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx

from tests.support import JWT_SECRET, PostgresServer, RedisServer, Server, start_server

WAIT = 30.0  # a hang guard per request, never a timing assertion
DEADLINE = 30.0  # for the probe to notice a change

LIVE = {"status": "live"}
READY = {"status": "ready", "database": "ok", "broadcast": "ok"}


async def probe(server: Server, path: str) -> tuple[int, dict[str, Any]]:
    """Status and JSON body of a probe, which must say it is JSON."""
    async with httpx.AsyncClient(timeout=WAIT) as http:
        response = await asyncio.wait_for(http.get(server.base(path)), WAIT)
    assert response.headers["content-type"].split(";")[0].strip() == "application/json", response.headers
    body: dict[str, Any] = response.json()
    return response.status_code, body


async def until_probe(server: Server, path: str, expected: tuple[int, dict[str, Any]]) -> None:
    began = time.monotonic()
    while (got := await probe(server, path)) != expected:
        assert time.monotonic() - began < DEADLINE, f"{path}: {got}, not {expected} within {DEADLINE} s"
        await asyncio.sleep(0.1)


async def test_live_answers_200_with_json(server: Server) -> None:
    assert await probe(server, "/health/live") == (200, LIVE)


async def test_ready_answers_200_naming_each_dependency(server: Server) -> None:
    assert await probe(server, "/health/ready") == (200, READY)


async def test_probes_need_no_credentials_and_ignore_bad_ones(server: Server) -> None:
    async with httpx.AsyncClient(timeout=WAIT) as http:
        for path, body in (("/health/live", LIVE), ("/health/ready", READY)):
            response = await http.get(server.base(path), headers={"Authorization": "Bearer not-a-token"})
            assert (response.status_code, response.json()) == (200, body), path


async def test_ready_is_503_naming_the_database_while_postgres_is_stopped(
    postgres_server: PostgresServer, logs_dir: Path
) -> None:
    env = {"DATABASE_URL": postgres_server.url, "BROADCAST_URL": "memory://", "JWT_SECRET": JWT_SECRET}
    server = start_server(env, logs_dir)
    try:
        assert await probe(server, "/health/ready") == (200, READY)
        await asyncio.to_thread(postgres_server.stop, "immediate")
        down = (503, {"status": "unavailable", "database": "unreachable", "broadcast": "ok"})
        await until_probe(server, "/health/ready", down)
        assert await probe(server, "/health/live") == (200, LIVE)  # not dead, only not ready
        await asyncio.to_thread(postgres_server.start)
        await until_probe(server, "/health/ready", (200, READY))
        assert server.process.poll() is None
    finally:
        server.stop()


async def test_ready_is_503_naming_the_broadcast_while_redis_is_down(
    server_env: dict[str, str], redis_server: RedisServer, logs_dir: Path
) -> None:
    server = start_server({**server_env, "BROADCAST_URL": redis_server.url}, logs_dir)
    try:
        assert await probe(server, "/health/ready") == (200, READY)
        redis_server.kill()
        down = (503, {"status": "unavailable", "database": "ok", "broadcast": "unreachable"})
        await until_probe(server, "/health/ready", down)
        assert await probe(server, "/health/live") == (200, LIVE)
        redis_server.start()
        await until_probe(server, "/health/ready", (200, READY))
    finally:
        server.stop()
