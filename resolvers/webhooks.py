"""A tenant's webhook endpoints, for its admins (and service callers)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from schema.webhooks import (
    CreatedWebhookEndpoint,
    CreateWebhookEndpointInput,
    UpdateWebhookEndpointInput,
    WebhookEndpoint,
)
from services import webhooks

Tenant = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="The caller's tenant by default; only service callers may name another."),
]


def _tenant(tenant_id: strawberry.ID | None) -> str | None:
    return str(tenant_id) if tenant_id is not None else None


async def webhook_endpoints(info: Info, tenant_id: Tenant = None) -> list[WebhookEndpoint]:
    found = await webhooks.endpoints(info.context.runtime, info.context.require_principal(), _tenant(tenant_id))
    return [WebhookEndpoint.of(endpoint) for endpoint in found]


async def create_webhook_endpoint(
    info: Info, input: Annotated[CreateWebhookEndpointInput, strawberry.argument(description="The endpoint.")]
) -> CreatedWebhookEndpoint:
    created = await webhooks.create(
        info.context.runtime,
        info.context.require_principal(),
        _tenant(input.tenant_id),
        input.url,
        input.description,
        input.types,
    )
    return CreatedWebhookEndpoint(endpoint=WebhookEndpoint.of(created.endpoint), secret=created.secret)


async def update_webhook_endpoint(
    info: Info, input: Annotated[UpdateWebhookEndpointInput, strawberry.argument(description="What to change.")]
) -> WebhookEndpoint:
    changes = webhooks.Changes(url=input.url, description=input.description, enabled=input.enabled, types=input.types)
    updated = await webhooks.update(
        info.context.runtime, info.context.require_principal(), _tenant(input.tenant_id), str(input.id), changes
    )
    return WebhookEndpoint.of(updated)


async def delete_webhook_endpoint(
    info: Info,
    id: Annotated[strawberry.ID, strawberry.argument(description="The endpoint's id.")],
    tenant_id: Tenant = None,
) -> bool:
    await webhooks.delete(info.context.runtime, info.context.require_principal(), _tenant(tenant_id), str(id))
    return True
