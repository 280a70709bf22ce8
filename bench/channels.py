"""Delivery beyond the inbox, in this process against servers of the benchmark's own (BENCHMARKS.md, *Channels*):

- `channel_send`: a tenant send to N users whose tenant turns email on, with the email channel configured (one more
  row, for the channel, in the send's statement) and without, alternating, on the same tenant; then the time a
  worker's expansion of one such send into its N rows takes (`models.delivery.expand`).
- `email_drain`: N emails drained by the outbox worker to an aiosmtpd sink in a process of its own, against a bare
  aiosmtplib loop sending the same messages (composed beforehand) over the same number of connections (one).
- `webhook_drain`: N webhooks drained to a keep-alive receiver (uvicorn, `bench/receiver.py`), against bare loops
  posting bodies of the same size with httpx and with aiohttp, one at a time and several (`BARE_CLIENTS`); the
  ratio is to the fastest of them, and to the fastest httpx one.

The worker is driven as its loop drives it while rows are due (`Worker.work_while_due`).
"""

from __future__ import annotations

import asyncio
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import aiosmtplib
import httpx
import orjson
from sqlalchemy import delete, func, select

import channels
from channels.email import compose
from models import delivery
from models.message import Message
from models.outbox import Claimed, Delivery, Fanout
from models.preference import Timing
from services import sending, webhooks
from services.auth import Principal
from services.errors import Unavailable
from services.runtime import Runtime, open_runtime
from services.worker import Worker
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SECRET = secrets.token_hex(32)
Seed = Callable[..., Awaitable[None]]


def _settings(database_url: str, **given: Any) -> Settings:
    return Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=SECRET, **given)


async def _tenant(seed: Seed, n: int, *, email: bool) -> str:
    """A tenant of `n` users with email addresses; its default turns email on for every priority if `email`."""
    tenant = f"bench-{secrets.token_hex(4)}"
    statements: list[tuple[Any, ...]] = [
        (
            "INSERT INTO users (tenant_id, external_id, email, created_at) "
            "SELECT $1, 'u' || g, 'u' || g || '@example.com', now() FROM generate_series(0, $2 - 1) g",
            tenant,
            n,
        )
    ]
    if email:
        statements.append(
            (
                "INSERT INTO tenant_preferences (tenant_id, email, email_min_priority, updated_at) "
                "VALUES ($1, true, 0, now())",
                tenant,
            )
        )
    await seed(*statements)
    return tenant


async def _send(runtime: Runtime, tenant: str, title: str = "Benchmark") -> tuple[float, int]:
    started = time.perf_counter()
    result = await sending.send_tenant_notification(runtime, tenant=tenant, title=title, message="m" * 200)
    return time.perf_counter() - started, result.notification.id


async def channel_send(database_url: str, seed: Seed, n: int, rounds: int) -> dict[str, Any]:
    tenant = await _tenant(seed, n, email=True)
    with_email = _settings(database_url, channels="email", smtp_url="smtp://127.0.0.1:9")  # no worker: never used
    without = _settings(database_url)
    timings: dict[str, list[float]] = {"email_on": [], "email_off": []}
    async with open_runtime(with_email) as on, open_runtime(without) as off:
        runtimes = {"email_on": on, "email_off": off}
        for runtime in runtimes.values():
            await _send(runtime, tenant, "warm-up")
        for i in range(rounds):
            for name in sorted(runtimes, reverse=i % 2 == 1):  # alternating which goes first
                elapsed, _ = await _send(runtimes[name], tenant)
                timings[name].append(elapsed)
        async with on.transaction() as session:
            fanouts = (await session.execute(select(func.count()).select_from(Fanout))).scalar_one()
        # What the sends left to a worker: each send's rows written by its expansion, a transaction each.
        expansions = []
        while True:
            started = time.perf_counter()
            async with on.transaction() as session:
                if await delivery.expand(session, {"email": channels.channel_class("email").reach}) is None:
                    break
            expansions.append(time.perf_counter() - started)
        async with on.transaction() as session:
            outboxed = (await session.execute(select(func.count()).select_from(Delivery))).scalar_one()
            # Left pending, they would be the next drain's to send as well.
            await session.execute(delete(Delivery))
    on_ms, off_ms = (statistics.median(timings[name]) * 1000 for name in ("email_on", "email_off"))
    return {
        "scenario": "channel_send",
        "n": n,
        "rounds": rounds,
        "email_on_ms": round(on_ms, 1),
        "email_off_ms": round(off_ms, 1),
        "all_ms": {name: [round(t * 1000, 1) for t in values] for name, values in timings.items()},
        "fanout_rows": fanouts,
        "outbox_rows": outboxed,
        "expand_ms": round(statistics.median(expansions) * 1000, 1),
        "ratio": round(on_ms / off_ms, 3),
    }


