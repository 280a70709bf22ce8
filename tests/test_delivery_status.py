"""What senders see of their sends beyond the inbox, through GraphQL: each delivery's status, counts by channel and
status, and retrying failed ones; each for the sending tenant alone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from resolvers.context import NESTED_READS_AT_ONCE, Context
from schema.root import schema
from services import sending
from services.auth import Principal
from services.runtime import Runtime
from settings import Settings
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    REGISTER,
    SEND_TENANT,
    GraphQLClient,
    in_process,
    pooled_at_most,
    token,
    unique,
)
from tests.test_channels import WAIT, Receiver, receiving

pytestmark = pytest.mark.slow  # the worker delivers, fails and retries for real

CREATE = "mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }"
SENT = """
query($id: ID!, $tenant: ID) {
  sentNotification(id: $id, tenantId: $tenant) {
    delivered
    deliveries(first: 50) { id userId channel endpointId status attempts lastError sentAt }
    deliveryCounts { channel status count }
  }
}"""
FAILED = """
query($id: ID!) { sentNotification(id: $id) { deliveries(status: FAILED, channel: "webhook") { userId status } } }"""
LISTED = "{ sentNotifications(first: 5) { edges { node { notification { id } deliveryCounts { status count } } } } }"
RETRY = "mutation($input: RetryDeliveriesInput!) { retryDeliveries(input: $input) { retried } }"


@pytest.fixture
async def api(other_database_url: str) -> AsyncIterator[GraphQLClient]:
    """The app in this process with its worker, webhooks on and loopback receivers allowed; fast retries."""
    settings = Settings(
        database_url=other_database_url,
        broadcast_url="memory://",
        jwt_secret=JWT_SECRET,
        webhooks=True,
        webhook_allow_private=True,
        delivery_poll_seconds=0.05,
        delivery_retry_base_seconds=0.1,
        delivery_retry_max_seconds=1.0,
    )
    async with in_process(settings) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


async def settled(api: GraphQLClient, admin: str, id: str, count: int) -> dict[str, Any]:
    """The sent notification once its `count` deliveries are each sent or failed."""
    async with asyncio.timeout(WAIT):
        while True:
            sent: dict[str, Any] = (await api.data(SENT, {"id": id}, token=admin))["sentNotification"]
            rows = sent["deliveries"]
            if len(rows) == count and all(row["status"] in ("SENT", "FAILED") for row in rows):
                return sent
            await asyncio.sleep(0.05)


async def tenant_with_endpoints(api: GraphQLClient, *receivers: Receiver) -> tuple[str, str, list[str]]:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    ids = []
    for receiver in receivers:
        created = await api.data(CREATE, {"input": {"url": receiver.url}}, token=admin)
        ids.append(created["createWebhookEndpoint"]["endpoint"]["id"])
    users = [{"userId": name} for name in ("ann", "bob", "cat")]
    await api.data(REGISTER, {"input": {"users": users}}, token=admin)
    return tenant, admin, ids


async def test_a_sender_sees_each_delivery_and_counts_and_retries_the_failed(api: GraphQLClient) -> None:
    with receiving() as good, receiving(lambda n, request: (400, {})) as bad:
        _, admin, (good_id, bad_id) = await tenant_with_endpoints(api, good, bad)
        sent = await api.data(SEND_TENANT, {"input": {"title": "Hi", "message": "x"}}, token=admin)
        id = sent["sendTenantNotification"]["notification"]["id"]
        view = await settled(api, admin, id, 6)

        assert view["deliveryCounts"] == [
            {"channel": "webhook", "status": "FAILED", "count": 3},
            {"channel": "webhook", "status": "SENT", "count": 3},
        ]
        by_endpoint = {(row["endpointId"], row["userId"]): row for row in view["deliveries"]}
        assert sorted(by_endpoint) == sorted((e, u) for e in (good_id, bad_id) for u in ("ann", "bob", "cat"))
        for user in ("ann", "bob", "cat"):
            ok, failed = by_endpoint[(good_id, user)], by_endpoint[(bad_id, user)]
            assert (ok["status"], ok["attempts"], ok["lastError"]) == ("SENT", 1, None) and ok["sentAt"]
            assert (failed["status"], failed["attempts"], failed["sentAt"]) == ("FAILED", 1, None)
            assert failed["lastError"].startswith("HTTP 400")
        # The ids are the ones the receivers saw.
        assert sorted(good.ids()) == sorted(by_endpoint[(good_id, u)]["id"] for u in ("ann", "bob", "cat"))
        assert len((await api.data(FAILED, {"id": id}, token=admin))["sentNotification"]["deliveries"]) == 3
        listed = (await api.data(LISTED, token=admin))["sentNotifications"]["edges"]
        assert listed[0]["node"]["deliveryCounts"] == [{"status": "FAILED", "count": 3}, {"status": "SENT", "count": 3}]

        # The receiver is fixed; the admin retries that notification's failures: the same ids, sent now.
        bad.answer = lambda n, request: (200, {})
        retried = await api.data(RETRY, {"input": {"notificationId": id}}, token=admin)
        assert retried["retryDeliveries"]["retried"] == 3
        view = await settled(api, admin, id, 6)
        assert view["deliveryCounts"] == [{"channel": "webhook", "status": "SENT", "count": 6}]
        assert (
            sorted(bad.ids()[3:])
            == sorted(bad.ids()[:3])
            == sorted(row["id"] for row in view["deliveries"] if row["endpointId"] == bad_id)
        )
        # Nothing failed is left to retry.
        assert (await api.data(RETRY, {"input": {}}, token=admin))["retryDeliveries"]["retried"] == 0


async def test_delivery_status_and_retries_are_the_tenant_s_alone(api: GraphQLClient) -> None:
    with receiving(lambda n, request: (400, {})) as bad:
        tenant, admin, (endpoint,) = await tenant_with_endpoints(api, bad)
        sent = await api.data(SEND_TENANT, {"input": {"title": "Hi", "message": "x"}}, token=admin)
        id = sent["sendTenantNotification"]["notification"]["id"]
        await settled(api, admin, id, 3)

        stranger = token("boss", unique("t"), "admin")
        assert await api.code(SENT, {"id": id}, token=stranger) == "NOT_FOUND"
        assert await api.code(SENT, {"id": id, "tenant": tenant}, token=stranger) == "FORBIDDEN"
        assert await api.code(SENT, {"id": id}, token=token("ann", tenant)) == "FORBIDDEN"
        assert await api.code(SENT, {"id": "12x"}, token=admin) == "NOT_FOUND"
        # Another tenant's admin retries its own tenant's failures, by this notification even: none are its.
        mine = {"notificationId": id, "endpointId": endpoint}
        assert (await api.data(RETRY, {"input": mine}, token=stranger))["retryDeliveries"]["retried"] == 0
        assert await api.code(RETRY, {"input": {**mine, "tenantId": tenant}}, token=stranger) == "FORBIDDEN"
        assert await api.code(RETRY, {"input": mine}, token=token("ann", tenant)) == "FORBIDDEN"
        assert await api.code(RETRY, {"input": mine}) == "UNAUTHENTICATED"
        assert await api.code(RETRY, {"input": {"channel": "pigeon"}}, token=admin) == "BAD_USER_INPUT"
        assert await api.code(RETRY, {"input": {"notificationId": "x"}}, token=admin) == "BAD_USER_INPUT"
        view = (await api.data(SENT, {"id": id}, token=admin))["sentNotification"]
        assert view["deliveryCounts"] == [{"channel": "webhook", "status": "FAILED", "count": 3}]
        assert len(bad.requests) == 3  # nobody else's retry reached it
        # A service caller may, naming the tenant.
        service = token("backend", unique("t"), "service")
        assert (await api.data(SENT, {"id": id, "tenant": tenant}, token=service))["sentNotification"]["delivered"] == 3
        retried = await api.data(RETRY, {"input": {**mine, "tenantId": tenant}}, token=service)
        assert retried["retryDeliveries"]["retried"] == 3


async def test_a_page_of_sends_with_their_deliveries_holds_at_most_two_pooled_connections(runtime: Runtime) -> None:
    """Each node's `deliveries` and `deliveryCounts` read the database, and graphql-core resolves them all at once:
    a page of thirty sends must not take thirty pooled connections from everyone else."""
    tenant = unique("t")
    for i in range(30):
        await sending.send_notification(runtime, user="ann", tenant=tenant, title=f"n{i}", message="x")
    principal = Principal(user_id="boss", tenant_id=tenant, roles=frozenset({"admin"}))
    nodes = "node { deliveries(first: 1) { id } deliveryCounts { count } }"
    query = "{ sentNotifications(first: 30) { edges { " + nodes + " } } }"
    with pooled_at_most(runtime) as most:
        result = await schema.execute(query, context_value=Context(runtime=runtime, principal=principal))
    assert result.errors is None and result.data is not None, result
    assert len(result.data["sentNotifications"]["edges"]) == 30
    assert most[0] <= NESTED_READS_AT_ONCE, most  # the pool (5 here) would be taken whole without the turns
