"""Run the benchmarks: the service and the baseline relay, side by side, in one run. Prints one JSON line a scenario.

    uv run python -m bench.run                      # every scenario at full size (several minutes)
    uv run python -m bench.run --quick              # small sizes, to check the harness
    uv run python -m bench.run --only tenant_broadcast --n 10000 --workers 2

Needs the PostgreSQL and Redis the tests use (a database of its own is created and dropped). `wrk` (Debian package)
is used for the query scenario when installed, else a Python client. See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import channels, cpu_quota, processes
from bench.load import Swarm, percentile
from services.auth import issue_token
from services.inbox import encode_cursor

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET = secrets.token_hex(32)
SEND_TENANT = "mutation S($input: SendTenantNotificationInput!) { sendTenantNotification(input: $input) { delivered } }"
TRIGGER = "mutation T($input: TriggerEventInput!) { triggerEvent(input: $input) { delivered } }"
SALE = {"sale_id": "S-1042", "customer": "Acme Corp", "amount": 1249.5, "currency": "EUR"}
ADDED = "subscription { notificationAdded { id type title message priority createdAt metadata } }"
COUNT = "subscription { unreadCountChanged }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Process:
    name: str
    port: int
    popen: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def pids(self) -> list[int]:
        """The process and its children (worker processes)."""
        return [self.popen.pid, *processes.children(self.popen.pid)]

    def connections(self) -> list[int]:
        """How many of the clients' connections each serving process holds."""
        pids = self.serving_pids()
        held = list(processes.holders(self.port, pids).values())
        return [held.count(pid) for pid in pids]

    def serving_pids(self) -> list[int]:
        """The processes that take connections: the workers of `python main.py serve --workers N`, else the process
        itself."""
        return processes.workers(self.popen.pid) or [self.popen.pid]

    def rss_kb(self) -> int:
        """Resident memory of the process and its children."""
        return self._summed("status", "VmRSS:")

    def cpu_s(self) -> float:
        """CPU time (user and system) the process and its children have used so far."""
        total = 0
        for pid in self.pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def writes(self) -> int:
        """Write system calls the process and its children have made so far (`syscw`: write and writev, which is how
        uvloop writes to a socket; `send` would not count)."""
        return self._summed("io", "syscw:")

    def _summed(self, name: str, key: str) -> int:
        """The number after `key` in /proc/PID/`name`, summed over the process and its children."""
        total = 0
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    total += int(line.split()[1])
        return total

    def stop(self) -> None:
        self.popen.terminate()
        try:
            self.popen.wait(15)
        except subprocess.TimeoutExpired:
            self.popen.kill()