@contextmanager
def _process(command: list[str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{command[2]} did not start: {log.read_text()[-2000:]}") from None
                time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        process.wait(10)


async def _drain(runtime: Runtime, settings: Settings, message_id: int, n: int) -> float:
    """Seconds the worker takes to send the `n` deliveries of `message_id`, all of which must end sent."""
    opened = channels.opened(settings)
    worker = Worker(runtime, opened)
    try:
        started = time.perf_counter()
        while True:
            try:
                if not await worker.work_while_due():
                    break
            except Unavailable:  # a statement timed out on a loaded host: as the worker's loop, go on
                continue
        elapsed = time.perf_counter() - started
    finally:
        for channel in opened.values():
            await channel.aclose()
    async with runtime.transaction() as session:
        sent = (
            await session.execute(
                select(func.count()).where(Delivery.message_id == message_id, Delivery.status == "sent")
            )
        ).scalar_one()
    if sent != n:
        raise RuntimeError(f"{sent} of {n} deliveries sent")
    return elapsed


async def email_drain(
    database_url: str, seed: Seed, n: int, rounds: int, free_port: Callable[[], int]
) -> dict[str, Any]:
    port = free_port()
    settings = _settings(database_url, channels="email", smtp_url=f"smtp://127.0.0.1:{port}")
    sink = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"]
    service: list[float] = []
    bare: list[float] = []
    with _process(sink, port, Path(f"/tmp/bench-smtp-{port}.log")):
        async with open_runtime(settings) as runtime:
            for _ in range(rounds):
                tenant = await _tenant(seed, n, email=True)
                _, message_id = await _send(runtime, tenant)
                bare.append(await _bare_smtp(port, _messages(n, message_id, tenant, settings.email_from)))
                service.append(await _drain(runtime, settings, message_id, n))
    return _compared("email_drain", n, rounds, service, bare, connections=1)


def _messages(n: int, message_id: int, tenant: str, sender: str) -> list[Any]:
    """The emails the worker sends for a tenant send, composed as it composes them."""
    message = Message(id=message_id, tenant_id=tenant, title="Benchmark", body="m" * 200, type="system", priority=1)
    timing = Timing("UTC", None, "off")
    return [
        compose(Claimed(i, "email", 1, tenant, f"u{i}", f"u{i}@example.com", None, message, i, timing), sender, None)
        for i in range(n)
    ]


async def _bare_smtp(port: int, messages: list[Any]) -> float:
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port)
    started = time.perf_counter()
    await client.connect()
    for email in messages:
        await client.send_message(email)
    await client.quit()
    return time.perf_counter() - started


async def webhook_drain(
    database_url: str, seed: Seed, n: int, rounds: int, free_port: Callable[[], int]
) -> dict[str, Any]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    # The receiver is on loopback, which endpoints may only name with WEBHOOK_ALLOW_PRIVATE.
    settings = _settings(database_url, channels="webhook", webhooks=True, webhook_allow_private=True)
    receiver = [
        sys.executable, "-m", "uvicorn", "bench.receiver:app", "--port", str(port),
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    service: list[float] = []
    bare: dict[str, list[float]] = {f"{client}_{c}": [] for client, c in BARE_CLIENTS}
    with _process(receiver, port, Path(f"/tmp/bench-receiver-{port}.log")):
        async with open_runtime(settings) as runtime:
            for _ in range(rounds):
                tenant = await _tenant(seed, n, email=False)
                await webhooks.create(runtime, Principal("bench", tenant, frozenset({"admin"})), None, url)
                _, message_id = await _send(runtime, tenant)
                for client, concurrency in BARE_CLIENTS:
                    posts = min(n, HTTPX_POSTS) if client == "httpx" else n
                    rate = posts / await _bare_http(url, posts, client, concurrency)
                    bare[f"{client}_{concurrency}"].append(n / rate)  # as seconds for n
                service.append(await _drain(runtime, settings, message_id, n))
    best = min(bare, key=lambda name: min(bare[name]))
    httpx_best = min((name for name in bare if name.startswith("httpx")), key=lambda name: min(bare[name]))
    return _compared(
        "webhook_drain",
        n,
        rounds,
        service,
        bare[best],
        bare_best=best,
        bare_all_per_s={name: [round(n / t) for t in times] for name, times in bare.items()},
        ratio_to_best_httpx=round(min(bare[httpx_best]) / min(service), 3),
        best_httpx=httpx_best,
        batch=settings.delivery_batch,
    )


# The bare loops the webhook drain is compared with: each client at each concurrency, in the same run. httpx's
# loops post at most HTTPX_POSTS (a rate, measured in a fraction of the time its 10,000 would take).
BARE_CLIENTS = (("httpx", 1), ("httpx", 50), ("aiohttp", 1), ("aiohttp", 50))
HTTPX_POSTS = 2_000


async def _bare_http(url: str, n: int, client: str, concurrency: int) -> float:
    """`n` POSTs of a webhook's size over keep-alive connections, `concurrency` in flight at a time."""
    body = orjson.dumps({"type": "notification.created", "data": {"title": "Benchmark", "message": "m" * 200}})
    headers = {"content-type": "application/json", "webhook-id": "dlv_1", "webhook-signature": "v1," + "x" * 44}
    gate = asyncio.Semaphore(concurrency)
    if client == "httpx":
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(timeout=15, limits=limits) as http:

            async def post() -> None:
                async with gate:
                    assert (await http.post(url, content=body, headers=headers)).status_code == 204

            started = time.perf_counter()
            await asyncio.gather(*(post() for _ in range(n)))
            return time.perf_counter() - started
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def send() -> None:
            async with gate, session.post(url, data=body, headers=headers, allow_redirects=False) as response:
                await response.read()
                assert response.status == 204

        started = time.perf_counter()
        await asyncio.gather(*(send() for _ in range(n)))
        return time.perf_counter() - started


def _compared(
    scenario: str, n: int, rounds: int, service: list[float], bare: list[float], **extra: Any
) -> dict[str, Any]:
    best_service, best_bare = n / min(service), n / min(bare)
    return {
        "scenario": scenario,
        "n": n,
        "rounds": rounds,
        **extra,
        "service_per_s": round(best_service),
        "bare_per_s": round(best_bare),
        "all_service_per_s": [round(n / t) for t in service],
        "all_bare_per_s": [round(n / t) for t in bare],
        "ratio": round(best_service / best_bare, 3),
    }
