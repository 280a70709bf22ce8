"""How `python main.py serve` runs the app: uvicorn's settings for this service, and several worker processes.

With `--workers N` each worker listens on its own socket bound to the same port with SO_REUSEPORT, and the kernel
spreads new connections across them by a hash of each connection's addresses. uvicorn's own `--workers` shares one
listening socket instead, and whichever worker wakes first takes every connection waiting: 10,000 websockets
opened together split 3,400 / 6,600 between two workers here, so the busier one bounded a tenant's fan-out at
1.5 times one worker's rather than 2 (BENCHMARKS.md). A worker that dies is replaced; one that dies within its
first seconds (a port taken, a broken configuration) stops the whole server instead of being restarted forever.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import uvicorn

from resolvers.websocket_transport import PROTOCOL as WS_PROTOCOL

log = logging.getLogger("notifications.serving")

APP = "main:app"
SHUTDOWN_GRACE_SECONDS = 10
# A worker that exits sooner than this after it started failed to start: restarting it would fail the same way.
STARTUP_SECONDS = 10.0
# How long a stopping worker may take: uvicorn's grace for requests, plus the websockets' goodbyes before it.
STOP_SECONDS = SHUTDOWN_GRACE_SECONDS + 10

UVICORN_OPTIONS: dict[str, Any] = {
    "timeout_graceful_shutdown": SHUTDOWN_GRACE_SECONDS,
    # The service pings at the graphql-ws level (with a pong deadline); protocol pings on top would double the
    # keep-alive traffic of every idle bell. Notification frames are small: compression costs more CPU per
    # connection than it saves.
    "ws_ping_interval": None,
    "ws_per_message_deflate": False,
    "ws_max_size": 64 * 1024,  # a graphql-ws frame is a query (at most 20,000 characters) and its variables
    "ws": WS_PROTOCOL,  # live frames written straight from the tenant feed (see the module)
}


def serve(host: str, port: int, workers: int, *, log_level: str = "info", access_log: bool = True) -> None:
    """Serve the app on `host:port` in this process, or in `workers` processes sharing the port."""
    options = {**UVICORN_OPTIONS, "log_level": log_level, "access_log": access_log}
    if workers <= 1:
        uvicorn.run(APP, host=host, port=port, **options)
        return
    code = Workers(host, port, workers, options).run()
    if code:
        raise SystemExit(code)


def listener(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port` that other processes may bind as well (SO_REUSEPORT): the kernel hands each new
    connection to one of them."""
    family, kind, protocol, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own listening socket on the shared port, then uvicorn on it."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    sock = listener(host, port)
    uvicorn.Server(uvicorn.Config(APP, host=host, port=port, **options)).run(sockets=[sock])


class Workers:
    """Keeps `count` worker processes serving until SIGINT or SIGTERM, then stops them (SIGTERM each, which closes
    its websockets with 1001 first) and waits for them."""

    def __init__(self, host: str, port: int, count: int, options: dict[str, Any]) -> None:
        self.host = host
        self.port = port
        self.count = count
        self.options = options  # uvicorn.Config's
        self._context = multiprocessing.get_context("spawn")  # a fresh interpreter: no loop or pool inherited
        self._stop = threading.Event()

    def run(self) -> int:
        """Serve until told to stop; the exit code (1 when a worker failed to start)."""
        previous = {number: signal.signal(number, self._on_signal) for number in (signal.SIGINT, signal.SIGTERM)}
        processes: list[tuple[BaseProcess, float]] = []
        code = 0
        try:
            processes = [self._start() for _ in range(self.count)]
            log.info("serving with %d worker processes on port %d", self.count, self.port)
            while not self._stop.wait(0.5):
                for index, (process, started) in enumerate(processes):
                    if process.exitcode is None:
                        continue
                    if time.monotonic() - started < STARTUP_SECONDS:
                        log.error("worker %s exited with %s as it started: stopping", process.pid, process.exitcode)
                        code = 1
                        self._stop.set()
                        break
                    log.warning("worker %s exited with %s: starting another", process.pid, process.exitcode)
                    processes[index] = self._start()
        finally:
            self._stop_all([process for process, _ in processes])
            for number, handler in previous.items():
                signal.signal(number, handler)
        return code

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self._stop.set()

    def _start(self) -> tuple[BaseProcess, float]:
        process = self._context.Process(
            target=_worker, args=(self.host, self.port, self.options), name="notifications-worker"
        )
        process.start()
        return process, time.monotonic()

    @staticmethod
    def _stop_all(processes: list[BaseProcess]) -> None:
        for process in processes:
            if process.pid is not None and process.exitcode is None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                log.warning("worker %s did not stop within %d s: killing it", process.pid, STOP_SECONDS)
                process.kill()
                process.join()
