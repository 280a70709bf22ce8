"""What a full queue between Redis and a listener does: the events it holds for a channel give way to one RESYNC,
after which the listener catches up from the database, which holds every event. Said in the log once a minute
at most, with how many events were dropped meanwhile."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TypeVar

from broadcaster import Event

log = logging.getLogger("notifications.pubsub")

RESYNC = "\x00resync"
# Overflows in a burst are one log line, not one per event.
LOG_EVERY = 60.0

T = TypeVar("T")


class Overflows:
    """The log of one kind of queue's overflows, rate-limited."""

    def __init__(self, queue: str) -> None:
        self._queue = queue
        self._logged_at = -LOG_EVERY
        self._dropped = 0

    def dropped(self, count: int) -> None:
        self._dropped += count
        now = time.monotonic()
        if now - self._logged_at < LOG_EVERY:
            return
        log.warning(
            "%s is full: %d event(s) dropped for a resync (listeners catch up from the database)",
            self._queue,
            self._dropped,
        )
        self._logged_at, self._dropped = now, 0


class ResyncQueue(asyncio.Queue[T]):
    """One channel's events, at most `maxsize`, and never a wait to put one: an event that finds it full replaces
    what it holds, itself included, by `resync`."""

    def __init__(self, maxsize: int, resync: T, overflows: Overflows) -> None:
        super().__init__(maxsize)
        self._resync = resync
        self._overflows = overflows

    def put_nowait(self, item: T) -> None:
        if self.full():
            dropped = self.qsize()
            while not self.empty():
                self.get_nowait()
            self._overflows.dropped(dropped + (item != self._resync))
            item = self._resync
        super().put_nowait(item)

    async def put(self, item: T) -> None:
        self.put_nowait(item)


def put_or_resync(queue: asyncio.Queue[Event], event: Event, bound: int, overflows: Overflows) -> None:
    """Put into a queue of every channel's events, which holds at most `bound` of them. Past it, the process as a
    whole is behind: each channel with events in it gets one RESYNC in their stead, rather than waiting its turn."""
    if queue.qsize() < bound:
        queue.put_nowait(event)
        return
    channels = {event.channel: None}
    while not queue.empty():
        channels[queue.get_nowait().channel] = None
    overflows.dropped(bound + 1)
    for channel in channels:
        queue.put_nowait(Event(channel=channel, message=RESYNC))
