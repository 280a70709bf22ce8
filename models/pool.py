"""The engine's connection pool: SQLAlchemy's asyncio queue pool, served first come, first served.

SQLAlchemy's asyncio pool queue lets a newcomer take a connection that has just been returned before the request
woken for it runs, and the woken request then queues again at the back (sqlalchemy/sqlalchemy#7679 describes the
same for threads). With more requests than connections, which is what a busy badge endpoint is, a few requests
lose that race again and again, and they make the endpoint's tail (BENCHMARKS.md, *Connection pool*). Here a
returned connection goes straight to the request that has waited longest, and a newcomer only takes one when
nobody is waiting.
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from typing import Any

from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import await_
from sqlalchemy.util.queue import Empty, Full, QueueCommon


class FairQueue(QueueCommon[ConnectionPoolEntry]):
    """The pool's idle connections and, when there are none, the requests waiting for one, in arrival order.

    Idle connections and waiters never coexist: a connection put back while someone waits is handed to the
    first waiter, so taking an idle one without waiting can never jump the line. Waits time out on one loop timer
    for the whole queue, not one each: under load most requests wait, and `asyncio.timeout` around each wait showed
    in a request's CPU (BENCHMARKS.md, *Connection pool*). One queue serves one event loop, as SQLAlchemy's does."""

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        self.maxsize = maxsize
        self.use_lifo = use_lifo
        self._idle: deque[ConnectionPoolEntry] = deque()
        self._waiters: deque[tuple[float, asyncio.Future[ConnectionPoolEntry]]] = deque()  # (deadline, waiter)
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None  # a timer set on another loop would never fire here

    def empty(self) -> bool:
        return not self._idle

    def full(self) -> bool:
        return 0 < self.maxsize <= len(self._idle)

    def qsize(self) -> int:
        return len(self._idle)

    @property
    def waiting(self) -> int:
        """How many checkouts are waiting for a connection."""
        return sum(not waiter.done() for _, waiter in self._waiters)

    def put(self, item: ConnectionPoolEntry, block: bool = True, timeout: float | None = None) -> None:
        # Never blocks: the pool puts back only connections it handed out.
        self.put_nowait(item)

    def put_nowait(self, item: ConnectionPoolEntry) -> None:
        if not self._hand_over(item):
            if self.full():
                raise Full()
            self._idle.append(item)

    def _hand_over(self, item: ConnectionPoolEntry) -> bool:
        """Give `item` to the longest waiter; False if nobody waits."""
        while self._waiters:
            _, waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(item)
                return True
        return False

    def get_nowait(self) -> ConnectionPoolEntry:
        if not self._idle:
            raise Empty()
        return self._idle.pop() if self.use_lifo else self._idle.popleft()

    def get(self, block: bool = True, timeout: float | None = None) -> ConnectionPoolEntry:
        if self._idle or not block:
            return self.get_nowait()
        return await_(self._wait(timeout))

    async def _wait(self, seconds: float | None) -> ConnectionPoolEntry:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[ConnectionPoolEntry] = loop.create_future()
        entry = (math.inf if seconds is None else loop.time() + seconds, waiter)
        self._waiters.append(entry)
        if entry[0] < math.inf and (
            self._timer is None or self._timer_loop is not loop or entry[0] < self._timer.when()
        ):
            self._arm(loop, entry[0])
        try:
            return await waiter
        except BaseException as error:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                # Handed a connection just as the wait was cancelled: it goes to the next in line, or back among the
                # idle ones even past `maxsize` (an overflow connection returned meanwhile may have filled it; the
                # pool's counts stay right, and its next return closes the one too many).
                if not self._hand_over(waiter.result()):
                    self._idle.append(waiter.result())
            elif entry in self._waiters:
                self._waiters.remove(entry)
            if isinstance(error, TimeoutError):
                raise Empty() from error
            raise

    def _arm(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_at(when, self._expire, loop)
        self._timer_loop = loop

    def _expire(self, loop: asyncio.AbstractEventLoop) -> None:
        """Fail the waits whose deadline has passed, and set the timer for the next deadline, if any."""
        self._timer = None
        now, waiting = loop.time(), deque[tuple[float, asyncio.Future[ConnectionPoolEntry]]]()
        for deadline, waiter in self._waiters:
            if waiter.done():
                continue
            if deadline <= now:
                waiter.set_exception(TimeoutError())
            else:
                waiting.append((deadline, waiter))
        self._waiters = waiting
        soonest = min((deadline for deadline, _ in waiting), default=math.inf)
        if soonest < math.inf:
            self._arm(loop, soonest)


class FairPool(AsyncAdaptedQueuePool):
    """`AsyncAdaptedQueuePool` with `FairQueue`: its arguments (size, overflow, timeout) mean the same."""

    _queue_class: Any = FairQueue
    # SQLAlchemy names a pool's logger after its class; under its own namespace the pool's INFO lines ("Pool
    # disposed") stay quiet unless asked for (`echo_pool`), as its own pools' do.
    _sqla_logger_namespace = "sqlalchemy.pool.impl.FairPool"
