"""Prometheus metrics: what the service counts as it works (`metrics_endpoint` serves them at /metrics).

Instruments are touched once per connection, subscription, send, delivery batch or fan-out pass, never once per
subscriber of a pass: the fan-out's cost does not grow with them (BENCHMARKS.md, *Metrics*). With several worker
processes (`serve --workers N`) each writes its values to files in PROMETHEUS_MULTIPROC_DIR (`serving` makes one), and
whichever process is scraped adds them all up; gauges of open websockets and subscriptions count live processes only.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from prometheus_client import Counter, Gauge, Histogram

_LATENCY = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

WEBSOCKETS = Gauge("notifications_websockets_open", "Open websocket connections.", multiprocess_mode="livesum")
SUBSCRIPTIONS = Gauge(
    "notifications_subscriptions_live", "Live subscriptions (bells' feeds and counts).", multiprocess_mode="livesum"
)
SENDS = Counter(
    "notifications_sends", "Sends by outcome: sent, duplicate, refused (a coded error), failed.", ["outcome"]
)
DELIVERIES = Counter(
    "notifications_deliveries", "Delivery attempts beyond the inbox by channel and outcome.", ["channel", "outcome"]
)
SEND_TO_PUBLISH = Histogram(
    "notifications_send_publish_seconds", "From a send's start to its event published.", buckets=_LATENCY
)
PUBLISH_TO_SOCKET = Histogram(
    "notifications_publish_socket_seconds",
    "From an event's publish to the end of this process's fan-out of it (the clocks of two machines apart).",
    buckets=_LATENCY,
)
RESYNCS = Counter("notifications_resyncs", "Fan-outs replaced by a catch-up from the database (RESYNC).")
RESYNCED_SUBSCRIBERS = Counter(
    "notifications_resynced_subscriptions", "Subscriptions told to catch up from the database instead of events."
)
SLOW_DROPPED = Counter("notifications_slow_clients_dropped", "Subscriptions whose buffer filled: closed with 1013.")

_on = True


def enable(on: bool) -> None:
    """Instruments count only while on (METRICS); /metrics is answered 404 when off."""
    global _on
    _on = on


def websocket_opened() -> None:
    if _on:
        WEBSOCKETS.inc()


def websocket_closed() -> None:
    if _on:
        WEBSOCKETS.dec()


def subscription_started() -> None:
    if _on:
        SUBSCRIPTIONS.inc()


def subscription_ended() -> None:
    if _on:
        SUBSCRIPTIONS.dec()


def sent(outcome: str) -> None:
    if _on:
        SENDS.labels(outcome).inc()


def published(started: float) -> None:
    """A send's event is published; `started`: `time.perf_counter()` when the send began."""
    if _on:
        SEND_TO_PUBLISH.observe(time.perf_counter() - started)


def fanned_out(published_at: Iterable[float]) -> None:
    """A fan-out pass has written the events published at these times (`time.time()` of their senders)."""
    if _on:
        now = time.time()
        for at in published_at:
            PUBLISH_TO_SOCKET.observe(max(0.0, now - at))


def resynced(subscriptions: int) -> None:
    if _on:
        RESYNCS.inc()
        RESYNCED_SUBSCRIBERS.inc(subscriptions)


def slow_client_dropped() -> None:
    if _on:
        SLOW_DROPPED.inc()


def delivered(outcomes: Iterable[tuple[str, str]]) -> None:
    """A delivery batch's (channel, outcome) pairs."""
    if _on:
        counted: dict[tuple[str, str], int] = {}
        for pair in outcomes:
            counted[pair] = counted.get(pair, 0) + 1
        for (channel, outcome), count in counted.items():
            DELIVERIES.labels(channel, outcome).inc(count)
