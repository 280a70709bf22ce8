"""Webhook endpoints: managed by a tenant's admins through GraphQL, refused on non-public addresses at registration
and again at delivery, signed with each endpoint's own secret."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select
from standardwebhooks import Webhook

from channels.addresses import Refused, checked, refusal
from models.webhook import WebhookEndpoint
from services import sending, webhooks
from services.auth import Principal
from services.runtime import open_runtime
from services.worker import delivering
from settings import Settings
from tests.support import IN_PROCESS, JWT_SECRET, GraphQLClient, in_process, token, unique
from tests.test_channels import configured, hooked, receiving, settled, webhook_settings

CREATE = """
mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url description enabled types createdAt } }
}"""
LIST = "query($tenant: ID) { webhookEndpoints(tenantId: $tenant) { id url enabled types description } }"
UPDATE = """
mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id url enabled types } }"""
DELETE = "mutation($id: ID!, $tenant: ID) { deleteWebhookEndpoint(id: $id, tenantId: $tenant) }"


async def api_with(database_url: str, **settings: Any) -> AsyncIterator[GraphQLClient]:
    full = Settings(
        database_url=database_url,
        broadcast_url="memory://",
        jwt_secret=JWT_SECRET,
        delivery_worker=False,
        webhooks=True,
        **settings,
    )
    async with in_process(full) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


@pytest.fixture
async def api(database_url: str) -> AsyncIterator[GraphQLClient]:
    """Loopback allowed, as the tests' receivers need."""
    async for client in api_with(database_url, webhook_allow_private=True):
        yield client


@pytest.fixture
async def guarded(database_url: str) -> AsyncIterator[GraphQLClient]:
    """The default: public addresses only."""
    async for client in api_with(database_url):
        yield client


async def stored_count(database_url: str, tenant: str) -> int:
    async with open_runtime(configured(database_url)) as runtime, runtime.reading() as session:
        found = await session.execute(select(func.count()).where(WebhookEndpoint.tenant_id == tenant))
        return int(found.scalar_one())


