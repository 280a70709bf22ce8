"""What the tests share: throwaway servers on free ports, tokens, and small GraphQL clients over HTTP and websockets."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

import httpx
import redis
import uvicorn
import websockets
from sqlalchemy import event

from main import create_app
from services.auth import issue_token
from services.notification import tenant_channel
from services.runtime import Runtime
from settings import Settings
from tests.forked import Forks
from transport.ws_protocol import PROTOCOL

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
JWT_SECRET = "test-secret-0123456789abcdef0123456789"
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def database_named(name: str) -> str:
    """The SQLAlchemy URL of the database `name` on the tests' PostgreSQL server."""
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"


def redis_channel(settings: Settings, tenant: str) -> str:
    """A tenant's pub/sub channel as it is named on Redis: in the namespace of the deployment `settings` configure."""
    return f"{settings.resolved_broadcast_namespace()}:{tenant_channel(tenant)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unique(prefix: str) -> str:
    """Tenants and users are unique per test, so tests never see each other's data or channels."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@contextmanager
def pooled_at_most(runtime: Runtime) -> Iterator[list[int]]:
    """The most connections of `runtime`'s pool held at once during the block, in the list it yields (one item)."""
    held, most = 0, [0]

    def checkout(*_: object) -> None:
        nonlocal held
        held += 1
        most[0] = max(most[0], held)

    def checkin(*_: object) -> None:
        nonlocal held
        held -= 1

    pool = runtime.engine.sync_engine.pool
    event.listen(pool, "checkout", checkout)
    event.listen(pool, "checkin", checkin)
    try:
        yield most
    finally:
        event.remove(pool, "checkout", checkout)
        event.remove(pool, "checkin", checkin)


def token(user: str, tenant: str, *roles: str, ttl: int = 3600, secret: str = JWT_SECRET) -> str:
    return issue_token(secret, user=user, tenant=tenant, roles=list(roles), ttl=ttl)


IN_PROCESS = "http://service"  # the base URL of an app called in this process


@contextmanager
def serving_in_thread(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """`server` (a stand-in for a webhook receiver, a key set, a misbehaving API) answering from a thread until the
    block ends. Its loop looks for the shutdown every 20 ms: at `serve_forever`'s default, each stop waited 0.5 s."""
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def own_collector() -> Iterator[Callable[[], None]]:
    """An app's start-up tunes this process's collector for a server (lifecycle.collect_less): the test process gets
    its own back at the end, or sooner through the function this yields."""
    threshold = gc.get_threshold()

    def give_back() -> None:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.enable()

    try:
        yield give_back
    finally:
        give_back()


@asynccontextmanager
async def in_process(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app `settings` configure, started as a server starts it (lifespan, runtime open), and a client that calls
    it without a socket, through httpx's ASGI transport."""
    app = create_app(settings)
    with own_collector() as give_back:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=IN_PROCESS) as client,
        ):
            give_back()  # at once: the app may stay open for the whole session
            yield client


@asynccontextmanager
async def serving_here(settings: Settings) -> AsyncIterator[str]:
    """The app `settings` configure, served by uvicorn in this process (so that a test can break a piece of it),
    and its websocket URL."""
    app = create_app(settings)
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))  # bound here: no race for a free port
    server = uvicorn.Server(uvicorn.Config(app, ws=PROTOCOL, log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[listening]))
    try:
        while not server.started and not serving.done():  # noqa: ASYNC110 (uvicorn offers nothing to wait on)
            await asyncio.sleep(0.01)
        assert server.started, serving
        yield f"ws://127.0.0.1:{listening.getsockname()[1]}/graphql"
    finally:
        server.should_exit = True
        await serving
        listening.close()


class Process(Protocol):
    """What tests use of a server's process: a `subprocess.Popen`, or a `forked.Forked`."""

    pid: int
    returncode: int | None

    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def send_signal(self, signum: int) -> None: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


# `python main.py ...` servers, forked from a process that has imported the service (`tests.forked`).
FORKS = Forks()


