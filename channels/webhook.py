"""Webhooks: each delivery a POST of the notification as JSON, signed per the Standard Webhooks spec
(`webhook-id`, `webhook-timestamp`, `webhook-signature`), its id the delivery's stable id so receivers drop repeats.

Each tenant's admins register its endpoints (`services.webhooks`); each endpoint signs with a secret of its own.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime
from typing import Any, Self

import orjson
from standardwebhooks import Webhook

from channels import answers
from channels.base import Channel, Failed, Outcome, delivery_key
from models.message import Priority
from models.outbox import Claimed, Reach
from settings import Settings


def payload(item: Claimed) -> dict[str, Any]:
    message = item.message
    return {
        "type": "notification.created",
        "data": {
            "id": str(message.id),
            "tenant": item.tenant_id,
            "user": item.user,
            "type": message.type,
            "title": message.title,
            "message": message.body,
            "priority": Priority(message.priority).name.lower(),
            "actionUrl": message.action_url,
            "actionText": message.action_text,
            "metadata": message.data,
            "createdAt": message.created_at.isoformat(),
        },
    }


class WebhookChannel(Channel):
    # For each recipient who got the notification in their inbox, one row per endpoint of their tenant that takes
    # its type: the tenant's systems hear what its users were told.
    reach = Reach("webhook", preference="in_app", contact=None, endpoints=True)

    def __init__(self, timeout: float, *, allow_private: bool) -> None:
        self._poster = answers.Poster(timeout, allow_private=allow_private)

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        return cls(settings.delivery_timeout_seconds, allow_private=settings.webhook_allow_private)

    async def deliver(self, item: Claimed) -> Outcome:
        endpoint = item.endpoint
        if endpoint is None:
            return Failed("the endpoint was deleted")
        if not endpoint.enabled:
            return Failed("the endpoint is disabled")
        body = orjson.dumps(payload(item))
        key, now = delivery_key(item), datetime.now(UTC)
        headers = {
            "content-type": "application/json",
            "webhook-id": key,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(endpoint.secret).sign(key, now, body.decode()),
        }
        return await self._poster.post(endpoint.url, body, headers)

    async def aclose(self) -> None:
        await self._poster.aclose()


def new_secret() -> str:
    """A signing secret as the spec has them: `whsec_` and the base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


CHANNEL = WebhookChannel
