"""What a server process does for its own life: the garbage collector tuned once start-up is done, and websockets
closed with 1001 on SIGTERM before uvicorn shuts down."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from serving import DRAIN_SECONDS
from transport.websocket import OpenConnections

log = logging.getLogger("notifications")


def collect_less() -> None:
    """Tune the cyclic garbage collector for a server, once everything made at start-up exists.

    Start-up objects are frozen, as they live as long as the process; the youngest generation waits until most of a
    request's objects are gone; and full collections, long with many connections, come 10 times less often, so that
    a wave of new connections does not leave one due in the next sends (BENCHMARKS.md, *Garbage collector*)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 100)


@contextmanager
def going_away_on_sigterm(connections: OpenConnections) -> Iterator[None]:
    """On SIGTERM, close every websocket with 1001 (going away) before handing the signal to uvicorn.

    uvicorn's own shutdown would close them with 1012; 1001 tells clients to reconnect elsewhere at once. HTTP
    requests in flight are left to uvicorn, which lets them finish.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signals can only be handled in the main thread (e.g. not under a test client's thread)
        return
    loop = asyncio.get_running_loop()
    previous = signal.getsignal(signal.SIGTERM)
    draining: list[asyncio.Task[None]] = []

    def hand_over(signum: int, frame: FrameType | None) -> None:
        if callable(previous):
            previous(signum, frame)
        else:
            raise SystemExit(128 + signum)

    async def drain(signum: int, frame: FrameType | None) -> None:
        try:
            async with asyncio.timeout(DRAIN_SECONDS):
                await connections.close_all(1001, "Server shutting down")
        except TimeoutError:
            log.warning("some websockets did not close within %.0f s of SIGTERM", DRAIN_SECONDS)
        finally:
            hand_over(signum, frame)

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        if draining:  # a second SIGTERM: stop waiting
            hand_over(signum, frame)
            return
        log.info("SIGTERM: closing %d websocket(s) with 1001, then shutting down", len(connections))
        loop.call_soon_threadsafe(lambda: draining.append(loop.create_task(drain(signum, frame))))

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
