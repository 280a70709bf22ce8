"""Send rate limits (per sender and tenant, shared through Redis) and new websockets per client address."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from services import events, sending
from services.draft import Draft
from services.limits import RateLimited
from services.runtime import open_runtime
from services.sending import PYTHON_SENDER
from services.templates import samples
from settings import Settings
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    REDIS_URL,
    SEND,
    SEND_BULK,
    SEND_TENANT,
    GraphQLClient,
    RedisServer,
    in_process,
    serving_here,
    start_server,
    subscription,
    token,
    unique,
)


@asynccontextmanager
async def limited(database_url: str, **limits: Any) -> AsyncIterator[GraphQLClient]:
    settings = Settings(
        database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET, database_pool_size=2, **limits
    )
    async with in_process(settings) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


def one(user: str) -> dict[str, Any]:
    return {"input": {"userId": user, "title": "t", "message": "m"}}


async def refused(api: GraphQLClient, query: str, variables: dict[str, Any], signed: str) -> float | None:
    """The retry time of a RATE_LIMITED answer; None when the send went through."""
    body = await api.run(query, variables, token=signed)
    if not body.get("errors"):
        return None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED", body
    assert body["data"] is None  # nothing was sent
    retry = error["extensions"]["retryAfter"]
    assert isinstance(retry, float | int) and retry > 0
    return float(retry)


async def test_requests_beyond_the_burst_wait_and_other_senders_and_tenants_do_not(database_url: str) -> None:
    tenant, other = unique("t"), unique("t")
    admin, colleague = token(unique("a"), tenant, "admin"), token(unique("a"), tenant, "admin")
    service = token(unique("svc"), unique("svc-t"), "service")
    # One request per 100 s: within the test the budget is the burst.
    async with limited(database_url, send_requests_per_second=0.01, send_requests_burst=3) as api:
        for _ in range(3):
            assert await refused(api, SEND, one(unique("u")), admin) is None
        retry = await refused(api, SEND, one(unique("u")), admin)
        assert retry is not None and 90 < retry <= 100
        # Another sender in the same tenant has a budget of its own, as does a sender in each tenant it sends to.
        assert await refused(api, SEND, one(unique("u")), colleague) is None
        to_tenant = {"input": {**one(unique("u"))["input"], "tenantId": tenant}}
        for _ in range(3):
            assert await refused(api, SEND, to_tenant, service) is None
        assert await refused(api, SEND, to_tenant, service) is not None
        assert await refused(api, SEND, {"input": {**to_tenant["input"], "tenantId": other}}, service) is None


async def test_a_sender_refused_may_send_again_after_the_retry_time(database_url: str) -> None:
    admin = token(unique("a"), unique("t"), "admin")
    async with limited(database_url, send_requests_per_second=0.5, send_requests_burst=1) as api:
        assert await refused(api, SEND, one(unique("u")), admin) is None
        retry = await refused(api, SEND, one(unique("u")), admin)
        assert retry is not None and retry <= 2
        await asyncio.sleep(retry)
        assert await refused(api, SEND, one(unique("u")), admin) is None


async def test_recipients_are_charged_after_a_send_and_the_next_one_waits_off_the_debt(database_url: str) -> None:
    tenant = unique("t")
    admin, colleague = token(unique("a"), tenant, "admin"), token(unique("a"), tenant, "admin")
    async with limited(database_url, send_recipients_per_second=2, send_recipients_burst=10) as api:
        users = [unique("u") for _ in range(25)]
        sent = await api.data(SEND_BULK, {"input": {"userIds": users, "title": "t", "message": "m"}}, token=admin)
        assert sent["sendBulkNotifications"]["delivered"] == 25
        # 10 in the bucket, 25 taken: 7.5 s of debt before the next send.
        retry = await refused(api, SEND_TENANT, {"input": {"title": "t", "message": "m"}}, admin)
        assert retry is not None and 5 < retry <= 7.5
        # A tenant send's recipients are counted too, once known: all 25 registered users.
        sent = await api.data(SEND_TENANT, {"input": {"title": "t", "message": "m"}}, token=colleague)
        assert sent["sendTenantNotification"]["delivered"] == 25
        retry = await refused(api, SEND, one(users[0]), colleague)
        assert retry is not None and 5 < retry <= 7.5


async def test_the_python_api_is_not_limited(database_url: str) -> None:
    settings = Settings(
        database_url=database_url,
        broadcast_url="memory://",
        jwt_secret=JWT_SECRET,
        send_requests_per_second=0.01,
        send_requests_burst=1,
        send_recipients_per_second=0.01,
        send_recipients_burst=1,
    )
    tenant = unique("t")
    async with open_runtime(settings) as runtime:
        for _ in range(3):
            await sending.send_bulk_notifications(runtime, users=["a", "b"], tenant=tenant, title="t", message="m")
            sent = await events.trigger_event(
                runtime, event="system.maintenance", tenant=tenant, to_tenant=True, data=samples()["system.maintenance"]
            )
            assert sent.delivered == 2
        # The same sender through the API is: its first send spends the burst, the second waits.
        with pytest.raises(RateLimited):
            for _ in range(2):
                await sending.send_draft(
                    runtime, Draft("system", "t", "m"), tenant=tenant, users=["a"], sender=PYTHON_SENDER, limited=True
                )


async def test_limits_at_zero_are_off(database_url: str) -> None:
    admin = token(unique("a"), unique("t"), "admin")
    async with limited(database_url, send_requests_per_second=0, send_requests_burst=1) as api:
        for _ in range(5):
            assert await refused(api, SEND, one(unique("u")), admin) is None


@pytest.mark.slow
async def test_two_server_processes_share_one_budget_through_redis(
    database_url: str, logs_dir: Path, http: httpx.AsyncClient
) -> None:
    # A refill of one request per 100 s: within the test the budget is the burst, wherever the sends arrive.
    env = {
        "DATABASE_URL": database_url,
        "BROADCAST_URL": REDIS_URL,
        "JWT_SECRET": JWT_SECRET,
        "SEND_REQUESTS_PER_SECOND": "0.01",
        "SEND_REQUESTS_BURST": "4",
    }
    servers = [start_server(env, logs_dir), start_server(env, logs_dir)]
    try:
        apis = [GraphQLClient(server.url, http) for server in servers]
        admin = token(unique("a"), unique("t"), "admin")
        outcomes = [await refused(apis[n % 2], SEND, one(unique("u")), admin) for n in range(8)]
        assert outcomes[:4] == [None] * 4, outcomes
        assert all(retry is not None and 90 < retry <= 100 for retry in outcomes[4:]), outcomes
        # Another tenant's admin is untouched.
        assert await refused(apis[1], SEND, one(unique("u")), token(unique("a"), unique("t"), "admin")) is None
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        assert "Traceback" not in server.log()


@pytest.mark.slow
async def test_an_address_opening_websockets_too_fast_is_answered_429(database_url: str) -> None:
    settings = Settings(
        database_url=database_url,
        broadcast_url="memory://",
        jwt_secret=JWT_SECRET,
        websocket_connects_per_second=0.01,
        websocket_connects_burst=3,
    )
    protocol = [websockets.Subprotocol("graphql-transport-ws")]
    async with serving_here(settings) as url:
        for _ in range(3):
            async with subscription(url, token(unique("u"), unique("t"))):
                pass
        with pytest.raises(websockets.InvalidStatus) as refusal:
            async with websockets.connect(url, subprotocols=protocol):
                pass
        assert refusal.value.response.status_code == 429
        assert 90 <= int(refusal.value.response.headers["retry-after"]) <= 100


async def test_while_redis_fails_each_process_keeps_the_limits(database_url: str, redis_server: RedisServer) -> None:
    admin = token(unique("a"), unique("t"), "admin")
    settings = Settings(
        database_url=database_url,
        broadcast_url=redis_server.url,
        jwt_secret=JWT_SECRET,
        database_pool_size=2,
        send_requests_per_second=0.01,
        send_requests_burst=2,
    )
    async with in_process(settings) as http:
        api = GraphQLClient(f"{IN_PROCESS}/graphql", http)
        assert await refused(api, SEND, one(unique("u")), admin) is None
        redis_server.kill()
        # Sends go on without Redis (the database is the record), within this process's own budget.
        assert await refused(api, SEND, one(unique("u")), admin) is None
        assert await refused(api, SEND, one(unique("u")), admin) is None
        assert await refused(api, SEND, one(unique("u")), admin) is not None