async def test_an_admin_creates_lists_updates_and_deletes_its_endpoints(api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    created = (
        await api.data(
            CREATE,
            {"input": {"url": "http://127.0.0.1:9/in", "description": "CRM", "types": ["billing", "sale", "sale"]}},
            token=admin,
        )
    )["createWebhookEndpoint"]
    endpoint = created["endpoint"]
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert endpoint["types"] == ["billing", "sale"] and endpoint["enabled"] and endpoint["description"] == "CRM"
    listed = (await api.data(LIST, token=admin))["webhookEndpoints"]
    assert listed == [{k: endpoint[k] for k in ("id", "url", "enabled", "types", "description")}]
    # The secret is shown once: no field reads it back.
    assert "secret" in (await api.error("{ webhookEndpoints { secret } }", token=admin))["message"]

    change = {"id": endpoint["id"], "enabled": False, "types": [], "url": "https://127.0.0.1:9/new"}
    updated = (await api.data(UPDATE, {"input": change}, token=admin))["updateWebhookEndpoint"]
    assert updated == {"id": endpoint["id"], "url": "https://127.0.0.1:9/new", "enabled": False, "types": []}
    assert (await api.data(DELETE, {"id": endpoint["id"]}, token=admin))["deleteWebhookEndpoint"] is True
    assert (await api.data(LIST, token=admin))["webhookEndpoints"] == []
    assert await api.code(DELETE, {"id": endpoint["id"]}, token=admin) == "NOT_FOUND"


async def test_endpoints_are_their_tenant_s_alone(api: GraphQLClient) -> None:
    tenant, other = unique("t"), unique("t")
    admin, stranger = token("boss", tenant, "admin"), token("boss", other, "admin")
    create = {"input": {"url": "http://127.0.0.1:9/in"}}
    endpoint = (await api.data(CREATE, create, token=admin))["createWebhookEndpoint"]["endpoint"]
    # Another tenant's admin: sees none, changes none, deletes none, and may not name the tenant.
    assert (await api.data(LIST, token=stranger))["webhookEndpoints"] == []
    assert await api.code(UPDATE, {"input": {"id": endpoint["id"], "enabled": False}}, token=stranger) == "NOT_FOUND"
    assert await api.code(DELETE, {"id": endpoint["id"]}, token=stranger) == "NOT_FOUND"
    assert await api.code(LIST, {"tenant": tenant}, token=stranger) == "FORBIDDEN"
    assert await api.code(DELETE, {"id": endpoint["id"], "tenant": tenant}, token=stranger) == "FORBIDDEN"
    assert await api.code(CREATE, {"input": {"url": "http://127.0.0.1:9/x", "tenantId": tenant}}, token=stranger) == (
        "FORBIDDEN"
    )
    # A user of the same tenant without the admin role: nothing at all.
    user = token("ann", tenant)
    assert await api.code(LIST, token=user) == "FORBIDDEN"
    assert await api.code(CREATE, create, token=user) == "FORBIDDEN"
    assert await api.code(DELETE, {"id": endpoint["id"]}, token=user) == "FORBIDDEN"
    assert await api.code(LIST) == "UNAUTHENTICATED"
    # A service caller may manage any tenant's, by naming it.
    service = token("backend", unique("t"), "service")
    assert [e["id"] for e in (await api.data(LIST, {"tenant": tenant}, token=service))["webhookEndpoints"]] == [
        endpoint["id"]
    ]
    assert (await api.data(LIST, token=admin))["webhookEndpoints"][0]["enabled"] is True


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://example.com/x", "http:// or https://"),
        ("http:///nohost", "http:// or https://"),
        ("http://example.com:99999/", "invalid port"),
        ("http://exa mple.com/", "no spaces"),
        ("http://example.com/" + "a" * 2100, "at most 2048"),
        ("http://example.com/#frag", "fragment"),
    ],
)
async def test_malformed_urls_are_refused_and_nothing_is_stored(api: GraphQLClient, url: str, says: str) -> None:
    tenant = unique("t")
    error = await api.error(CREATE, {"input": {"url": url}}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and says in error["message"]


async def test_bad_types_and_too_many_are_refused(api: GraphQLClient) -> None:
    admin = token("boss", unique("t"), "admin")
    bad = {"input": {"url": "http://127.0.0.1:9/", "types": ["Not A Slug"]}}
    assert await api.code(CREATE, bad, token=admin) == "BAD_USER_INPUT"
    many = {"input": {"url": "http://127.0.0.1:9/", "types": [f"t{i}" for i in range(51)]}}
    assert await api.code(CREATE, many, token=admin) == "BAD_USER_INPUT"
    assert await api.code(UPDATE, {"input": {"id": "not-a-number"}}, token=admin) == "NOT_FOUND"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
        "http://2130706433/",  # 127.0.0.1 as one number
    ],
)
async def test_without_the_setting_non_public_addresses_are_refused(
    guarded: GraphQLClient, database_url: str, url: str
) -> None:
    tenant = unique("t")
    error = await guarded.error(CREATE, {"input": {"url": url}}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "refused" in error["message"], error
    assert await stored_count(database_url, tenant) == 0


async def test_a_name_that_does_not_resolve_is_refused(guarded: GraphQLClient) -> None:
    url = "https://no-such-host.invalid/hook"
    error = await guarded.error(CREATE, {"input": {"url": url}}, token=token("boss", unique("t"), "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "does not resolve" in error["message"]


async def test_webhooks_off_refuses_registration(database_url: str) -> None:
    async for client in api_with(database_url, channels=""):
        error = await client.error(CREATE, {"input": {"url": "http://127.0.0.1:9/"}}, token=token("b", "t", "admin"))
        assert error["extensions"]["code"] == "BAD_USER_INPUT" and "WEBHOOKS=true" in error["message"]


def test_address_kinds() -> None:
    public = ["93.184.216.34", "2606:4700:4700::1111", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"]
    assert [refusal(ipaddress.ip_address(a)) for a in public] == [None] * 4
    refused = {
        "127.0.0.2": "loopback",
        "::1": "loopback",
        "::ffff:127.0.0.1": "loopback",
        "::ffff:169.254.169.254": "link-local",
        "fe80::1": "link-local",
        "10.0.0.1": "private",
        "fd12::1": "private",
        "ff02::1": "multicast",
        "239.1.1.1": "multicast",
        "0.0.0.0": "unspecified",
        "::": "unspecified",
        "240.0.0.1": "reserved",
        "100.64.0.1": "non-global",
        "2002:7f00:1::": "loopback",  # 6to4 of 127.0.0.1
        "64:ff9b::a00:1": "private",  # NAT64 of 10.0.0.1
        "fec0::1": "site-local",
        "::ffff:192.0.0.8": "non-global",
        "192.0.0.170": "private",
    }
    assert {a: refusal(ipaddress.ip_address(a)) for a in refused} == refused
    # One private address among public ones refuses the name: the resolver, not us, would choose.
    with pytest.raises(Refused, match="loopback"):
        checked(["93.184.216.34", "127.0.0.1"])


@pytest.mark.slow
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])  # an address as such, and a name resolved at connection
async def test_at_delivery_an_endpoint_that_now_resolves_privately_is_refused_and_not_posted(
    other_database_url: str, host: str
) -> None:
    with receiving() as receiver:
        receiver_url = receiver.url.replace("127.0.0.1", host)
        # Registered while private addresses were allowed (a name that resolved publicly then, say) ...
        async with open_runtime(webhook_settings(other_database_url)) as runtime:
            tenant = unique("t")
            admin = Principal(user_id="admin", tenant_id=tenant, roles=frozenset({"admin"}))
            await webhooks.create(runtime, admin, None, receiver_url)
        # ... delivered by a worker that does not allow them: the connection is refused, not made.
        async with open_runtime(configured(other_database_url, webhooks=True)) as runtime, delivering(runtime):
            result = await sending.send_notification(runtime, user="ann", tenant=tenant, title="Hi", message="x")
            [row] = await settled(runtime, result.notification.id, 1)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == "the endpoint resolves to a loopback address"
    assert receiver.requests == []


@pytest.mark.slow
async def test_each_endpoint_gets_its_own_signed_delivery_and_redirects_are_not_followed(
    other_database_url: str,
) -> None:
    moved = lambda n, request: (307, {"location": "http://127.0.0.1:9/elsewhere"})  # noqa: E731
    with receiving() as one, receiving() as two, receiving(moved) as three:
        async with open_runtime(webhook_settings(other_database_url)) as runtime, delivering(runtime):
            tenant, first = await hooked(runtime, one)
            _, second = await hooked(runtime, two, tenant)
            await hooked(runtime, three, tenant)
            result = await sending.send_notification(runtime, user="ann", tenant=tenant, title="Hi", message="x")
            rows = await settled(runtime, result.notification.id, 3)
    assert sorted(row.status for row in rows) == ["failed", "sent", "sent"]
    [redirected] = [row for row in rows if row.status == "failed"]
    assert redirected.last_error is not None and redirected.last_error.startswith("HTTP 307")
    [a], [b] = one.requests, two.requests
    assert a.headers["webhook-id"] != b.headers["webhook-id"]
    Webhook(first).verify(a.body, a.headers)
    Webhook(second).verify(b.body, b.headers)
    with pytest.raises(Exception, match="signature"):
        Webhook(first).verify(b.body, b.headers)  # each endpoint's own secret
    assert len(three.requests) == 1  # and not again at the redirect's target


@pytest.mark.slow
async def test_at_delivery_a_name_that_does_not_resolve_is_retried_not_failed_at_once(other_database_url: str) -> None:
    tenant = unique("t")
    admin = Principal(user_id="boss", tenant_id=tenant, roles=frozenset({"admin"}))
    async with open_runtime(webhook_settings(other_database_url)) as runtime:
        await webhooks.create(runtime, admin, None, "http://no-such-host.invalid/hook")
    settings = configured(other_database_url, webhooks=True, delivery_max_attempts=2)
    async with open_runtime(settings) as runtime, delivering(runtime):
        result = await sending.send_notification(runtime, user="ann", tenant=tenant, title="Hi", message="x")
        [row] = await settled(runtime, result.notification.id, 1)
    assert (row.status, row.attempts) == ("failed", 2)
    assert row.last_error == "gave up after 2 attempts: the endpoint's host name does not resolve"
