"""How `python main.py serve` runs the app: uvicorn's settings for this service, and several worker processes.

With `--workers N` each worker listens on its own socket bound to the same port with SO_REUSEPORT, and the kernel
spreads new connections across them by a hash of each connection's addresses. uvicorn's own `--workers` shares one
listening socket instead, and whichever worker wakes first takes every connection waiting, so the busier one
bounds a tenant's fan-out (BENCHMARKS.md, *Two server processes*).

A worker that dies once it served is replaced; one that dies before it is ready (a broken configuration, a database
it cannot reach) stops the whole server instead of being restarted forever. Workers are in a process group of their
own and die with the supervisor: a terminal's Ctrl-C reaches the supervisor alone, which stops each worker once.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

import logs
from transport.http_protocol import PROTOCOL as HTTP_PROTOCOL
from transport.http_protocol import raise_descriptor_limit
from transport.ws_protocol import PROTOCOL as WS_PROTOCOL

log = logging.getLogger("notifications.serving")

APP = "main:app"
SHUTDOWN_GRACE_SECONDS = 10
# How long the app gives its websockets to close with 1001 on SIGTERM before uvicorn's shutdown starts.
DRAIN_SECONDS = 3.0
# How long a stopping worker may take: its websockets' goodbyes, then uvicorn's grace for requests.
STOP_SECONDS = DRAIN_SECONDS + SHUTDOWN_GRACE_SECONDS + 5

UVICORN_OPTIONS: dict[str, Any] = {
    "timeout_graceful_shutdown": SHUTDOWN_GRACE_SECONDS,
    # The service pings at the graphql-ws level (with a pong deadline); protocol pings on top would double the
    # keep-alive traffic of every idle bell. Notification frames are small: compression costs more CPU per
    # connection than it saves.
    "ws_ping_interval": None,
    "ws_per_message_deflate": False,
    "ws_max_size": 64 * 1024,  # a graphql-ws frame is a query (at most 20,000 characters) and its variables
    "ws": WS_PROTOCOL,  # live frames written straight from the tenant feed (see the module)
    "http": HTTP_PROTOCOL,  # deadlines for headers and bodies, a cap per client address (see the module)
}


def configure_logging(level: str = "info") -> None:
    """The service's own log lines at `level` (`serve --log-level`), as uvicorn's are, in LOG_FORMAT (`logs`)."""
    logs.configure(level)


def serve(host: str, port: int, workers: int, *, log_level: str = "info", access_log: bool = True) -> None:
    """Serve the app on `host:port` in this process, or in `workers` processes sharing the port."""
    options = {**UVICORN_OPTIONS, "log_level": log_level, "access_log": access_log}
    if (log_config := logs.uvicorn_config()) is not None:
        options["log_config"] = log_config
    raise_descriptor_limit()  # each connection holds a descriptor; worker processes inherit the limit
    if workers <= 1:
        uvicorn.run(APP, host=host, port=port, **options)
        return
    made = _metrics_directory()
    try:
        code = Workers(host, port, workers, options).run()
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    if code:
        raise SystemExit(code)


def _metrics_directory() -> str | None:
    """Where the workers keep their metrics for whichever of them is scraped (`metrics`): PROMETHEUS_MULTIPROC_DIR
    emptied of an earlier run's files, or a directory made for this run (returned, to be removed at the end)."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        for old in Path(given).glob("*.db"):
            old.unlink(missing_ok=True)
        return None
    made = tempfile.mkdtemp(prefix="notifications-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = made  # spawned workers inherit it before they import prometheus_client
    return made


def listener(host: str, port: int, *, shared: bool = True) -> socket.socket:
    """A socket bound to `host:port` (the address family chosen as uvicorn does). `shared`: other processes may bind
    it as well (SO_REUSEPORT), and the kernel hands each new connection to one of them."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _worker(app: str, host: str, port: int, options: dict[str, Any], ready: Event) -> None:
    """One worker process: its own listening socket on the shared port, then uvicorn on it."""
    # Signals meant for the server (a terminal's Ctrl-C) go to the supervisor, which passes SIGTERM on once: a
    # second one would cut short the websockets' 1001 goodbyes (see lifecycle.going_away_on_sigterm).
    os.setpgid(0, 0)
    # A worker left behind by a supervisor gone however it went (SIGKILL included) would keep serving old code on the
    # shared port, beside any new server, and nothing would say so.
    die_with_parent(signal.SIGTERM)
    configure_logging(options.get("log_level", "info"))
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, **options))

    def report_ready() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.02)
        if server.started:
            ready.set()

    threading.Thread(target=report_ready, daemon=True).start()
    server.run(sockets=[listener(host, port)])


def die_with_parent(signum: int) -> None:
    """`signum` to this process when its parent ends, however it ends. (The parent thread, in Linux's terms: call it
    from a process whose parent started it from its main thread.)"""
    parent = os.getppid()
    pr_set_pdeathsig = 1  # <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signum)
    if os.getppid() != parent:  # gone before the request was made
        os.kill(os.getpid(), signum)


def _forget_metrics_of(pid: int | None) -> None:
    """A dead worker's open websockets and subscriptions are not counted any more (its counters still are)."""
    if pid is not None and "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


class Workers:
    """Keeps `count` worker processes serving until SIGINT or SIGTERM, then stops them (SIGTERM each, which closes
    its websockets with 1001 first) and waits for them."""

    def __init__(self, host: str, port: int, count: int, options: dict[str, Any], app: str = APP) -> None:
        self.host = host
        self.port = port
        self.count = count
        self.options = options  # uvicorn.Config's
        self.app = app
        self._context = multiprocessing.get_context("spawn")  # a fresh interpreter: no loop or pool inherited
        # Set by the signal handler, read by the loop: a plain flag, as a handler must not take locks the interrupted
        # code may hold (threading.Event's).
        self._stopping = False

    def run(self) -> int:
        """Serve until told to stop; the exit code (1 when a worker failed to start)."""
        # Anything else on the port (a second server, workers of one that was killed) would share its connections
        # unseen: refuse to start unless the port is free.
        try:
            listener(self.host, self.port, shared=False).close()
        except OSError as error:
            log.error("cannot listen on %s port %d: %s", self.host, self.port, error)
            return 1
        previous = {number: signal.signal(number, self._on_signal) for number in (signal.SIGINT, signal.SIGTERM)}
        processes: list[tuple[BaseProcess, Event]] = []
        code = 0
        try:
            for _ in range(self.count):
                processes.append(self._start())
            log.info("serving with %d worker processes on port %d", self.count, self.port)
            while not self._stopping:
                wait([process.sentinel for process, _ in processes], timeout=0.5)
                for index, (process, ready) in enumerate(processes):
                    if self._stopping:
                        break
                    if process.exitcode is None:
                        continue
                    if not ready.is_set():
                        log.error(
                            "worker %s exited with %s before it was ready: stopping", process.pid, process.exitcode
                        )
                        code = 1
                        self._stopping = True
                        break
                    log.warning("worker %s exited with %s: starting another", process.pid, process.exitcode)
                    _forget_metrics_of(process.pid)
                    processes[index] = self._start()
        finally:
            self._stop_all([process for process, _ in processes])
            for number, handler in previous.items():
                signal.signal(number, handler)
        return code

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self._stopping = True

    def _start(self) -> tuple[BaseProcess, Event]:
        ready = self._context.Event()
        process = self._context.Process(
            target=_worker, args=(self.app, self.host, self.port, self.options, ready), name="notifications-worker"
        )
        process.start()
        return process, ready

    @staticmethod
    def _stop_all(processes: list[BaseProcess]) -> None:
        for process in processes:
            if process.pid is not None and process.exitcode is None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                log.warning("worker %s did not stop within %.0f s: killing it", process.pid, STOP_SECONDS)
                process.kill()
                process.join()
