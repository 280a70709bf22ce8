"""Connections that never finish, against the real server (`python main.py serve`) with small limits: silent ones,
dripping headers or bodies, idle kept-alive ones, and too many from one address. Each is closed (or refused), the
server keeps answering everyone else, and the limit being hit is logged.

Nothing here asserts a duration: deadlines only keep a broken test from hanging.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
import pytest
import websockets

from tests.support import MAIN, Server, start_server, subscription, throwaway, token, unique

pytestmark = pytest.mark.slow  # throwaway servers with connection limits, and timeouts waited out

WAIT = 30.0  # hang guard; never a timing requirement
OTHER_ADDRESS = "127.0.0.2"  # another client address on the loopback interface (Linux routes all of 127/8 there)
HEADERS_LOGGED = "did not arrive within HEADERS_TIMEOUT_SECONDS"
BODY_LOGGED = "did not arrive within BODY_TIMEOUT_SECONDS"
REFUSED_LOGGED = "refused a connection over MAX_CONNECTIONS_PER_ADDRESS"
PROTOCOL = websockets.Subprotocol("graphql-transport-ws")
LIVE = b"GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n"


@pytest.fixture
def server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """Short read deadlines."""
    limits = {"HEADERS_TIMEOUT_SECONDS": "1", "BODY_TIMEOUT_SECONDS": "1", "KEEP_ALIVE_TIMEOUT_SECONDS": "1"}
    with throwaway(server_env, logs_dir, **limits) as running:
        yield running


@pytest.fixture
def capped(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """A cap of 3 connections per address, and deadlines long enough not to close the ones a test holds."""
    limits = {"MAX_CONNECTIONS_PER_ADDRESS": "3", "HEADERS_TIMEOUT_SECONDS": "3600"}
    with throwaway(server_env, logs_dir, **limits) as running:
        yield running


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@asynccontextmanager
async def connect(server: Server, address: str = "127.0.0.1") -> AsyncIterator[Connection]:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port, local_addr=(address, 0))
    try:
        yield reader, writer
    finally:
        writer.close()


async def closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (fails if it never does)."""
    try:
        return await asyncio.wait_for(reader.read(), WAIT)
    except ConnectionResetError:
        return b""
    except TimeoutError:
        raise AssertionError(f"the server did not close the connection within {WAIT} s") from None


