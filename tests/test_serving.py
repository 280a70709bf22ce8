"""`python main.py serve --workers N`: worker processes on one port, each listening on its own socket (SO_REUSEPORT),
replaced when one dies, all stopped by one SIGTERM; and the configurations it refuses."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
import websockets

from bench import sockets
from services.inbox import encode_cursor
from serving import STARTUP_SECONDS
from tests.support import (
    ROOT,
    SEND_TENANT,
    GraphQLClient,
    Server,
    Subscription,
    free_port,
    start_server,
    subscription,
    token,
    unique,
)

ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title } }"
REGISTER = "mutation Register($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"
WAIT = 30.0  # hang guard for processes starting or stopping; never a timing requirement


def serve_workers(env: dict[str, str], logs_dir: Path, workers: int = 2) -> Server:
    command = (sys.executable, "main.py", "serve", "--port", "{port}", "--workers", str(workers))
    server = start_server(env, logs_dir, args=(*command, "--log-level", "warning"))
    wait_for(lambda: sockets.listening(server.port) == workers, f"{workers} workers listening\n{server.log()}")
    return server


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WAIT} s: {what}")
        time.sleep(0.1)


def workers_of(server: Server) -> list[int]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    return [int(pid) for pid in children if is_worker(int(pid))]


def is_worker(pid: int) -> bool:
    """Whether `pid` is a running worker process (multiprocessing's, not its resource tracker)."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False


async def open_subscriptions(
    stack: AsyncExitStack, server: Server, client: GraphQLClient, tenant: str, users: range
) -> list[Subscription]:
    """`users` registered, then each subscribed from the start of their inbox (`after`): a send made once this returns
    reaches them whether or not their subscription is live yet, by catch-up if not."""
    names = [f"user-{i}" for i in users]
    admin = token("admin", tenant, "admin")
    registered = await client.data(REGISTER, {"input": {"users": [{"userId": n} for n in names]}}, token=admin)
    assert registered["registerUsers"]["registered"] == len(names)
    subs = []
    for name in names:
        sub = await stack.enter_async_context(subscription(server, token(name, tenant)))
        await sub.subscribe(ADDED, {"after": encode_cursor(0)})
        subs.append(sub)
    return subs


async def send_to_all(client: GraphQLClient, tenant: str, registered: int, subs: list[Subscription]) -> None:
    """A tenant send through whichever worker takes the request reaches every subscription, on any worker."""
    title = unique("to-all")
    admin = token("admin", tenant, "admin")
    result = await client.data(SEND_TENANT, {"input": {"title": title, "message": "m"}}, token=admin)
    assert result["sendTenantNotification"]["delivered"] == registered
    for sub in subs:
        data = await sub.next_data(WAIT)
        assert data["notificationAdded"]["title"] == title


async def test_workers_share_the_connections_and_a_dead_one_is_replaced(
    server_env: dict[str, str], logs_dir: Path, http: httpx.AsyncClient
) -> None:
    server = serve_workers(server_env, logs_dir)
    started = time.monotonic()
    try:
        first = workers_of(server)
        assert len(first) == 2
        client = GraphQLClient(server.url, http)
        tenant = unique("tenant")
        async with AsyncExitStack() as stack:
            # 24 connections all hashed to one worker: a chance of 1 in 8 million.
            subs = await open_subscriptions(stack, server, client, tenant, range(24))
            held = sockets.holders(server.port, first)
            by_worker = [sum(1 for sub in subs if held.get(sub.ws.local_address[1]) == pid) for pid in first]
            assert sum(by_worker) == 24 and min(by_worker) > 0, by_worker
            # Whichever worker takes the send, it reaches the subscribers of both.
            await send_to_all(client, tenant, 24, subs)

            # Older than a failed start: a worker killed now is replaced, and the server keeps serving.
            await asyncio.sleep(max(0.0, STARTUP_SECONDS + 0.5 - (time.monotonic() - started)))
            os.kill(first[0], signal.SIGKILL)
            wait_for(lambda: first[0] not in workers_of(server) and len(workers_of(server)) == 2, "a replacement")
            wait_for(lambda: sockets.listening(server.port) == 2, "the replacement listening")
            assert server.process.poll() is None
            alive = [sub for sub in subs if held.get(sub.ws.local_address[1]) == first[1]]
            more = await open_subscriptions(stack, server, client, tenant, range(24, 32))
            await send_to_all(client, tenant, 32, alive + more)
    finally:
        server.stop()


async def test_sigterm_stops_every_worker_and_says_going_away(
    server_env: dict[str, str], logs_dir: Path, http: httpx.AsyncClient
) -> None:
    server = serve_workers(server_env, logs_dir)
    workers = workers_of(server)
    client = GraphQLClient(server.url, http)
    try:
        tenant = unique("tenant")
        async with AsyncExitStack() as stack:
            subs = await open_subscriptions(stack, server, client, tenant, range(8))
            server.process.send_signal(signal.SIGTERM)
            for sub in subs:
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await sub.receive(WAIT)
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
        assert server.process.wait(WAIT) == 0
        assert not any(is_worker(pid) for pid in workers)
    finally:
        server.stop()


def test_a_worker_that_cannot_start_stops_the_server(server_env: dict[str, str], tmp_path: Path) -> None:
    with socket.socket() as taken:  # bound without SO_REUSEPORT: the workers' bind fails
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "main.py", "serve", "--port", str(port), "--workers", "2"]
        env = {**os.environ, **server_env}
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stderr[-3000:]
    assert "exited with 1 as it started: stopping" in run.stderr


def test_workers_need_a_shared_broadcast(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROADCAST_URL", "JWT_SECRET")}
    env.update({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}", "JWT_SECRET": "x" * 32})
    command = [sys.executable, "main.py", "serve", "--port", str(free_port()), "--workers", "2"]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "--workers above 1 needs a shared BROADCAST_URL" in run.stderr
    assert not (tmp_path / "db.sqlite").exists()  # refused before migrating
