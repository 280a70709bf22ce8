"""A tenant's webhook endpoints, managed by its admins: registered with a URL that must reach a public address
(`channels.addresses`), a secret made here and shown once, and optionally the types they take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from channels import addresses
from channels.webhook import new_secret
from models import webhook
from models.webhook import WebhookEndpoint
from services.auth import Principal
from services.draft import check_external_id, check_type, storable
from services.errors import BadInput, NotFound
from services.runtime import Runtime

MAX_URL = 2048
MAX_TYPES = 50
MAX_ENDPOINTS = 20  # per tenant: each is a POST per recipient of every send
MAX_DESCRIPTION = 200


@dataclass(frozen=True)
class Endpoint:
    id: int
    url: str
    description: str | None
    enabled: bool
    types: list[str]
    created_at: datetime


@dataclass(frozen=True)
class Created:
    endpoint: Endpoint
    secret: str  # shown this once; never read back


@dataclass(frozen=True)
class Changes:
    """Fields left None are kept; `types=[]` takes every type again."""

    url: str | None = None
    description: str | None = None
    enabled: bool | None = None
    types: list[str] | None = None


def _tenant(principal: Principal, tenant_id: str | None) -> str:
    tenant = tenant_id if tenant_id is not None else principal.tenant_id
    check_external_id("tenant id", tenant)
    principal.require_admin_of(tenant)
    return tenant


def _webhooks_on(runtime: Runtime) -> None:
    if "webhook" not in runtime.settings.channel_names:
        raise BadInput("Webhooks are off in this deployment: WEBHOOKS=true (or `webhook` in CHANNELS) turns them on.")


async def check_url(runtime: Runtime, url: str) -> None:
    """An http(s) URL of at most MAX_URL characters whose host resolves to public addresses only (unless the
    deployment allows private ones). Checked again at every delivery: names can move."""
    if len(url) > MAX_URL or not storable(url) or any(c.isspace() or ord(c) < 32 for c in url):
        raise BadInput(f"`url` must be at most {MAX_URL} characters with no spaces or control characters.")
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise BadInput("`url` has an invalid port.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput("`url` must be an http:// or https:// URL with a host.")
    if parts.fragment:
        raise BadInput("`url` must not have a #fragment.")
    if runtime.settings.webhook_allow_private:
        return
    try:
        await addresses.public(parts.hostname, port)
    except (addresses.Refused, addresses.Unresolved) as refused:
        raise BadInput(f"`url` is refused: {refused}.") from None


def _check_types(types: list[str]) -> list[str]:
    if len(types) > MAX_TYPES:
        raise BadInput(f"At most {MAX_TYPES} types per endpoint.")
    for type_ in types:
        check_type(type_)
    return sorted(set(types))


def _check_description(description: str | None) -> None:
    if description is not None and (len(description) > MAX_DESCRIPTION or not storable(description)):
        raise BadInput(f"`description` must be at most {MAX_DESCRIPTION} characters.")


def _endpoint(row: WebhookEndpoint, types: list[str]) -> Endpoint:
    return Endpoint(row.id, row.url, row.description, row.enabled, types, row.created_at)


async def create(
    runtime: Runtime,
    principal: Principal,
    tenant_id: str | None,
    url: str,
    description: str | None = None,
    types: list[str] | None = None,
) -> Created:
    tenant = _tenant(principal, tenant_id)
    _webhooks_on(runtime)
    listed = _check_types(types or [])
    _check_description(description)
    await check_url(runtime, url)
    secret = new_secret()
    async with runtime.transaction() as session:
        if len(await webhook.of_tenant(session, tenant)) >= MAX_ENDPOINTS:
            raise BadInput(f"A tenant may have at most {MAX_ENDPOINTS} webhook endpoints.")
        row = WebhookEndpoint(tenant_id=tenant, url=url, secret=secret, description=description, enabled=True)
        session.add(row)
        await session.flush()
        await webhook.set_types(session, row.id, listed)
    return Created(_endpoint(row, listed), secret)


async def endpoints(runtime: Runtime, principal: Principal, tenant_id: str | None) -> list[Endpoint]:
    tenant = _tenant(principal, tenant_id)
    async with runtime.reading() as session:
        return [_endpoint(row, types) for row, types in await webhook.of_tenant(session, tenant)]


def endpoint_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise NotFound("No such webhook endpoint.")
    return int(value)


async def update(runtime: Runtime, principal: Principal, tenant_id: str | None, id: str, changes: Changes) -> Endpoint:
    tenant = _tenant(principal, tenant_id)
    listed = _check_types(changes.types) if changes.types is not None else None
    _check_description(changes.description)
    if changes.url is not None:
        await check_url(runtime, changes.url)
    async with runtime.transaction() as session:
        row = await webhook.owned(session, tenant, endpoint_id(id))
        if row is None:
            raise NotFound("No such webhook endpoint.")  # another tenant's too: the two cannot be told apart
        for name in ("url", "description", "enabled"):
            value = getattr(changes, name)
            if value is not None:
                setattr(row, name, value)
        if listed is not None:
            await webhook.set_types(session, row.id, listed)
        await session.flush()
        types = (await webhook.types_of(session, [row.id])).get(row.id, [])
    return _endpoint(row, types)


async def delete(runtime: Runtime, principal: Principal, tenant_id: str | None, id: str) -> None:
    """Its open deliveries fail when next claimed ("the endpoint was deleted"); its history stays."""
    tenant = _tenant(principal, tenant_id)
    async with runtime.transaction() as session:
        row = await webhook.owned(session, tenant, endpoint_id(id))
        if row is None:
            raise NotFound("No such webhook endpoint.")
        await session.delete(row)