def spawn(name: str, command: list[str], env: dict[str, str], port: int, log_dir: Path, cwd: Path = ROOT) -> Process:
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        popen = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    process = Process(name, port, popen, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if popen.poll() is not None:
            raise RuntimeError(f"{name} exited: {process.log()[-2000:]}")
        try:
            if httpx.get(f"{process.http}/health/ready", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not start")


class Bench:
    def __init__(self, args: argparse.Namespace, database_url: str, log_dir: Path) -> None:
        self.args = args
        self.database_url = database_url
        self.log_dir = log_dir
        self.http = httpx.AsyncClient(timeout=300, limits=httpx.Limits(max_connections=100))
        self.service: Process | None = None
        self.relay: Process | None = None
        self.quotas: list[Path] = []  # the service's cgroups (`start_service`)

    # --- processes -------------------------------------------------------------------------------------------

    def start(self, workers: int) -> None:
        self.start_service(workers)
        port = free_port()
        relay = [sys.executable, "-m", "bench.baseline_relay", "--port", str(port)]
        self.relay = spawn("relay", relay, {"REDIS_URL": REDIS_URL, "JWT_SECRET": SECRET}, port, self.log_dir)

    def start_service(self, workers: int, cpus: float | None = None, settings: dict[str, str] | None = None) -> None:
        """`python main.py serve` with `workers` processes, each held to `cpus` CPUs if given (`cpu_quota`), with
        `settings` on top of the benchmark's."""
        # Every load connection comes from one address: the per-address cap would refuse most of them.
        env = {"DATABASE_URL": self.database_url, "BROADCAST_URL": REDIS_URL, "JWT_SECRET": SECRET, **(settings or {})}
        env["MAX_CONNECTIONS_PER_ADDRESS"] = "0"
        # Every load client connects and sends from one address: the benchmark measures capacity, not the limits.
        env["WEBSOCKET_CONNECTS_PER_SECOND"] = env["SEND_REQUESTS_PER_SECOND"] = "0"
        if self.args.quick:  # a check of the harness, beside the tests' servers on one PostgreSQL (100 connections)
            env["DATABASE_POOL_SIZE"] = "5"
        port = free_port()
        # What `python main.py serve` runs, workers included (each its own socket on the port, see serving.py).
        command = [sys.executable, "main.py", "serve", "--port", str(port), "--workers", str(workers)]
        command += ["--log-level", "warning", "--no-access-log"]
        self.service = service = spawn("service", command, env, port, self.log_dir)
        # Ready once one worker answers; connections opened before the others listen would all go to it.
        deadline = time.monotonic() + 60
        while processes.listening(port) < workers:
            if service.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{workers} workers did not all listen on port {port}: {service.log()[-2000:]}")
            time.sleep(0.1)
        if cpus is not None:
            for i, pid in enumerate(service.serving_pids()):
                self.quotas.append(cpu_quota.hold(f"bench-worker-{i}", pid, cpus))

    def serving(self) -> Process:
        """The service on the run's own options, started again if a scenario that runs its own left none."""
        if self.service is None:
            self.start_service(self.args.workers)
            assert self.service is not None
        return self.service

    def stop_service(self) -> None:
        if self.service is not None:
            self.service.stop()
            self.service = None
        for group in self.quotas:
            cpu_quota.release(group)
        self.quotas = []

    def stop(self) -> None:
        self.stop_service()
        if self.relay is not None:
            self.relay.stop()

    # --- helpers ---------------------------------------------------------------------------------------------

    async def graphql(self, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
        response = await self.http.post(
            f"{self.serving().http}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]  # type: ignore[no-any-return]

    async def relay_send(self, users: list[str], run: str) -> None:
        assert self.relay is not None
        notification = {
            "id": str(uuid.uuid4()),
            "type": "system",
            "title": "Benchmark",
            "message": "m",
            "priority": "NORMAL",
            "createdAt": "",
            "metadata": {"t": time.time(), "run": run},
        }
        await self.http.post(
            f"{self.relay.http}/send", content=json.dumps({"users": users, "notification": notification})
        )

    async def register(self, tenant: str, users: list[str], admin: str) -> None:
        query = "mutation R($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }"
        for start in range(0, len(users), 1000):
            chunk = [{"userId": u} for u in users[start : start + 1000]]
            await self.graphql(query, {"input": {"users": chunk}}, admin)
        await self.seed()

    async def seed(self, *statements: tuple[Any, ...]) -> None:
        """Run `statements` (each a query and its arguments) on the benchmark's database, adding rows faster than
        the API could, then gather planner statistics for the rows added, as autovacuum would within its next
        minute. Hosts that run PostgreSQL with autovacuum off (this benchmark's have) would otherwise plan a send to
        10,000 users for a tenant of one, and its preference joins run slower (BENCHMARKS.md, *Method*)."""
        connection = await asyncpg.connect(self.database_url.replace("postgresql+asyncpg", "postgresql"))
        try:
            for query, *arguments in statements:
                await connection.execute(query, *arguments)
            await connection.execute("ANALYZE")
        finally:
            await connection.close()

    async def fan_out(
        self,
        label: str,
        n: int,
        rounds: int,
        send_service: Callable[[str], Awaitable[None]],
        send_relay: Callable[[str], Awaitable[None]],
        tokens: list[str],
    ) -> dict[str, Any]:
        """Hold `n` subscriptions on each server in turn, send `rounds` times, and time every delivery."""
        result: dict[str, Any] = {"scenario": label, "n": n, "rounds": rounds}
        assert self.relay is not None
        bells = self.args.bells and label == "tenant_broadcast"
        if bells:
            result["bells"] = True
        for name, target, send in (("service", self.serving(), send_service), ("baseline", self.relay, send_relay)):
            result[name] = await self.measure(f"{label}-{name}", target, send, tokens, rounds, bells=bells)
        result["ratio"] = round(
            result["service"]["deliveries_per_s"] / max(result["baseline"]["deliveries_per_s"], 1), 2
        )
        return result

    async def measure(
        self,
        label: str,
        target: Process,
        send: Callable[[str], Awaitable[None]],
        tokens: list[str],
        rounds: int,
        *,
        bells: bool = False,
        one_at_a_time: int = 0,
    ) -> dict[str, Any]:
        """One server's figures: `tokens` subscribe, one warm-up send reaches all, then `rounds` sends are timed.
        Then, if asked, `one_at_a_time` sends each wait for the one before to reach everyone: how long one send takes
        to reach all `tokens` when nothing else is on its way (`reach_all_ms`, each send's slowest delivery)."""
        n = len(tokens)
        # With --bells each connection also holds the bell's count subscription; the relay has no counts and
        # takes the second subscription's id for its deliveries.
        swarm = Swarm(target.ws, ADDED, *((COUNT,) if bells else ()))
        try:
            await swarm.open(tokens)
            await self.warm_up(swarm, n, send)
            if bells:
                await asyncio.sleep(2)  # the warm-up's counts
                swarm.forget("")
            connections = target.connections()  # per worker process
            profiler = self.profile(label, target)
            # Whose CPU bounds the run: a server busy for all of it is the limit, not the client.
            server_cpu, client_cpu, writes = target.cpu_s(), time.process_time(), target.writes()
            started = time.time()
            for _ in range(rounds):
                await send("run")
            tally = await swarm.wait_for("run", n * rounds, 120)
            if profiler is not None:
                profiler.send_signal(signal.SIGINT)
                profiler.wait(30)
            elapsed = max(tally.last_arrival - started, 1e-9)
            figures: dict[str, Any] = {
                "deliveries_per_s": round(tally.received / elapsed),
                "p50_ms": percentile(tally.latencies_ms, 0.50),
                "p99_ms": percentile(tally.latencies_ms, 0.99),
                "missed": n * rounds - tally.received,
                "disconnected": swarm.closed_early,
                "server_cpu_s": round(target.cpu_s() - server_cpu, 2),
                "client_cpu_s": round(time.process_time() - client_cpu, 2),
                "server_writes": target.writes() - writes,  # the service coalesces: fewer writes than deliveries
                "elapsed_s": round(elapsed, 2),
                "connections": connections,
            }
            if bells and target is self.service:
                await asyncio.sleep(2)  # counts come after the notifications
                counts = swarm.tally("")
                figures["counts"] = counts.received
                figures["last_count_ms"] = round((counts.last_arrival - started) * 1000)
            reach_all = []
            for attempt in range(one_at_a_time):
                await send(f"one-{attempt}")
                alone = await swarm.wait_for(f"one-{attempt}", n, 120)
                if alone.received < n:
                    raise RuntimeError(f"{n - alone.received} of {n} missed a send made alone")
                reach_all.append(round(max(alone.latencies_ms)))
            if reach_all:
                figures["reach_all_ms"] = reach_all
            return figures
        finally:
            await swarm.close()

    async def warm_up(self, swarm: Swarm, n: int, send: Callable[[str], Awaitable[None]]) -> None:
        """Send until one send reaches all `n` subscriptions. Then every one is live, and nothing of the warm-up is
        still on its way to share the measured window (each subscription receives in order). Counting deliveries
        across sends instead let the last warm-up send, still being fanned out, into the measurement."""
        deadline = time.monotonic() + 120
        for attempt in itertools.count(1):
            tag = f"warm-{attempt}"
            await send(tag)
            if (await swarm.wait_for(tag, n, 2)).received >= n:
                return
            if time.monotonic() > deadline:
                missing = n - swarm.tally(tag).received
                raise RuntimeError(f"{missing} of {n} subscriptions never received a warm-up send")

    def profile(self, label: str, target: Process) -> subprocess.Popen[bytes] | None:
        """py-spy on `target` for the measured phase only, when asked for with --profile DIR."""
        if not self.args.profile:
            return None
        out = Path(self.args.profile) / f"{label}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        pid = str(target.popen.pid)
        command = ["py-spy", "record", "-p", pid, "--subprocesses", "-f", "raw", "-o", str(out), "--nonblocking"]
        profiler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)  # let it attach before the first send
        return profiler

    def people(self, n: int) -> tuple[str, list[str], list[str], str]:
        tenant = f"bench-{uuid.uuid4().hex[:8]}"
        users = [f"u{i}" for i in range(n)]
        tokens = [issue_token(SECRET, user=u, tenant=tenant, ttl=7200) for u in users]
        admin = issue_token(SECRET, user="bench-admin", tenant=tenant, roles=["admin"], ttl=7200)
        return tenant, users, tokens, admin

    # --- scenarios -------------------------------------------------------------------------------------------

    async def tenant_broadcast(self, n: int, rounds: int) -> dict[str, Any]:
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        if self.args.behind:
            await self.leave_counts_behind(tenant, self.args.behind)

        async def relay(run: str) -> None:
            await self.relay_send([f"{tenant}/{u}" for u in users], run)

        result = await self.fan_out("tenant_broadcast", n, rounds, self.tenant_send(admin), relay, tokens)
        if self.args.behind:
            result["behind"] = self.args.behind
        return result

    def tenant_send(self, admin: str) -> Callable[[str], Awaitable[None]]:
        """`sendTenantNotification` to the admin's tenant, stamped with its send time."""

        async def send(run: str) -> None:
            content = {"title": "Benchmark", "message": "m", "metadata": {"t": time.time(), "run": run}}
            await self.graphql(SEND_TENANT, {"input": content}, admin)

        return send

    async def metrics_overhead(self, n: int, rounds: int, pairs: int) -> dict[str, Any]:
        """The tenant broadcast with metrics on and off (METRICS), `pairs` times each in turn on one tenant: what
        counting costs the fan-out. The ratio is deliveries/s on over off, each the mean of its runs."""
        result: dict[str, Any] = {"scenario": "metrics_overhead", "n": n, "rounds": rounds}
        tenant, users, tokens, admin = self.people(n)
        try:
            for i, on in enumerate((True, False) * pairs):
                self.stop_service()
                self.start_service(self.args.workers, settings={"METRICS": "true" if on else "false"})
                assert self.service is not None
                if i == 0:  # through the first of its servers: all of them serve the one database
                    await self.register(tenant, users, admin)
                label = f"metrics_{'on' if on else 'off'}_{i // 2 + 1}"
                result[label] = await self.measure(label, self.service, self.tenant_send(admin), tokens, rounds)
        finally:
            self.stop_service()  # the next scenario that needs the service starts it (`serving`)
        rates = {
            on: [result[f"metrics_{on}_{k}"]["deliveries_per_s"] for k in range(1, pairs + 1)] for on in ("on", "off")
        }
        result["ratio"] = round(statistics.mean(rates["on"]) / max(statistics.mean(rates["off"]), 1), 3)
        return result

    async def scaling(self, n: int, rounds: int, cpus: float) -> dict[str, Any]:
        """The tenant broadcast on one worker process, then on two, each held to `cpus` CPUs (`bench.cpu_quota`):
        how fan-out grows with the cores its processes get, on a machine whose other core the client and the
        databases need. The ratio is two workers' deliveries/s over one's, both measured in this run. Where quotas
        cannot be set (not root, no cgroup CPU controller) it runs without them and says so: the figures then show
        the processes cooperating, not scaling."""
        result: dict[str, Any] = {"scenario": "scaling", "n": n, "rounds": rounds, "workers": [1, 2]}
        result["cpus_per_worker"] = cpus
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        quota: float | None = cpus
        try:
            for workers in (1, 2):
                self.stop_service()
                try:
                    self.start_service(workers, quota)
                except cpu_quota.QuotaUnavailable as error:
                    quota = result["cpus_per_worker"] = None
                    result["no_quota"] = str(error)
                    self.stop_service()
                    self.start_service(workers)
                assert self.service is not None
                result[f"workers_{workers}"] = await self.measure(
                    f"scaling-{workers}", self.service, self.tenant_send(admin), tokens, rounds, one_at_a_time=rounds
                )
        finally:
            self.stop_service()  # the next scenario that needs the service starts it (`serving`)
        one, two = result["workers_1"], result["workers_2"]
        # How much more two workers deliver in a burst, and how much sooner one send alone reaches everyone.
        result["ratio"] = round(two["deliveries_per_s"] / max(one["deliveries_per_s"], 1), 2)
        result["reach_all_ratio"] = round(
            statistics.median(one["reach_all_ms"]) / statistics.median(two["reach_all_ms"]), 2
        )
        return result

    async def reconnect(self, n: int, missed: int) -> dict[str, Any]:
        """`n` users of a tenant come back at once (a server restarted, a network came back), each subscribing from
        the last notification it saw, `missed` tenant sends ago: how long until every one is subscribed and has
        caught up from the database. No baseline: the relay keeps nothing to catch up from."""
        service = self.serving()
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        content = {"title": "Seen", "message": "m"}
        seen = await self.graphql(SEND_TENANT.replace("delivered", "notification { id }"), {"input": content}, admin)
        cursor = encode_cursor(int(seen["sendTenantNotification"]["notification"]["id"]))
        send = self.tenant_send(admin)
        for _ in range(missed):
            await send("missed")
        swarm = Swarm(service.ws, ADDED.replace("notificationAdded", f'notificationAdded(after: "{cursor}")'))
        server_cpu = service.cpu_s()
        started = time.time()
        try:
            await swarm.open(tokens)
            opened = time.time() - started
            tally = await swarm.wait_for("missed", n * missed, 300)
        finally:
            await swarm.close()
        return {
            "scenario": "reconnect",
            "n": n,
            "missed": missed,
            "service": {
                "opened_s": round(opened, 2),  # every connection acknowledged and its subscription sent
                "caught_up_s": round(tally.last_arrival - started, 2) if tally.received else None,
                "caught_up": tally.received,
                "missed": n * missed - tally.received,
                "disconnected": swarm.closed_early,
                "server_cpu_s": round(service.cpu_s() - server_cpu, 2),
            },
        }

    async def bulk_send(self, n: int, rounds: int) -> dict[str, Any]:
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        query = "mutation S($input: SendBulkNotificationsInput!) { sendBulkNotifications(input: $input) { delivered } }"

        async def service(run: str) -> None:
            for start in range(0, n, 1000):  # the API's limit per call
                content = {
                    "userIds": users[start : start + 1000],
                    "title": "Benchmark",
                    "message": "m",
                    "metadata": {"t": time.time(), "run": run},
                }
                await self.graphql(query, {"input": content}, admin)

        async def relay(run: str) -> None:
            await self.relay_send([f"{tenant}/{u}" for u in users], run)

        return await self.fan_out("bulk_send", n, rounds, service, relay, tokens)

    async def single_send(self, sends: int) -> dict[str, Any]:
        """`sendNotification`s, then `triggerEvent`s of a shipped event (its template rendered for each), then the
        relay's sends, to one subscriber, one after another."""
        tenant, users, tokens, admin = self.people(1)
        query = "mutation S($input: SendNotificationInput!) { sendNotification(input: $input) { delivered } }"
        result: dict[str, Any] = {"scenario": "single_send", "sends": sends}
        assert self.relay is not None
        service = self.serving()
        for name, target in (("service", service), ("trigger", service), ("baseline", self.relay)):
            swarm = Swarm(target.ws, ADDED)
            await swarm.open(tokens)

            async def send(run: str, name: str = name) -> None:
                if name == "service":
                    content = {
                        "userId": users[0],
                        "title": "B",
                        "message": "m",
                        "metadata": {"t": time.time(), "run": run},
                    }
                    await self.graphql(query, {"input": content}, admin)
                elif name == "trigger":
                    data = {**SALE, "t": time.time(), "run": run}
                    event = {"event": "sale.completed", "userIds": [users[0]], "actor": "Maria", "data": data}
                    await self.graphql(TRIGGER, {"input": event}, admin)
                else:
                    await self.relay_send([f"{tenant}/{users[0]}"], run)

            try:
                # Until one arrives (the relay acknowledges no subscribe), then a few more, each waited for.
                await self.warm_up(swarm, 1, send)
                for i in range(4 + sends):
                    run = "warm" if i < 4 else "run"
                    await send(run)
                    await swarm.wait_for(run, (i + 1) if i < 4 else (i - 3), 10)
                tally = swarm.tally("run")
                result[name] = {
                    "p50_ms": percentile(tally.latencies_ms, 0.5),
                    "p99_ms": percentile(tally.latencies_ms, 0.99),
                    "missed": sends - tally.received,
                }
            finally:
                await swarm.close()
        return result

    def restart(self) -> None:
        """Fresh processes, for the scenarios that measure a server's state: memory a process once grew to is not
        given back (the RSS after an earlier scenario's 10,000 connections hides what new ones take), and a server
        still closing those connections answers queries late."""
        self.stop()
        self.start(self.args.workers)

    async def idle_memory(self, n: int) -> dict[str, Any]:
        self.restart()
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        result: dict[str, Any] = {"scenario": "idle_memory", "n": n}
        assert self.relay is not None
        for name, target in (("service", self.serving()), ("baseline", self.relay)):
            before = target.rss_kb()
            swarm = Swarm(target.ws, ADDED)
            try:
                await swarm.open(tokens)
                # One delivery to all proves every subscription is registered before measuring.
                if name == "service":
                    await self.graphql(
                        SEND_TENANT, {"input": {"title": "m", "message": "m", "metadata": {"run": "warm"}}}, admin
                    )
                else:
                    await self.relay_send([f"{tenant}/{u}" for u in users], "warm")
                await swarm.wait_for("warm", n, 120)
                await asyncio.sleep(1)
                after = target.rss_kb()
                result[name] = {
                    "kb_per_subscription": round((after - before) / n, 1),
                    "rss_before_mb": before // 1024,
                    "rss_after_mb": after // 1024,
                }
            finally:
                await swarm.close()
                await asyncio.sleep(1)
        return result

    async def churn(self, n: int, waves: int) -> dict[str, Any]:
        """`n` users connect, subscribe, get one send and leave, `waves` times; then `n` sockets that never send
        connection_init open and close, `waves` times. The service's RSS after each wave, once it holds none of
        them: what closed connections leave until a full collection shows as growth from wave to wave."""
        self.restart()
        tenant, users, tokens, admin = self.people(n)
        await self.register(tenant, users, admin)
        service = self.serving()
        result: dict[str, Any] = {"scenario": "churn", "n": n, "waves": waves, "rss_start_mb": service.rss_kb() // 1024}
        for kind in ("subscribed", "silent"):
            after = []
            for wave in range(waves):
                swarm = Swarm(service.ws, ADDED)
                try:
                    await swarm.open(tokens, silent=kind == "silent")
                    if kind == "subscribed":  # one send, so that they leave subscribed
                        content = {"title": "m", "message": "m", "metadata": {"run": f"churn{wave}"}}
                        await self.graphql(SEND_TENANT, {"input": content}, admin)
                        await swarm.wait_for(f"churn{wave}", n, 15)  # or most: a few may subscribe after it
                finally:
                    await swarm.close()
                deadline = time.monotonic() + 120
                while sum(service.connections()) and time.monotonic() < deadline:  # noqa: ASYNC110 (another process)
                    await asyncio.sleep(0.1)
                await asyncio.sleep(1)  # the handlers' last steps after their sockets closed
                after.append(service.rss_kb() // 1024)
            result[f"rss_after_{kind}_waves_mb"] = after
        return result

    async def queries(self, notifications: int, clients: int, seconds: int) -> dict[str, Any]:
        if not self.args.quick:  # a check of the harness measures nothing, and a restart is a third of its time
            self.restart()
        tenant, users, tokens, _ = self.people(1)
        await self.seed_inbox(tenant, users[0], notifications)
        result: dict[str, Any] = {
            "scenario": "queries",
            "notifications": notifications,
            "clients": clients,
            "seconds": seconds,
        }
        url = f"{self.serving().http}/graphql"
        for name, query in (
            ("unreadCount", "{ unreadCount }"),
            (
                "notifications_first_20",
                "{ notifications(first: 20) { edges { cursor node { id title isRead createdAt } } "
                "pageInfo { hasNextPage endCursor } } }",
            ),
        ):
            # The server was just restarted: its first seconds open the pool's connections (a TLS handshake and a
            # new server process each) and prepare each statement once per connection. The measured run is the
            # steady state that follows; the warm-up's own figures are reported beside it.
            warmup = await http_load(url, query, tokens[0], clients, max(1, seconds // 5))
            result[name] = {**await http_load(url, query, tokens[0], clients, seconds), "warmup": warmup}
        return result

    async def seed_inbox(self, tenant: str, user: str, count: int) -> None:
        """A new user of `tenant` with `count` notifications, every third one read."""
        await self.seed(
            (
                f"""
                WITH u AS (INSERT INTO users (tenant_id, external_id, created_at) VALUES ($1, $3, now()) RETURNING id),
                {_MESSAGES}
                {_ENTRIES} SELECT u.id, m.id, 'system', 1, m.created_at, CASE WHEN m.id % 3 = 0 THEN now() END FROM u, m
                """,
                tenant,
                count,
                user,
            )
        )

    async def leave_counts_behind(self, tenant: str, unread: int) -> None:
        """Every user of `tenant` holds `unread` unread notifications above a kept count of none, as a bell left open
        through that many sends nobody read would: with more than `models.unread.RECOUNT_AFTER` of them the kept
        count is no longer used, and the user's count is read by counting every unread row."""
        await self.seed(
            (
                f"""
                WITH {_MESSAGES}
                {_ENTRIES} SELECT u.id, m.id, 'system', 1, m.created_at, NULL FROM users u, m WHERE u.tenant_id = $1
                """,
                tenant,
                unread,
            ),
            (
                """
                INSERT INTO unread_counts (user_id, counted, unread) SELECT id, 0, 0 FROM users WHERE tenant_id = $1
                ON CONFLICT (user_id) DO UPDATE SET counted = 0, unread = 0, valid_until = NULL
                """,
                tenant,
            ),
        )

    async def persist_tenant(self, users: int) -> dict[str, Any]:
        tenant, _, _, admin = self.people(1)
        await self.seed(
            (
                "INSERT INTO users (tenant_id, external_id, created_at) "
                "SELECT $1, 'u' || g, now() FROM generate_series(0, $2 - 1) g",
                tenant,
                users,
            )
        )
        reader = issue_token(SECRET, user=f"u{users - 1}", tenant=tenant, ttl=3600)
        timings = []
        for i in range(3):
            started = time.perf_counter()
            sent = await self.graphql(SEND_TENANT, {"input": {"title": f"To everyone {i}", "message": "m"}}, admin)
            returned = time.perf_counter() - started
            while (await self.graphql("{ unreadCount }", {}, reader))["unreadCount"] < i + 1:
                pass
            visible = time.perf_counter() - started
            assert sent["sendTenantNotification"]["delivered"] == users, sent
            timings.append((returned, visible))
        best = min(timings)
        return {
            "scenario": "persist_tenant_send",
            "users": users,
            "returned_ms": round(best[0] * 1000),
            "visible_ms": round(best[1] * 1000),
            "all_ms": [[round(a * 1000), round(b * 1000)] for a, b in timings],
        }


# Seeding: `$2` messages to tenant `$1` (a CTE, `m`), and the head of an insert of inbox rows for them.
_MESSAGES = """m AS (
  INSERT INTO messages (tenant_id, sender, type, title, body, priority, metadata, created_at, delivered_count,
                        skipped_count)
  SELECT $1, 'bench', 'system', 'Seeded ' || g, 'm', 1, '{}'::jsonb, now(), 0, 0
  FROM generate_series(1, $2) g RETURNING id, created_at)"""
_ENTRIES = "INSERT INTO inbox_entries (user_id, message_id, type, priority, created_at, read_at)"


async def http_load(url: str, query: str, token: str, clients: int, seconds: int) -> dict[str, Any]:
    body = json.dumps({"query": query})
    if shutil.which("wrk"):
        return wrk(url, body, token, clients, seconds)
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=clients)) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < deadline:
                started = time.perf_counter()
                response = await client.post(
                    url, content=body, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
                )
                # Counted as wrk counts them: a failed answer is an error, not a crash of the run.
                if response.status_code != 200 or b'"errors"' in response.content:
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(worker() for _ in range(clients)))
    return {
        "tool": "python",
        "requests_per_s": round(len(latencies) / seconds),
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "errors": errors,
    }


def wrk(url: str, body: str, token: str, clients: int, seconds: int) -> dict[str, Any]:
    script = f"""
wrk.method = "POST"
wrk.body = {json.dumps(body)}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("JSON %d %d %d %d\\n", summary.requests, errors, latency:percentile(99),
    latency:percentile(50)))
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "-s", f.name, url], capture_output=True, text=True, check=True
    ).stdout
    requests, errors, p99_us, p50_us = (int(x) for x in out.split("JSON ")[1].split())
    return {
        "tool": "wrk",
        "requests_per_s": round(requests / seconds),
        "p50_ms": round(p50_us / 1000, 2),
        "p99_ms": round(p99_us / 1000, 2),
        "errors": errors,
    }


async def create_database(root: Path = ROOT) -> tuple[str, Callable[[], Awaitable[None]]]:
    """A database of its own, migrated by `root`'s checkout (the one whose server will run on it), and its drop."""
    name = f"notifications_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    url = f"{base}/{name}"
    migrate = [sys.executable, "main.py", "migrate"]
    env = {**os.environ, "DATABASE_URL": url, "JWT_SECRET": SECRET}
    await asyncio.to_thread(subprocess.run, migrate, cwd=root, check=True, capture_output=True, env=env)

    async def drop() -> None:
        connection = await asyncpg.connect(PG_ADMIN_URL)
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()

    return url, drop


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') // 2**30} GiB"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes (N=50), to check the harness")
    parser.add_argument("--only", action="append", help="run only these scenarios (repeatable)")
    parser.add_argument("--n", type=int, help="connections of tenant_broadcast (default 10000), churn (1000)")
    parser.add_argument("--workers", type=int, default=1, help="the service's worker processes (`serve --workers`)")
    parser.add_argument(
        "--cpus-per-worker",
        type=float,
        default=0.5,
        help="the scaling scenario's CPU quota for each worker process (needs root and cgroups)",
    )
    parser.add_argument("--profile", help="record py-spy profiles (raw) of the fan-out phases into this folder")
    parser.add_argument(
        "--bells",
        action="store_true",
        help="tenant_broadcast's connections also subscribe to unreadCountChanged, as the shipped bell does",
    )
    parser.add_argument(
        "--behind",
        type=int,
        default=0,
        metavar="K",
        help="tenant_broadcast's users each hold K unread notifications above a kept count (with --bells: bells "
        "left open through K sends nobody read)",
    )
    args = parser.parse_args()
    if args.behind < 0:
        parser.error("--behind must be 0 or more")

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 10,000 sockets on each side

    q = args.quick
    plan: dict[str, Callable[[Bench], Awaitable[dict[str, Any]]]] = {
        "tenant_broadcast": lambda b: b.tenant_broadcast(50 if q else (args.n or 10_000), 3 if q else 5),
        "bulk_send": lambda b: b.bulk_send(50 if q else 2_000, 3 if q else 5),
        "reconnect": lambda b: b.reconnect(50 if q else 10_000, 3 if q else 5),
        "single_send": lambda b: b.single_send(20 if q else 200),
        "idle_memory_1000": lambda b: b.idle_memory(50 if q else 1_000),
        "idle_memory_10000": lambda b: b.idle_memory(100 if q else 10_000),
        "churn": lambda b: b.churn(50 if q else (args.n or 1_000), 3 if q else 11),
        "queries": lambda b: b.queries(500 if q else 10_000, 10 if q else 50, 1 if q else 10),
        "persist_tenant_send": lambda b: b.persist_tenant(1_000 if q else 100_000),
        "scaling": lambda b: b.scaling(50 if q else 10_000, 3 if q else 5, args.cpus_per_worker),
        "channel_send": lambda b: channels.channel_send(b.database_url, b.seed, 50 if q else 10_000, 3 if q else 9),
        "email_drain": lambda b: channels.email_drain(
            b.database_url, b.seed, 50 if q else 10_000, 1 if q else 2, free_port
        ),
        "webhook_drain": lambda b: channels.webhook_drain(
            b.database_url, b.seed, 50 if q else 10_000, 1 if q else 2, free_port
        ),
        "metrics_overhead": lambda b: b.metrics_overhead(50 if q else (args.n or 10_000), 3 if q else 5, 1 if q else 2),
    }
    selected = args.only or list(plan)
    database_url, drop = await create_database()
    log_dir = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    bench = Bench(args, database_url, log_dir)
    header = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "workers": args.workers,
        "command": " ".join(["python -m bench.run", *sys.argv[1:]]),
    }
    print(json.dumps({"run": header}), flush=True)
    try:
        bench.start(args.workers)
        for name in selected:
            result = await plan[name](bench)
            result.setdefault("workers", args.workers)  # the scaling scenario says which it ran
            print(json.dumps(result), flush=True)
    finally:
        bench.stop()
        await bench.http.aclose()
        await drop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    try:
        import uvloop
    except ImportError:  # uvicorn[standard] brings it where it builds; asyncio's loop works, at more CPU per read
        asyncio.run(main())
    else:
        uvloop.run(main())
