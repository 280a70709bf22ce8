"""The load client: N graphql-transport-ws subscriptions held from one process, timing every delivery.

Each notification carries its send time in `metadata.t` (epoch seconds); a delivery's latency is its arrival
time minus that. Frames are not fully parsed (the client must stay cheaper than the servers it measures).
"""

from __future__ import annotations

import asyncio
import re
import time
from contextlib import suppress
from dataclasses import dataclass, field

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

SUBPROTOCOL = Subprotocol("graphql-transport-ws")
SENT_AT = re.compile(rb'"t":\s*([0-9.]+)')
RUN_TAG = re.compile(rb'"run":\s*"([^"]*)"')


@dataclass
class Tally:
    received: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    last_arrival: float = 0.0


class Swarm:
    def __init__(self, ws_url: str, query: str) -> None:
        self.ws_url = ws_url
        self.query = query
        self.connections: list[ClientConnection] = []
        self.readers: list[asyncio.Task[None]] = []
        self.tallies: dict[str, Tally] = {}
        self.closed_early = 0

    def tally(self, run: str) -> Tally:
        return self.tallies.setdefault(run, Tally())

    async def open(self, tokens: list[str], concurrency: int = 200) -> None:
        gate = asyncio.Semaphore(concurrency)

        async def one(token: str) -> None:
            async with gate:
                ws = await connect(
                    self.ws_url,
                    subprotocols=[SUBPROTOCOL],
                    compression=None,
                    ping_interval=None,
                    max_queue=None,
                    open_timeout=60,
                )
                await ws.send(
                    orjson.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}).decode()
                )
                ack = await asyncio.wait_for(ws.recv(), 60)
                if b"connection_ack" not in (ack.encode() if isinstance(ack, str) else ack):
                    raise RuntimeError(f"not acknowledged: {ack!r}")
                await ws.send(orjson.dumps({"id": "1", "type": "subscribe", "payload": {"query": self.query}}).decode())
                self.connections.append(ws)
                self.readers.append(asyncio.create_task(self._read(ws)))

        await asyncio.gather(*(one(t) for t in tokens))

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                now = time.time()
                data = frame.encode() if isinstance(frame, str) else frame
                if b'"type":"ping"' in data:
                    await ws.send('{"type":"pong"}')
                    continue
                if b'"type":"next"' not in data:
                    continue
                tag = RUN_TAG.search(data)
                tally = self.tally(tag.group(1).decode() if tag else "")
                tally.received += 1
                tally.last_arrival = now
                sent = SENT_AT.search(data)
                if sent:
                    tally.latencies_ms.append((now - float(sent.group(1))) * 1000)
        except ConnectionClosed:
            self.closed_early += 1

    async def wait_for(self, run: str, expected: int, within: float) -> Tally:
        deadline = time.monotonic() + within
        tally = self.tally(run)
        while tally.received < expected and time.monotonic() < deadline:  # noqa: ASYNC110 (polled, cheap)
            await asyncio.sleep(0.01)
        return tally

    async def close(self) -> None:
        for reader in self.readers:
            reader.cancel()
        for ws in self.connections:
            with suppress(Exception):
                await ws.close()
        self.connections.clear()
        self.readers.clear()


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)