async def response(reader: asyncio.StreamReader) -> bytes:
    """One response to a `LIVE` request (its status line and headers, then the body's known length)."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
    lines = head.lower().split(b"\r\n")
    length = next(int(line.split(b":")[1]) for line in lines if line.startswith(b"content-length"))
    return head + await asyncio.wait_for(reader.readexactly(length), WAIT)


async def drip(connection: Connection, first: bytes) -> None:
    """Send `first`, then one more header line at a time, until the server closes the connection."""
    reader, writer = connection
    writer.write(first)
    end = time.monotonic() + WAIT
    line = 0
    while True:
        assert time.monotonic() < end, f"still open after {line} header lines"
        try:
            writer.write(f"X-Drip-{line}: {line}\r\n".encode())
            await writer.drain()
            if await asyncio.wait_for(reader.read(1024), 0.2) == b"":
                return
        except TimeoutError:
            line += 1  # the pace of the drip
        except ConnectionError:
            return


async def until_logged(server: Server, text: str) -> None:
    end = time.monotonic() + WAIT
    while text not in server.log():
        assert time.monotonic() < end, f"{text!r} not logged: {server.log()[-2000:]}"
        await asyncio.sleep(0.05)


async def test_connections_that_send_nothing_are_closed_and_others_are_served(server: Server) -> None:
    async with AsyncExitStack() as stack:
        silent = [await stack.enter_async_context(connect(server)) for _ in range(3)]
        for reader, _ in silent:
            assert await closed_by_server(reader) == b""
    await until_logged(server, HEADERS_LOGGED)
    async with httpx.AsyncClient(timeout=WAIT) as http:
        assert (await http.get(server.base("/health/live"))).status_code == 200


async def test_headers_dripped_a_line_at_a_time_are_cut_off(server: Server) -> None:
    async with connect(server) as connection:
        await drip(connection, b"POST /graphql HTTP/1.1\r\nHost: test\r\n")
    await until_logged(server, HEADERS_LOGGED)


async def test_a_body_that_never_arrives_is_cut_off(server: Server) -> None:
    async with connect(server) as (reader, writer):
        headers = b"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
        writer.write(headers + b'\r\n{"query": ')
        await closed_by_server(reader)
    await until_logged(server, BODY_LOGGED)


async def test_an_idle_kept_alive_connection_is_closed_and_so_is_a_slow_next_request(server: Server) -> None:
    async with connect(server) as (reader, writer):
        writer.write(LIVE)
        assert (await response(reader)).startswith(b"HTTP/1.1 200")
        assert await closed_by_server(reader) == b""  # idle after its response
    async with connect(server) as connection:
        connection[1].write(LIVE)
        assert (await response(connection[0])).startswith(b"HTTP/1.1 200")
        # The next request's headers must arrive in time too, however the first one went.
        await drip(connection, b"GET /health/live HTTP/1.1\r\n")


async def test_connections_over_the_cap_of_one_address_are_refused_while_others_are_served(capped: Server) -> None:
    async with AsyncExitStack() as stack:
        # Three from the other address: two plain connections and a websocket (counted until it closes).
        for _ in range(2):
            await stack.enter_async_context(connect(capped, OTHER_ADDRESS))
        sock = socket.create_connection(("127.0.0.1", capped.port), source_address=(OTHER_ADDRESS, 0))
        ws = await stack.enter_async_context(websockets.connect(capped.ws_url, sock=sock, subprotocols=[PROTOCOL]))
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token(unique('u'), unique('t'))}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"

        # The fourth is refused at once, without a response.
        async with connect(capped, OTHER_ADDRESS) as (reader, writer):
            writer.write(LIVE)
            assert await closed_by_server(reader) == b""
        await until_logged(capped, REFUSED_LOGGED)

        # Everyone else is served meanwhile.
        async with httpx.AsyncClient(timeout=WAIT) as http:
            assert (await http.get(capped.base("/health/live"))).status_code == 200

        # A websocket's place is given back when it closes: a connection from that address is served again (once
        # the server has seen the close, which may come just after the client's).
        await ws.close()
        end = time.monotonic() + WAIT
        while True:
            async with connect(capped, OTHER_ADDRESS) as (reader, writer):
                writer.write(LIVE)
                try:
                    served = await response(reader)
                except (asyncio.IncompleteReadError, ConnectionResetError):
                    assert time.monotonic() < end, "the websocket's place was never given back"
                    continue
            assert served.startswith(b"HTTP/1.1 200")
            break


async def test_a_flood_of_silent_connections_under_a_small_descriptor_limit_leaves_others_served(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    # The hard limit too, so that `serve` cannot raise it: each address gets a quarter of the descriptors by default.
    command = ("prlimit", "--nofile=256:256", sys.executable, str(MAIN), "serve", "--port", "{port}")
    server = start_server(server_env, logs_dir, args=(*command, "--log-level", "warning"))
    try:
        async with AsyncExitStack() as stack:
            for _ in range(300):  # more than the process may open
                await stack.enter_async_context(connect(server, OTHER_ADDRESS))
            await until_logged(server, REFUSED_LOGGED)
            async with httpx.AsyncClient(timeout=WAIT) as http:
                for _ in range(3):
                    assert (await http.get(server.base("/health/live"))).status_code == 200
            user, tenant = unique("u"), unique("t")
            async with subscription(server, token(user, tenant)) as sub:
                await sub.subscribe("subscription { unreadCountChanged }")
                assert await sub.next_data(WAIT) == {"unreadCountChanged": 0}
        assert "the file descriptor limit is 256" in server.log()
    finally:
        server.stop()


async def test_headers_over_the_size_limit_are_refused(server: Server) -> None:
    async with connect(server) as (reader, writer):
        writer.write(b"GET /health/live HTTP/1.1\r\nHost: test\r\n")
        for line in range(200):  # 100 KB of headers in all, none of them complete the request
            writer.write(f"X-Filler-{line}: {'a' * 500}\r\n".encode())
        await writer.drain()
        answer = await closed_by_server(reader)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:100]
    await until_logged(server, "refused request headers over MAX_HEADER_BYTES")


async def test_request_lines_are_logged_without_their_query_strings(server_env: dict[str, str], logs_dir: Path) -> None:
    """At info, uvicorn logs each request line with its query string: a mutation sent over GET by mistake (refused,
    and logged with its message) or a token a client puts in the websocket's URL would be in the log."""
    command = (sys.executable, str(MAIN), "serve", "--port", "{port}", "--log-level", "info")
    running = start_server(server_env, logs_dir, args=command)
    try:
        body, bearer = unique("private-message-body"), token(unique("u"), unique("t"))
        mutation = 'mutation { sendNotification(input: {userId: "u", title: "t", message: "%s"}) { delivered } }'
        async with httpx.AsyncClient(timeout=WAIT) as http:
            refused = await http.get(running.url, params={"query": mutation % body})
            assert refused.status_code == 400
        async with websockets.connect(f"{running.ws_url}?token={bearer}", subprotocols=[PROTOCOL]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {bearer}"}}))
            assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"
        await until_logged(running, '"WebSocket /graphql')
        await until_logged(running, '"GET /graphql')
        logged = running.log()
        assert body not in logged and bearer not in logged and bearer[-20:] not in logged
        assert '"WebSocket /graphql"' in logged and '"GET /graphql HTTP/1.1" 400' in logged, "the lines are still there"
    finally:
        running.stop()
