"""Events: triggering them and managing their templates (admin and service callers), following topics, and the
roles triggers address."""

from __future__ import annotations

from typing import Annotated, Any, cast

import strawberry

from resolvers.context import Info
from schema.events import (
    EventTemplate,
    EventTemplateInput,
    SetUserRolesInput,
    SetUserRolesResult,
    TopicSubscriptionInput,
    TopicSubscriptionResult,
    TriggerEventInput,
)
from schema.types import DeleteResult, SendResult
from services import events, roles, templates, topics
from services.auth import Principal
from services.recipients import recipient_id


def _tenant(principal: Principal, tenant_id: strawberry.ID | None) -> str:
    tenant = str(tenant_id) if tenant_id is not None else principal.tenant_id
    principal.require_sender_for(tenant)
    return tenant


async def trigger_event(
    info: Info, input: Annotated[TriggerEventInput, strawberry.argument(description="The event and its recipients.")]
) -> SendResult:
    principal = info.context.require_principal()
    tenant = _tenant(principal, input.tenant_id)
    result = await events.trigger_event(
        info.context.runtime,
        event=input.event,
        tenant=tenant,
        users=[str(u) for u in input.user_ids] if input.user_ids is not None else None,
        to_tenant=bool(input.to_tenant),
        topic=input.topic,
        roles=input.roles,
        # strawberry's JSON scalar is typed as `object`; the service checks that it really is an object.
        data=cast(dict[str, Any], input.data) if input.data is not None else None,
        actor=input.actor,
        locale=input.locale,
        idempotency_key=input.idempotency_key,
        sender=principal.sender_for(tenant),
        limited=True,  # the same budget as sends
    )
    return SendResult.of(result)


TenantArgument = Annotated[strawberry.ID | None, strawberry.argument(description="Defaults to the caller's tenant.")]


async def event_templates(
    info: Info,
    tenant_id: TenantArgument = None,
    event: Annotated[str | None, strawberry.argument(description="Only this event's; null for every event.")] = None,
) -> list[EventTemplate]:
    tenant = _tenant(info.context.require_principal(), tenant_id)
    return [EventTemplate.of(t) for t in await templates.listed(info.context.runtime, tenant, event)]


async def upsert_event_template(
    info: Info, input: Annotated[EventTemplateInput, strawberry.argument(description="The template to save.")]
) -> EventTemplate:
    tenant = _tenant(info.context.require_principal(), input.tenant_id)
    saved = await templates.save(
        info.context.runtime,
        tenant,
        event=input.event,
        locale=input.locale,
        type=input.type,
        priority=input.priority.level,
        title=input.title,
        message=input.message,
        action_url=input.action_url,
        action_text=input.action_text,
        group_by=input.group_by,
        throttle_seconds=input.throttle_seconds,
    )
    return EventTemplate.of(saved)


async def delete_event_template(
    info: Info,
    event: Annotated[str, strawberry.argument(description="The event whose template to remove.")],
    locale: Annotated[str, strawberry.argument(description="The template's locale.")] = "en",
    tenant_id: TenantArgument = None,
) -> DeleteResult:
    tenant = _tenant(info.context.require_principal(), tenant_id)
    return DeleteResult(deleted_count=await templates.delete(info.context.runtime, tenant, event, locale))


def _followers(info: Info, input: TopicSubscriptionInput) -> tuple[str, list[str]]:
    """The tenant and users a topic change is for: the caller alone, or the users a sender names."""
    principal = info.context.require_principal()
    if input.user_ids is None and input.tenant_id in (None, principal.tenant_id):
        return principal.tenant_id, [principal.user_id]
    tenant = _tenant(principal, input.tenant_id)
    users = [str(u) for u in input.user_ids] if input.user_ids is not None else [principal.user_id]
    return tenant, users


_TOPIC = strawberry.argument(description="The topic and who follows it.")


async def subscribe_to_topic(info: Info, input: Annotated[TopicSubscriptionInput, _TOPIC]) -> TopicSubscriptionResult:
    tenant, users = _followers(info, input)
    changed = await topics.subscribe(info.context.runtime, tenant, input.topic, users)
    return TopicSubscriptionResult(topic=input.topic, changed=changed)


async def unsubscribe_from_topic(
    info: Info, input: Annotated[TopicSubscriptionInput, _TOPIC]
) -> TopicSubscriptionResult:
    tenant, users = _followers(info, input)
    changed = await topics.unsubscribe(info.context.runtime, tenant, input.topic, users)
    return TopicSubscriptionResult(topic=input.topic, changed=changed)


async def followed_topics(info: Info) -> list[str]:
    runtime = info.context.runtime
    return await topics.topics_of(runtime, await recipient_id(runtime, info.context.require_principal()))


def _managed(principal: Principal, tenant_id: strawberry.ID | None) -> str:
    tenant = str(tenant_id) if tenant_id is not None else principal.tenant_id
    principal.require_admin_of(tenant)
    return tenant


async def set_user_roles(
    info: Info, input: Annotated[SetUserRolesInput, strawberry.argument(description="The users and their roles.")]
) -> SetUserRolesResult:
    tenant = _managed(info.context.require_principal(), input.tenant_id)
    held = roles.check_roles(input.roles)
    updated = await roles.set_roles(info.context.runtime, tenant, [str(u) for u in input.user_ids], held)
    return SetUserRolesResult(updated=updated, roles=list(held))


async def user_roles(
    info: Info,
    user_id: Annotated[strawberry.ID, strawberry.argument(description="The user whose roles to read.")],
    tenant_id: TenantArgument = None,
) -> list[str]:
    tenant = _managed(info.context.require_principal(), tenant_id)
    return await roles.roles_of(info.context.runtime, tenant, str(user_id))
