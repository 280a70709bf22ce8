"""The load client: N graphql-transport-ws subscriptions held from one process, timing every delivery.

Each notification carries its send time in `metadata.t` (epoch seconds); a delivery's latency is its arrival
time minus that. The client shares the machine's two cores with the servers it measures, so it must cost far less
per delivery than they do: each connection is a bare asyncio protocol that parses server frames in
`data_received` (no task, no queue, no message object per frame). A delivery is only noted there (its arrival
time and where it lies in the read); its run and send time are read afterwards, when its tally is asked for and
could be complete (`Swarm.tally`), so that during a burst the client spends as little Python per delivery as it
can (BENCHMARKS.md, *Changes that moved a number*). With the `websockets` client this took about as much CPU per
delivery as a server, and capped what either could show; `bench.run` runs it on uvloop, whose transports cost
less per read than asyncio's.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import struct
import time
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
import orjson

SUBPROTOCOL = "graphql-transport-ws"
SENT_AT = re.compile(rb'"t":\s*([0-9.]+)')
RUN_TAG = re.compile(rb'"run":\s*"([^"]*)"')
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


@dataclass
class Tally:
    received: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    last_arrival: float = 0.0


def client_frame(opcode: int, payload: bytes) -> bytes:
    """A masked frame, as a client must send (RFC 6455 5.3)."""
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    key = int.from_bytes((mask * (length // 4 + 1))[:length], "big")
    masked = (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big")
    return header + mask + masked


class _Connection(asyncio.Protocol):
    def __init__(self, swarm: Swarm, request: bytes) -> None:
        self.swarm = swarm
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.upgraded = False
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.acked: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closing = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports have asyncio.Transport's methods without subclassing it.
        self.transport = cast(asyncio.Transport, transport)
        self.transport.write(self.request)

    def connection_lost(self, exc: Exception | None) -> None:
        for waiter in (self.opened, self.acked):
            if not waiter.done():
                waiter.set_exception(ConnectionError("closed before the handshake"))
                waiter.exception()  # reported by whoever awaits it, if anyone still does
        if not self.closing:
            self.swarm.closed_early += 1

    def send(self, text: bytes, opcode: int = TEXT) -> None:
        assert self.transport is not None
        self.transport.write(client_frame(opcode, text))

    def data_received(self, data: bytes) -> None:
        if self.buffer:  # the rest of a frame split across reads
            self.buffer += data
            data = bytes(self.buffer)
            self.buffer.clear()
        if not self.upgraded:
            end = data.find(b"\r\n\r\n")
            if end < 0:
                self.buffer += data
                return
            status = data[: data.find(b"\r\n")]
            data = data[end + 4 :]
            if b" 101 " not in status:
                self.opened.set_exception(ConnectionError(status.decode(errors="replace")))
                return
            self.upgraded = True
            self.opened.set_result(None)
        now = time.time()  # every frame of one read arrived together
        arrivals = self.swarm.arrivals
        # Frames are read in place (a pattern searches between two offsets): no copy of each payload.
        start, size = 0, len(data)
        while size - start >= 2:
            opcode, length = data[start] & 0x0F, data[start + 1] & 0x7F
            offset = start + 2
            if length == 126:
                if size - start < 4:
                    break
                (length,) = struct.unpack_from("!H", data, offset)
                offset += 2
            elif length == 127:
                if size - start < 10:
                    break
                (length,) = struct.unpack_from("!Q", data, offset)
                offset += 8
            end = offset + length
            if end > size:
                break
            if opcode == TEXT and data.find(b'"type":"next"', offset, end) >= 0:
                arrivals.append((now, data, offset, end))
            else:
                self.frame(opcode, data[offset:end])
            start = end
        if start < size:
            self.buffer += data[start:]

    def frame(self, opcode: int, payload: bytes) -> None:
        """A frame other than a delivery."""
        if opcode == PING:
            self.send(payload, PONG)
        elif opcode == CLOSE:
            if self.transport is not None:
                self.transport.close()
        elif opcode == TEXT:
            if b'"type":"ping"' in payload:
                self.send(b'{"type":"pong"}')
            elif b'"type":"connection_ack"' in payload and not self.acked.done():
                self.acked.set_result(None)

    def close(self) -> None:
        self.closing = True
        if self.transport is not None and not self.transport.is_closing():
            with suppress(Exception):
                self.send(struct.pack("!H", 1000), CLOSE)
            self.transport.close()


class Swarm:
    def __init__(self, ws_url: str, query: str, *also: str) -> None:
        """Each connection subscribes to `query`, whose deliveries are timed, and to each of `also` (as a bell
        subscribes to its count too), whose messages are tallied under the run "" (they carry no run)."""
        self.ws_url = ws_url
        self.query = query
        self.also = also
        self.connections: list[_Connection] = []
        self.tallies: dict[str, Tally] = {}
        # Deliveries not counted yet: (arrival time, the read, where the frame starts and ends in it).
        self.arrivals: list[tuple[float, bytes, int, int]] = []
        self.closed_early = 0

    def tally(self, run: str) -> Tally:
        """Every delivery of `run` so far."""
        self._count()
        return self._tally(run)

    def forget(self, run: str) -> None:
        """Let go of the deliveries of `run` so far: the next tally of it starts from none."""
        self._count()
        self.tallies.pop(run, None)

    def _tally(self, run: str) -> Tally:
        tally = self.tallies.get(run)
        if tally is None:
            tally = self.tallies[run] = Tally()
        return tally

    def _count(self) -> None:
        """Read the run and send time of the deliveries noted since the last count, into their tallies."""
        arrivals, self.arrivals = self.arrivals, []
        for now, data, start, end in arrivals:
            tag = RUN_TAG.search(data, start, end)
            tally = self._tally(tag.group(1).decode() if tag else "")
            tally.received += 1
            tally.last_arrival = max(tally.last_arrival, now)
            sent = SENT_AT.search(data, start, end)
            if sent:
                tally.latencies_ms.append((now - float(sent.group(1))) * 1000)

    async def open(self, tokens: list[str], concurrency: int = 200, *, silent: bool = False) -> None:
        """A connection for each of `tokens`, subscribed; `silent`: opened only, never sending connection_init."""
        url = urlsplit(self.ws_url)
        host, port = url.hostname or "127.0.0.1", url.port or 80
        gate = asyncio.Semaphore(concurrency)
        loop = asyncio.get_running_loop()
        subscribe = [
            orjson.dumps({"id": str(i), "type": "subscribe", "payload": {"query": query}})
            for i, query in enumerate((self.query, *self.also), 1)
        ]

        async def one(token: str) -> None:
            key = base64.b64encode(os.urandom(16)).decode()
            request = (
                f"GET {url.path or '/'} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                f"Sec-WebSocket-Protocol: {SUBPROTOCOL}\r\n\r\n"
            ).encode()
            async with gate:
                _, connection = await loop.create_connection(lambda: _Connection(self, request), host, port)
                self.connections.append(connection)
                await asyncio.wait_for(connection.opened, 60)
                if silent:
                    return
                init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
                connection.send(orjson.dumps(init))
                await asyncio.wait_for(connection.acked, 60)
                for message in subscribe:
                    connection.send(message)

        await asyncio.gather(*(one(t) for t in tokens))

    async def wait_for(self, run: str, expected: int, within: float) -> Tally:
        deadline = time.monotonic() + within
        tally = self.tally(run)
        while tally.received < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
            # Counted only once enough have come, of any run, for `run` to be complete: not during a burst.
            if tally.received + len(self.arrivals) >= expected:
                self._count()
        return self.tally(run)

    async def close(self) -> None:
        for connection in self.connections:
            connection.close()
        self.connections.clear()
        await asyncio.sleep(0)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


async def bystander(client: httpx.AsyncClient, url: str, token: str, seconds: float) -> dict[str, Any]:
    """A bystander asking its `unreadCount` one request after another for `seconds` (`token` is the whole
    Authorization value): its answered requests' latency, and how many failed."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            response = await client.post(url, json={"query": "{ unreadCount }"}, headers={"authorization": token})
            failed = response.status_code != 200 or "errors" in response.json()
        except httpx.HTTPError:
            failed = True
        if failed:
            errors += 1
        else:
            latencies.append((time.perf_counter() - started) * 1000)
    return {
        "requests": len(latencies),
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "errors": errors,
    }
