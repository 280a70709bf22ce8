"""/metrics: the Prometheus text format, its token, and what it counts, in one process and summed over the worker
processes of `serve --workers 2` (the subject there is the processes, so a real server)."""

from __future__ import annotations

import asyncio
import sys
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

import metrics
from pubsub import RESYNC
from services.live import RESYNCED, Subscriber
from services.runtime import Runtime
from settings import Settings
from tests.support import (
    JWT_SECRET,
    REDIS_URL,
    SEND,
    SEND_TENANT,
    TEST_POOL_SIZE,
    GraphQLClient,
    free_port,
    in_process,
    start_server,
    subscription,
    token,
    unique,
)

METRICS_TOKEN = "metrics-token-for-tests-0123"


def samples(text: str) -> dict[str, float]:
    """Every sample by name and labels (`name{a="b"}`), as Prometheus would parse them."""
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()) if k != "pid")
            key = f"{sample.name}{{{labels}}}" if labels else sample.name
            found[key] = found.get(key, 0.0) + sample.value
    return found


def _settings(database_url: str, **more: object) -> Settings:
    return Settings(
        database_url=database_url,
        broadcast_url=REDIS_URL,
        jwt_secret=JWT_SECRET,
        database_pool_size=int(TEST_POOL_SIZE),
        **more,  # type: ignore[arg-type]
    )


async def test_metrics_are_prometheus_text_with_reachability(database_url: str) -> None:
    async with in_process(_settings(database_url)) as http:
        answer = await http.get("/metrics")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain; version=0.0.4")
        found = samples(answer.text)
        assert found["notifications_database_up"] == 1 and found["notifications_redis_up"] == 1
        for name in ("notifications_websockets_open", "notifications_subscriptions_live", "process_cpu_seconds_total"):
            assert name in found, name
        # No channels configured: no outbox, so no outbox gauges.
        assert "notifications_outbox_depth" not in found


async def test_the_metrics_token_is_required_when_set(database_url: str) -> None:
    async with in_process(_settings(database_url, metrics_token=METRICS_TOKEN)) as http:
        assert (await http.get("/metrics")).status_code == 401
        assert (await http.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
        # A service token is not the metrics token.
        service = token("svc", unique("t"), "service")
        assert (await http.get("/metrics", headers={"Authorization": f"Bearer {service}"})).status_code == 401
        answer = await http.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert answer.status_code == 200 and "notifications_database_up" in answer.text
    try:
        async with in_process(_settings(database_url, metrics=False)) as http:
            assert (await http.get("/metrics")).status_code == 404
    finally:
        metrics.enable(True)  # the switch is the process's: other apps of this test process count again


NOTIFICATIONS = "subscription { notificationAdded { id title } }"
CREATE_ENDPOINT = """
mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }
"""


@pytest.mark.slow
async def test_workers_metrics_are_summed_whichever_is_scraped(server_env: dict[str, str], logs_dir: Path) -> None:
    port = free_port()
    # No PROMETHEUS_MULTIPROC_DIR: `serve` makes one for the run.
    env = server_env | {
        # The tenant's endpoint is a receiver nobody listens on: deliveries wait in the outbox for their retries.
        "WEBHOOKS": "true",
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "DELIVERY_RETRY_BASE_SECONDS": "600",
    }
    args = (sys.executable, "main.py", "serve", "--port", str(port), "--workers", "2", "--log-level", "warning")
    server = start_server(env, logs_dir, args=args, port=port)
    try:
        tenant = unique("t")
        admin = token("boss", tenant, "admin")
        users = [unique("u") for _ in range(6)]
        async with AsyncExitStack() as stack, httpx.AsyncClient(timeout=30) as http:
            subs = [await stack.enter_async_context(subscription(server, token(u, tenant))) for u in users]
            for sub in subs:
                await sub.subscribe(NOTIFICATIONS)
            api = GraphQLClient(server.url, http)
            hook = {"input": {"url": f"http://127.0.0.1:{free_port()}/hook"}}
            await api.data(CREATE_ENDPOINT, hook, token=admin)
            await api.data(SEND, {"input": {"userId": users[0], "title": "warm", "message": "m"}}, token=admin)
            await subs[0].next_data()  # every subscription is live once one has heard a send after subscribing
            await api.data(SEND_TENANT, {"input": {"title": "all", "message": "m"}}, token=admin)
            for sub in subs:
                while (await sub.next_data())["notificationAdded"]["title"] != "all":
                    pass
            # Each scrape lands on either worker (new connections are spread by the kernel): all see the sum.
            for _ in range(6):
                async with httpx.AsyncClient(timeout=10) as fresh:
                    found = samples((await fresh.get(server.base("/metrics"))).text)
                assert found["notifications_websockets_open"] == 6, found
                assert found["notifications_subscriptions_live"] == 6
                assert found['notifications_sends_total{outcome="sent"}'] == 2
                assert found["notifications_send_publish_seconds_count"] == 2
                assert found["notifications_publish_socket_seconds_count"] >= 2
                assert found["notifications_outbox_depth"] >= 1
                assert found["notifications_outbox_unexpanded"] >= 0
                assert found["notifications_database_up"] == 1
        async with httpx.AsyncClient(timeout=10) as http:
            for _ in range(100):  # the servers see the closes a moment after the clients make them
                found = samples((await http.get(server.base("/metrics"))).text)
                if found["notifications_websockets_open"] == 0:
                    break
                await asyncio.sleep(0.1)
        assert found["notifications_websockets_open"] == 0 and found["notifications_subscriptions_live"] == 0
    finally:
        server.stop()


def _value(name: str) -> float:
    return REGISTRY.get_sample_value(name) or 0.0


async def test_slow_clients_and_resyncs_are_counted(runtime: Runtime) -> None:
    before = _value("notifications_slow_clients_dropped_total")
    subscriber = Subscriber(1, 1, counts=False)
    subscriber.offer(1)
    subscriber.offer(2)  # one more than its buffer holds: dropped, as its connection is with 1013
    assert not subscriber.open
    assert _value("notifications_slow_clients_dropped_total") == before + 1

    resyncs, told = _value("notifications_resyncs_total"), _value("notifications_resynced_subscriptions_total")
    tenant = unique("t")
    async with runtime.live.watch(tenant, 1, counts=False) as first, runtime.live.watch(tenant, 2, counts=False):
        # What a reconnected Redis puts in a feed: every local subscription catches up instead.
        queue = runtime.live._feeds[tenant].queue
        assert queue is not None
        queue.put_nowait(RESYNC)
        assert await asyncio.wait_for(first.next(), 10) is RESYNCED
    assert _value("notifications_resyncs_total") == resyncs + 1
    assert _value("notifications_resynced_subscriptions_total") == told + 2
