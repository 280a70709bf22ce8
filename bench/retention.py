"""Retention beside sends: what a purge of a large backlog costs the sends running at the same time.

    uv run python -m bench.retention [--users 2000] [--messages 100] [--senders 10] [--seconds 10]

Starts `python main.py serve` on a database of its own (dropped at the end) with its own retention schedule off,
fills one tenant of `--users` users with `--messages` tenant sends, all marked read 60 days ago (users x messages
inbox rows to delete, and the messages with them), then runs two phases of `--senders` concurrent senders, each
sending to a tenant of its own, one of them to a user of the tenant being purged, and a bystander asking
`{ unreadCount }`: without a purge, then beside `python main.py purge` with RETENTION_DAYS=30 (the phase lasts
until the purge ends, at least `--seconds`). Prints one JSON line a phase: sends per second, their latency, the
bystander's, and the purge's rows and time. See BENCHMARKS.md, *Retention*.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.load import bystander, percentile
from bench.run import REDIS_URL, ROOT, SECRET, create_database, free_port, spawn
from services.auth import issue_token

SEND = "mutation S($input: SendNotificationInput!) { sendNotification(input: $input) { delivered } }"
SEND_TENANT = "mutation S($input: SendTenantNotificationInput!) { sendTenantNotification(input: $input) { delivered } }"
REGISTER = "mutation R($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"
OLD = "archive"


async def post(http: httpx.AsyncClient, url: str, query: str, variables: dict[str, Any], token: str) -> bool:
    response = await http.post(
        url, json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code == 200 and not response.json().get("errors")


async def fill(url: str, database_url: str, users: int, messages: int) -> None:
    admin = issue_token(SECRET, user="admin", tenant=OLD, roles=["admin"], ttl=3600)
    async with httpx.AsyncClient(timeout=120) as http:
        for start in range(0, users, 1000):
            ids = [f"user-{n}" for n in range(start, min(users, start + 1000))]
            assert await post(http, url, REGISTER, {"input": {"users": [{"userId": i} for i in ids]}}, admin)
        for n in range(messages):
            assert await post(http, url, SEND_TENANT, {"input": {"title": f"old {n}", "message": "m"}}, admin)
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute("UPDATE inbox_entries SET read_at = now() - interval '60 days' WHERE read_at IS NULL")
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


async def phase(url: str, senders: int, seconds: float, purge: list[str] | None, env: dict[str, str]) -> dict[str, Any]:
    latencies: list[float] = []
    failed = 0
    reader = issue_token(SECRET, user="bystander", tenant="bystanders", roles=[], ttl=3600)
    purging: asyncio.Future[tuple[float, str]] | None = None
    if purge is not None:
        began_purge = time.monotonic()

        def run() -> tuple[float, str]:
            done = subprocess.run(purge, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
            return time.monotonic() - began_purge, done.stdout.strip()

        purging = asyncio.ensure_future(asyncio.to_thread(run))
    stop = time.monotonic() + seconds

    def going() -> bool:
        return time.monotonic() < stop or (purging is not None and not purging.done())

    async def sender(http: httpx.AsyncClient, index: int) -> None:
        nonlocal failed
        tenant, user = (OLD, "user-0") if index == 0 else (f"tenant-{index}", "someone")
        admin = issue_token(SECRET, user="admin", tenant=tenant, roles=["admin"], ttl=3600)
        variables = {"input": {"userId": user, "title": "hello", "message": "m"}}
        while going():
            started = time.perf_counter()
            if await post(http, url, SEND, variables, admin):
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                failed += 1

    began = time.monotonic()
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=senders + 1)) as http:
        watch = asyncio.ensure_future(bystander(http, url, f"Bearer {reader}", seconds))
        await asyncio.gather(*(sender(http, i) for i in range(senders)))
        seen = await watch
    elapsed = time.monotonic() - began
    result: dict[str, Any] = {
        "sends_per_s": round(len(latencies) / elapsed, 1),
        "send_p50_ms": percentile(latencies, 0.5),
        "send_p99_ms": percentile(latencies, 0.99),
        "send_max_ms": round(max(latencies), 1) if latencies else None,
        "errors": failed + seen["errors"],
        "bystander_p50_ms": seen["p50_ms"],
        "bystander_p99_ms": seen["p99_ms"],
    }
    if purging is not None:
        took, said = await purging
        result |= {"purge_s": round(took, 2), "purge": said}
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=2000, help="users of the tenant whose old rows are purged")
    parser.add_argument("--messages", type=int, default=100, help="tenant sends to them, all read 60 days ago")
    parser.add_argument("--senders", type=int, default=10, help="concurrent senders, each to a tenant of its own")
    parser.add_argument("--seconds", type=float, default=10.0, help="least length of each phase")
    parser.add_argument("--batch", type=int, default=500, help="RETENTION_BATCH")
    args = parser.parse_args()
    database_url, drop = await create_database()
    service = None
    try:
        port = free_port()
        env = {
            "DATABASE_URL": database_url,
            "BROADCAST_URL": REDIS_URL,
            "JWT_SECRET": SECRET,
            "RETENTION_INTERVAL_SECONDS": "0",
            "SEND_REQUESTS_PER_SECOND": "0",
        }
        command = [sys.executable, "main.py", "serve", "--port", str(port), "--log-level", "warning", "--no-access-log"]
        service = spawn("service", command, env, port, Path(tempfile.mkdtemp(prefix="bench-logs-")))
        url = f"{service.http}/graphql"
        await fill(url, database_url, args.users, args.messages)
        # Warm-up: users registered, statements prepared.
        await phase(url, args.senders, min(2.0, args.seconds), None, {})
        purge_env = {**os.environ, **env, "RETENTION_DAYS": "30", "RETENTION_BATCH": str(args.batch)}
        purge = [sys.executable, "main.py", "purge"]
        for name, command_line in (("sends alone", None), ("sends beside a purge", purge)):
            result = await phase(url, args.senders, args.seconds, command_line, purge_env)
            rows = {"backlog_rows": args.users * args.messages, "batch": args.batch}
            print(json.dumps({"phase": name, "senders": args.senders, **rows, **result}), flush=True)
    finally:
        if service is not None:
            service.stop()
        await drop()


if __name__ == "__main__":
    asyncio.run(main())
