"""GraphQL types of a tenant's webhook endpoints."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services import webhooks as webhooks_service


@strawberry.type(description="Where a tenant's webhooks go: each notification its users get is POSTed here.")
class WebhookEndpoint:
    id: strawberry.ID = strawberry.field(description="The endpoint's id, to update or delete it.")
    url: str = strawberry.field(description="The http(s) URL POSTed to.")
    description: str | None = strawberry.field(description="The admin's note on what it is for; null for none.")
    enabled: bool = strawberry.field(
        description="Whether sends write deliveries to it; a disabled endpoint's open deliveries fail, and can be "
        "retried (`retryDeliveries`) once it is enabled again."
    )
    types: list[str] = strawberry.field(description="The notification types it takes; empty: every type.")
    created_at: datetime = strawberry.field(description="When it was registered.")

    @classmethod
    def of(cls, endpoint: webhooks_service.Endpoint) -> WebhookEndpoint:
        return cls(
            id=strawberry.ID(str(endpoint.id)),
            url=endpoint.url,
            description=endpoint.description,
            enabled=endpoint.enabled,
            types=endpoint.types,
            created_at=endpoint.created_at,
        )


@strawberry.type(description="A new endpoint, with its signing secret: shown here once, never again.")
class CreatedWebhookEndpoint:
    endpoint: WebhookEndpoint = strawberry.field(description="The endpoint as registered.")
    secret: str = strawberry.field(
        description="The Standard Webhooks signing secret (`whsec_` + base64): verify each POST's "
        "`webhook-signature` with it. Store it now: it is not shown again."
    )


@strawberry.input(description="A webhook endpoint to register.")
class CreateWebhookEndpointInput:
    url: str = strawberry.field(
        description="An http(s) URL of at most 2,048 characters. Its host must resolve to public addresses (not "
        "loopback, private, link-local and the like) unless the deployment allows them."
    )
    description: str | None = strawberry.field(default=None, description="A note, at most 200 characters.")
    types: list[str] | None = strawberry.field(
        default=None, description="Only these notification types (at most 50); null or empty: every type."
    )
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input(description="Changes to a webhook endpoint; null leaves a field as it is.")
class UpdateWebhookEndpointInput:
    id: strawberry.ID = strawberry.field(description="The endpoint's id.")
    url: str | None = strawberry.field(default=None, description="A new URL, checked as at registration.")
    description: str | None = strawberry.field(default=None, description="A new note.")
    enabled: bool | None = strawberry.field(default=None, description="Turn it off (false) or on again (true).")
    types: list[str] | None = strawberry.field(
        default=None, description="Replaces the types it takes; `[]`: every type."
    )
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")
