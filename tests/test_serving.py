"""`python main.py serve --workers N`: worker processes on one port, each listening on its own socket (SO_REUSEPORT),
replaced when one dies, all stopped by one SIGTERM; and the starts it refuses."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
import websockets

from bench import processes
from services.inbox import encode_cursor
from tests.support import (
    REGISTER,
    ROOT,
    SEND_TENANT,
    GraphQLClient,
    RedisServer,
    Server,
    Subscription,
    free_port,
    server_environment,
    start_server,
    subscription,
    token,
    unique,
    until,
)

pytestmark = pytest.mark.slow  # server processes started, killed and replaced

ADDED = "subscription Added($after: String) { notificationAdded(after: $after) { id title } }"
WAIT = 30.0  # hang guard for processes starting or stopping, and for one message; never a timing requirement


async def serve_workers(env: dict[str, str], logs_dir: Path, workers: int = 2) -> Server:
    command = (sys.executable, "main.py", "serve", "--port", "{port}", "--workers", str(workers))
    # No pings: a subscription here is read only when a test expects a message, and would miss its pong deadline.
    server = start_server({**env, "PING_INTERVAL_SECONDS": "3600"}, logs_dir, args=(*command, "--log-level", "warning"))
    try:
        await until(lambda: processes.listening(server.port) == workers, WAIT)
    except AssertionError:
        server.stop()
        raise AssertionError(f"{workers} workers not listening:\n{server.log()}") from None
    return server


def workers_of(server: Server) -> list[int]:
    return processes.workers(server.process.pid)


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
    server = await serve_workers(server_env, logs_dir)
    try:
        first = workers_of(server)
        assert len(first) == 2
        client = GraphQLClient(server.url, http)
        tenant = unique("tenant")
        async with AsyncExitStack() as stack:
            # 24 connections all hashed to one worker: a chance of 1 in 8 million.
            subs = await open_subscriptions(stack, server, client, tenant, range(24))
            held = processes.holders(server.port, first)
            by_worker = [sum(1 for sub in subs if held.get(sub.ws.local_address[1]) == pid) for pid in first]
            assert sum(by_worker) == 24 and min(by_worker) > 0, by_worker
            # Whichever worker takes the send, it reaches the subscribers of both.
            await send_to_all(client, tenant, 24, subs)

            # Both have served: a worker killed now is replaced, and the server keeps serving.
            os.kill(first[0], signal.SIGKILL)
            await until(lambda: first[0] not in workers_of(server) and len(workers_of(server)) == 2, WAIT)
            await until(lambda: processes.listening(server.port) == 2, WAIT)
            assert server.process.poll() is None
            alive = [sub for sub in subs if held.get(sub.ws.local_address[1]) == first[1]]
            more = await open_subscriptions(stack, server, client, tenant, range(24, 32))
            await send_to_all(client, tenant, 32, alive + more)
    finally:
        server.stop()


async def test_a_worker_replaced_while_redis_is_down_starts_without_it_and_the_server_keeps_serving(
    server_env: dict[str, str], redis_server: RedisServer, logs_dir: Path, http: httpx.AsyncClient
) -> None:
    server = await serve_workers({**server_env, "BROADCAST_URL": redis_server.url}, logs_dir)
    try:
        first = workers_of(server)
        client = GraphQLClient(server.url, http)
        tenant = unique("tenant")
        async with AsyncExitStack() as stack:
            subs = await open_subscriptions(stack, server, client, tenant, range(16))
            await send_to_all(client, tenant, 16, subs)
            held = processes.holders(server.port, first)
            survivor, killed = first[0], first[1]
            alive = [sub for sub in subs if held.get(sub.ws.local_address[1]) == survivor]
            assert alive, held

            redis_server.kill()
            await until(lambda: server.log().count("Redis pub/sub connection lost") == 2, WAIT)
            os.kill(killed, signal.SIGKILL)
            # Replaced, and the replacement serves (listens) although Redis is still down; nothing else stopped.
            await until(lambda: killed not in workers_of(server) and len(workers_of(server)) == 2, WAIT)
            await until(lambda: processes.listening(server.port) == 2, WAIT)
            assert server.process.poll() is None
            assert survivor in workers_of(server)
            assert "unreachable at start-up" in server.log()
            ready = await http.get(server.base("/health/ready"))
            assert (ready.status_code, ready.json()["broadcast"]) == (503, "unreachable")

            # Sends are stored meanwhile; when Redis is back the survivor's subscriptions catch up on them, and
            # new ones, on either worker, the replacement included, hear what is sent next.
            title = unique("during")
            admin = token("admin", tenant, "admin")
            sent = await client.data(SEND_TENANT, {"input": {"title": title, "message": "m"}}, token=admin)
            assert sent["sendTenantNotification"]["delivered"] == 16
            redis_server.start()
            for sub in alive:
                assert (await sub.next_data(WAIT))["notificationAdded"]["title"] == title
            more = await open_subscriptions(stack, server, client, tenant, range(16, 40))
            now = workers_of(server)
            on = processes.holders(server.port, now)
            assert {on.get(sub.ws.local_address[1]) for sub in more} == set(now), (on, now)
            await send_to_all(client, tenant, 40, alive + more)
        assert server.process.poll() is None
    finally:
        server.stop()


def test_serve_refuses_to_start_without_its_redis(server_env: dict[str, str]) -> None:
    """Unreachable at start, Redis is most likely misconfigured: `serve` says so and stops, printing no secret."""
    url = f"redis://:not-to-be-printed@127.0.0.1:{free_port()}/0"
    for workers in ("1", "2"):
        run = run_serve({**server_env, "BROADCAST_URL": url}, "--port", str(free_port()), "--workers", workers)
        assert run.returncode == 1, run.stderr[-3000:]
        assert "Redis (BROADCAST_URL) is unreachable" in run.stderr, run.stderr[-3000:]
        assert "not-to-be-printed" not in run.stderr + run.stdout


async def test_sigterm_stops_every_worker_and_says_going_away(
    server_env: dict[str, str], logs_dir: Path, http: httpx.AsyncClient
) -> None:
    server = await serve_workers(server_env, logs_dir)
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
        assert not any(processes.is_worker(pid) for pid in workers)
    finally:
        server.stop()


async def test_workers_die_with_the_supervisor(server_env: dict[str, str], logs_dir: Path) -> None:
    """A supervisor killed outright (SIGKILL: no chance to stop them) takes its workers with it: left behind, they
    would keep serving on the shared port beside any new server."""
    server = await serve_workers(server_env, logs_dir)
    workers = workers_of(server)
    try:
        server.process.kill()
        server.process.wait(WAIT)
        await until(lambda: not any(processes.is_worker(pid) for pid in workers), WAIT)
        await until(lambda: processes.listening(server.port) == 0, WAIT)
    finally:
        server.stop()


def run_serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "main.py", "serve", *args]
    return subprocess.run(command, cwd=ROOT, env=server_environment(env), capture_output=True, text=True, timeout=WAIT)


def test_a_port_in_use_is_refused(server_env: dict[str, str]) -> None:
    """Anything listening on the port, with SO_REUSEPORT or not (another server, workers of a killed one), would
    share its connections: the server refuses to start rather than serve beside it."""
    for shared in (False, True):
        with socket.socket() as taken:
            if shared:
                taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            run = run_serve(server_env, "--port", str(taken.getsockname()[1]), "--workers", "2")
        assert run.returncode == 1, run.stderr[-3000:]
        assert "cannot listen on 127.0.0.1 port" in run.stderr


def test_a_worker_that_cannot_start_stops_the_server(server_env: dict[str, str]) -> None:
    """Workers that exit before they are ready are not restarted forever: the server stops, with exit code 1."""
    script = (
        "import sys; from serving import UVICORN_OPTIONS, Workers; "
        f"sys.exit(Workers('127.0.0.1', {free_port()}, 2, UVICORN_OPTIONS, app='tests.no_such_module:app').run())"
    )
    env = server_environment(server_env)
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=WAIT
    )
    assert run.returncode == 1, run.stderr[-3000:]
    assert "before it was ready: stopping" in run.stderr


def test_workers_need_a_shared_broadcast(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}", "JWT_SECRET": "x" * 32}
    run = run_serve(env, "--port", str(free_port()), "--workers", "2")
    assert run.returncode != 0
    assert "--workers above 1 needs a shared BROADCAST_URL" in run.stderr
    assert not (tmp_path / "db.sqlite").exists()  # refused before migrating