@dataclass
class Server:
    """A real server in its own process: `python main.py serve`, or the command a test gives."""

    port: int
    process: Process
    log_path: Path
    log_from: int = 0  # where `log()` starts: a test that shares the server reads only its own lines

    def logging_from_here(self) -> Server:
        """This server, whose `log()` holds what it logs from now on."""
        return replace(self, log_from=len(self.log()))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def base(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[self.log_from :]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# PostgreSQL's 100 connections are shared by every app a run has open at once: each xdist worker's server, in-process
# app and runtime, the throwaway servers of its tests (and the benchmark smoke's), and other runs on the machine.
TEST_POOL_SIZE = "3"


def server_environment(env: dict[str, str]) -> dict[str, str]:
    """This process's environment without the service's own settings, then `env`'s: a server started with it reads
    only what the test gives it."""
    own = {"DATABASE_URL", "BROADCAST_URL", "BROADCAST_NAMESPACE", "JWT_SECRET", "CORS_ORIGINS", "DATABASE_POOL_SIZE"}
    own |= {"JWT_JWKS_URL", "JWT_ISSUER", "JWT_AUDIENCE", "SEND_RECIPIENTS_PER_SECOND", "RETENTION_DAYS"}
    full_env = {k: v for k, v in os.environ.items() if k not in own}
    full_env["DATABASE_POOL_SIZE"] = TEST_POOL_SIZE
    # A run's clients all come from one address and connect and send far faster than people: limits are the
    # subject of their own tests (test_rate_limits.py), which set them.
    full_env["WEBSOCKET_CONNECTS_PER_SECOND"] = full_env["SEND_REQUESTS_PER_SECOND"] = "0"
    # Nor does a server of a long run purge the run's shared database under other tests (test_retention.py does).
    full_env["RETENTION_INTERVAL_SECONDS"] = "0"
    full_env.update(env)
    full_env["PYTHONPATH"] = str(ROOT)
    return full_env


def start_server(
    env: dict[str, str], log_dir: Path, *, cwd: Path = ROOT, args: tuple[str, ...] = (), port: int | None = None
) -> Server:
    """A server on `port` (a free one if None: give the same one again to restart a stopped server)."""
    port = port or free_port()
    log_path = log_dir / f"server-{port}-{time.monotonic_ns()}.log"
    full_env = server_environment(env)
    # The production entry point by default: the same uvicorn settings (`serving.UVICORN_OPTIONS`) as deployed. It and
    # any other `python main.py ...` are forked from a process that has imported the service (`tests.forked`).
    command = args or (sys.executable, str(MAIN), "serve", "--port", str(port), "--log-level", "warning")
    command = tuple(c.replace("{port}", str(port)) for c in command)
    process: Process
    with log_path.open("wb") as log:
        base = server_environment({})
        if FORKS.applies(command, cwd, full_env, base):
            process = FORKS.start(command, full_env, cwd, log_path, base=base)
        else:
            process = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(port=port, process=process, log_path=log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()}")
        try:
            if httpx.get(server.base("/health/ready"), timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server did not become ready:\n{server.log()}")


@contextmanager
def throwaway(server_env: dict[str, str], logs_dir: Path, **settings: str) -> Iterator[Server]:
    """A server of the test's own, with `settings` on top of `server_env`, stopped at the end."""
    running = start_server(server_env | settings, logs_dir)
    try:
        yield running
    finally:
        running.stop()


class GraphQLClient:
    """GraphQL over HTTP, as a frontend or backend would call it."""

    def __init__(self, url: str, http: httpx.AsyncClient) -> None:
        self.url = url
        self.http = http

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return await self.http.post(self.url, json={"query": query, "variables": variables or {}}, headers=headers)

    async def run(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The response body; asserts the HTTP layer never fails (no 500s, JSON always)."""
        response = await self.raw(query, variables, token=token)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> Any:
        body = await self.run(query, variables, token=token)
        assert not body.get("errors"), body
        return body["data"]

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The single error of a failing call, which must carry a code and no traceback."""
        body = await self.run(query, variables, token=token)
        errors = body.get("errors")
        assert errors, body
        error: dict[str, Any] = errors[0]
        assert "code" in error.get("extensions", {}), error
        assert "Traceback" not in json.dumps(body)
        return error

    async def code(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> str:
        return str((await self.error(query, variables, token=token))["extensions"]["code"])


SEND = """
mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { delivered skipped duplicate notification { id title type priority createdAt } }
}"""
SEND_BULK = """
mutation SendBulk($input: SendBulkNotificationsInput!) {
  sendBulkNotifications(input: $input) { delivered skipped duplicate notification { id title } }
}"""
REGISTER = "mutation Register($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"
SEND_TENANT = """
mutation SendTenant($input: SendTenantNotificationInput!) {
  sendTenantNotification(input: $input) { delivered skipped duplicate notification { id title } }
}"""
LIST = """
query List($first: Int, $after: String, $filter: NotificationFilter) {
  notifications(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node { id type title message priority isRead readAt actionUrl actionText metadata createdAt expiresAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""


class Subscription:
    """One graphql-transport-ws connection, spoken frame by frame so tests can check every message and close code."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws
        self._next_id = 0
        self.pings = 0  # the server's pings answered so far

    async def init(self, payload: dict[str, Any] | None) -> dict[str, Any]:
        await self.ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        return await self.receive()

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        self._next_id += 1
        op_id = str(self._next_id)
        message = {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
        await self.ws.send(json.dumps(message))
        return op_id

    async def receive(self, within: float = 10) -> dict[str, Any]:
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), within)
            message: dict[str, Any] = json.loads(raw)
            if message.get("type") == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
                self.pings += 1
                continue
            return message

    async def next_data(self, within: float = 10) -> dict[str, Any]:
        message = await self.receive(within)
        assert message["type"] == "next", message
        assert not message["payload"].get("errors"), message
        data: dict[str, Any] = message["payload"]["data"]
        return data

    async def nothing_within(self, seconds: float) -> None:
        try:
            message = await asyncio.wait_for(self.receive(), seconds)
        except TimeoutError:
            return
        raise AssertionError(f"expected no message, got {message}")


@asynccontextmanager
async def subscription(server: Server | str, access_token: str | None) -> AsyncIterator[Subscription]:
    """A connection to `server` (or a websocket URL), acknowledged if `access_token` is given."""
    url = server if isinstance(server, str) else server.ws_url
    async with websockets.connect(url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as ws:
        sub = Subscription(ws)
        if access_token is not None:
            ack = await sub.init({"Authorization": f"Bearer {access_token}"})
            assert ack["type"] == "connection_ack", ack
        yield sub


# --- live subscriptions read in the background ------------------------------------------------------------------

STREAM_WAIT = 15.0  # hang guard for one message; never a timing requirement
STREAM_DEADLINE = 30.0  # for a count to reach its value


async def until(condition: Callable[[], bool], within: float = 10) -> None:
    """Until `condition()` holds (state that changes in another task or process), for at most `within` s."""
    end = time.monotonic() + within
    while not condition():
        assert time.monotonic() < end, f"not within {within} s"
        await asyncio.sleep(0.001)


async def count_rises(
    count: Callable[..., Awaitable[int]], previous: int, expected: int, name: str = "count"
) -> list[int]:
    """unreadCountChanged values (`await count(within=seconds)`) after `previous` until `expected`, while only sends
    happen: each a new, higher value, none beyond `expected`. Changes close together may be reported as one (each
    event re-reads the count), so intermediate values may be skipped, but `expected` must arrive before the
    deadline."""
    seen: list[int] = []
    end = time.monotonic() + STREAM_DEADLINE
    while not seen or seen[-1] != expected:
        left = end - time.monotonic()
        assert left > 0, f"{name}: the count never reached {expected}; saw {seen}"
        seen.append(await count(within=left))
        assert previous < seen[-1] <= expected and seen == sorted(set(seen)), f"{name}: {previous}, {seen}"
    return seen


class Stream:
    """One subscription's messages, in arrival order, each with the monotonic time it arrived."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.queue: asyncio.Queue[tuple[dict[str, Any], float]] = asyncio.Queue()

    async def next_at(self, within: float = STREAM_WAIT) -> tuple[dict[str, Any], float]:
        """The next message's data, and when it arrived."""
        try:
            message, at = await asyncio.wait_for(self.queue.get(), within)
        except TimeoutError:
            raise AssertionError(f"{self.name}: nothing arrived within {within} s") from None
        assert message.get("type") == "next", f"{self.name}: {message}"
        assert not message["payload"].get("errors"), f"{self.name}: {message}"
        data: dict[str, Any] = message["payload"]["data"]
        return data, at

    async def next(self, within: float = STREAM_WAIT) -> dict[str, Any]:
        data, _ = await self.next_at(within)
        return data

    async def arrivals(self, count: int) -> list[tuple[dict[str, Any], float]]:
        """The next `count` notifications of a notificationAdded subscription, each with when it arrived."""
        got: list[tuple[dict[str, Any], float]] = []
        for _ in range(count):
            try:
                data, at = await self.next_at()
            except AssertionError as error:
                received = [n["id"] for n, _ in got]
                raise AssertionError(f"{error}; expected {count}, received only {received}") from None
            got.append((data["notificationAdded"], at))
        return got

    async def notifications(self, count: int) -> list[dict[str, Any]]:
        return [n for n, _ in await self.arrivals(count)]

    async def ids(self, count: int) -> list[str]:
        return [n["id"] for n in await self.notifications(count)]

    async def count(self, within: float = STREAM_WAIT) -> int:
        return int((await self.next(within))["unreadCountChanged"])

    async def rises_to(self, previous: int, expected: int) -> list[int]:
        return await count_rises(self.count, previous, expected, self.name)

    async def nothing_within(self, seconds: float) -> None:
        try:
            message, _ = await asyncio.wait_for(self.queue.get(), seconds)
        except TimeoutError:
            return
        raise AssertionError(f"{self.name}: expected nothing, got {message}")


class Tab:
    """One websocket (a browser tab). A background task reads every frame, answers the server's pings, and routes
    each operation's messages to its Stream, so a test can wait on several subscriptions in any order."""

    def __init__(self, sub: Subscription, name: str) -> None:
        self.sub = sub
        self.name = name
        self.streams: dict[str, Stream] = {}
        self.reader = asyncio.create_task(self._read())

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> Stream:
        op_id = await self.sub.subscribe(query, variables)
        stream = Stream(f"{self.name}#{op_id}")
        self.streams[op_id] = stream
        return stream

    async def _read(self) -> None:
        try:
            while True:
                message: dict[str, Any] = json.loads(await self.sub.ws.recv())
                if message.get("type") == "ping":
                    await self.sub.ws.send(json.dumps({"type": "pong"}))
                    continue
                stream = self.streams.get(str(message.get("id")))
                if stream is not None:
                    stream.queue.put_nowait((message, time.monotonic()))
        except websockets.ConnectionClosed as closed:
            for stream in self.streams.values():
                stream.queue.put_nowait(({"type": "closed", "code": closed.rcvd and closed.rcvd.code}, 0.0))


@asynccontextmanager
async def open_tab(server: Server, access_token: str, name: str) -> AsyncIterator[Tab]:
    async with subscription(server, access_token) as sub:
        tab = Tab(sub, name)
        try:
            yield tab
        finally:
            tab.reader.cancel()
            await asyncio.gather(tab.reader, return_exceptions=True)


class RedisServer:
    """A redis-server of the test's own on a free port, which the test may kill and restart on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        try:
            deadline = time.monotonic() + 30
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(f"redis-server exited with {self.process.returncode}")
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    if time.monotonic() > deadline:
                        raise
                time.sleep(0.05)
        finally:
            client.close()

    def pause(self) -> None:
        """Stop the process (SIGSTOP): its sockets stay open and accept connections, and nothing is answered, as a
        Redis that hangs."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait()


class Link:
    """A TCP relay to 127.0.0.1:`target` on a free port of its own, run by a thread of its own (a server process
    started from the test's event loop must reach it while that loop waits), which a test can cut (every connection
    through it closed, new ones refused) and restore: one process's link to a server goes down, not the server."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="link", daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self._thread.start()
        self.restore()

    def restore(self) -> None:
        self._call(self._listen())

    def cut(self) -> None:
        self._call(self._cut())

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _call(self, coroutine: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port, reuse_address=True)

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _relay(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self._writers.update((client_writer, server_writer))

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except OSError:
                pass
            finally:
                writer.transport.abort()
                self._writers.discard(writer)

        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


def _pg_bin() -> Path:
    if "TEST_PG_BIN" in os.environ:
        return Path(os.environ["TEST_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return found[-1] if found else Path("/usr/lib/postgresql/bin")


PG_BIN = _pg_bin()


class PostgresServer:
    """A PostgreSQL cluster of the test's own (initdb into a temporary directory, as the `postgres` user when run as
    root), on a free port, which the test may stop and start again."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.data = directory / "data"
        self.log = directory / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def accepting(self) -> bool:
        command = [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-t", "10"]
        return subprocess.run(command, capture_output=True, timeout=60).returncode == 0

    def restore(self) -> None:
        """Running and accepting connections, whatever state the test before left it in (stopped, shutting down)."""
        if not self.accepting():
            self.stop()
            self.start()

    def stop(self, mode: str = "immediate") -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")


async def send_reaches(sender: Server, listener: Server) -> None:
    """A send through `sender` reaches a subscriber of `listener` (another process: through Redis)."""
    tenant = unique("t")
    user = unique("u")
    admin = token(unique("a"), tenant, "admin")
    async with httpx.AsyncClient(timeout=30) as http, subscription(listener, token(user, tenant)) as sub:
        api = GraphQLClient(sender.url, http)

        async def send(title: str) -> None:
            await api.data(SEND, {"input": {"userId": user, "title": title, "message": "m"}}, token=admin)

        # Subscribed `after` a first notification, the second reaches the subscriber however long it takes to
        # start listening (by catching up if need be); once it has, the last can only come live.
        await send("first")
        page = await GraphQLClient(listener.url, http).data(LIST, {"first": 1}, token=token(user, tenant))
        added = "subscription A($after: String) { notificationAdded(after: $after) { title } }"
        await sub.subscribe(added, {"after": page["notifications"]["edges"][0]["cursor"]})
        await send("started")
        assert (await sub.next_data())["notificationAdded"]["title"] == "started"
        await send("across")
        assert (await sub.next_data())["notificationAdded"]["title"] == "across"
