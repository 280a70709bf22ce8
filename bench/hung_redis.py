"""A hung Redis (stopped with SIGSTOP, its sockets still open) under sends: what a bystander's reads cost meanwhile.

    uv run python -m bench.hung_redis [--senders 20] [--seconds 10]

Starts a throwaway redis-server and `python main.py serve` on it (a database of its own, dropped at the end), then
for each phase (Redis healthy, Redis stopped) runs `--senders` concurrent senders, each to a tenant of its own, and
one bystander of another tenant asking `{ unreadCount }` one request after another. Prints one JSON line a phase:
sends per second, and the bystander's latency. See BENCHMARKS.md, *Reliability*.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.load import bystander
from bench.run import SECRET, create_database, free_port, spawn
from services.auth import issue_token
from tests.support import RedisServer

SEND = "mutation S($input: SendNotificationInput!) { sendNotification(input: $input) { delivered } }"


async def phase(url: str, senders: int, seconds: float) -> dict[str, Any]:
    stop = time.monotonic() + seconds
    sent = failed = 0
    reader = issue_token(SECRET, user="bystander", tenant="bystanders", roles=[], ttl=3600)

    async def sender(http: httpx.AsyncClient, index: int) -> None:
        nonlocal sent, failed
        admin = issue_token(SECRET, user="admin", tenant=f"tenant-{index}", roles=["admin"], ttl=3600)
        variables = {"input": {"userId": "someone", "title": "hello", "message": "m"}}
        while time.monotonic() < stop:
            response = await http.post(
                url, json={"query": SEND, "variables": variables}, headers={"Authorization": f"Bearer {admin}"}
            )
            if response.status_code == 200 and not response.json().get("errors"):
                sent += 1
            else:
                failed += 1

    began = time.monotonic()
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=senders + 1)) as http:
        seen, *_ = await asyncio.gather(
            bystander(http, url, f"Bearer {reader}", seconds), *(sender(http, i) for i in range(senders))
        )
    elapsed = time.monotonic() - began
    return {
        "sends_per_s": round(sent / elapsed, 1),
        "errors": failed + seen["errors"],
        "bystander_requests": seen["requests"],
        "bystander_p50_ms": seen["p50_ms"],
        "bystander_p99_ms": seen["p99_ms"],
        "bystander_max_ms": seen["max_ms"],
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=20, help="concurrent senders, each to a tenant of its own")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    args = parser.parse_args()
    database_url, drop = await create_database()
    redis = RedisServer()
    redis.start()
    service = None
    try:
        port = free_port()
        env = {"DATABASE_URL": database_url, "BROADCAST_URL": redis.url, "JWT_SECRET": SECRET}
        command = [sys.executable, "main.py", "serve", "--port", str(port), "--log-level", "warning", "--no-access-log"]
        service = spawn("service", command, env, port, Path(tempfile.mkdtemp(prefix="bench-logs-")))
        url = f"{service.http}/graphql"
        await phase(url, args.senders, 2.0)  # warm-up: users registered, statements prepared
        for name in ("redis healthy", "redis stopped (SIGSTOP)"):
            assert redis.process is not None
            if name.startswith("redis stopped"):
                os.kill(redis.process.pid, signal.SIGSTOP)
            result = await phase(url, args.senders, args.seconds)
            print(json.dumps({"phase": name, "senders": args.senders, **result}), flush=True)
    finally:
        if redis.process is not None:
            os.kill(redis.process.pid, signal.SIGCONT)
        if service is not None:
            service.stop()
        redis.kill()
        await drop()


if __name__ == "__main__":
    asyncio.run(main())
