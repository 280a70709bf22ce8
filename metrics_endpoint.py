"""/metrics: the Prometheus text format, with what the scraped process reads at the time (database and Redis
reachability, the outbox's backlog) beside what `metrics` counted in every process."""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from health import broadcast_ok, database_ok
from models import outbox
from services.runtime import Runtime

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _Read(Collector):
    """Gauges read for this scrape (each scrape reads them afresh; nothing is kept in files)."""

    def __init__(self, values: dict[str, tuple[str, float]]) -> None:
        self._values = values

    def collect(self) -> Iterator[Metric]:
        for name, (text, value) in self._values.items():
            yield GaugeMetricFamily(name, text, value=value)


class _ThisProcess(Collector):
    """The default registry's metrics (this process's, with its CPU, memory and descriptors)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


async def metrics_endpoint(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if not settings.metrics:
        return PlainTextResponse("Not Found", status_code=404)
    if settings.metrics_token is not None:
        expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
        if not hmac.compare_digest(request.headers.get("authorization", "").encode(), expected):
            return PlainTextResponse("Unauthorized", status_code=401, headers={"WWW-Authenticate": "Bearer"})
    registry = CollectorRegistry()
    # With several processes, every process's values from their files; else this process's own.
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_ThisProcess())
    registry.register(_Read(await _read(runtime)))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE)


async def _read(runtime: Runtime) -> dict[str, tuple[str, float]]:
    database = await database_ok(runtime)
    values = {
        "notifications_database_up": ("1 when the database answered this scrape.", float(database)),
        "notifications_redis_up": (
            "1 when the broadcast (Redis) answered this scrape.",
            float(await broadcast_ok(runtime)),
        ),
    }
    if runtime.settings.channel_names and database:
        try:
            async with runtime.reading() as session:
                depth, waited = await outbox.backlog(session, datetime.now(UTC))
                fanouts = await outbox.unexpanded(session)
        except Exception:
            return values  # the database went away since: its gauge says so at the next scrape
        values["notifications_outbox_depth"] = ("Deliveries waiting to be sent (pending or being sent).", float(depth))
        values["notifications_outbox_oldest_due_seconds"] = (
            "How long the longest-waiting due delivery has waited.",
            waited,
        )
        values["notifications_outbox_unexpanded"] = (
            "Tenant and topic sends (one per channel) whose deliveries no worker has written yet.",
            float(fanouts),
        )
    return values
