"""Webhooks: each delivery a POST of the notification as JSON, signed per the Standard Webhooks spec
(`webhook-id`, `webhook-timestamp`, `webhook-signature`), its id the delivery's stable id so receivers drop repeats.

In this slice one WEBHOOK_URL receives every tenant's deliveries (the payload names the tenant); endpoints
registered per tenant are to come.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any, Self

import orjson
from standardwebhooks import Webhook

from channels import answers
from channels.base import Channel, Outcome, delivery_key, required
from models.message import Priority
from models.outbox import Claimed, Reach
from settings import ConfigurationError, Settings


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
    # One per recipient who got the notification in their inbox: the tenant's systems hear what its users were told.
    reach = Reach("webhook", preference="in_app", contact=None)

    def __init__(self, url: str, secret: str, timeout: float) -> None:
        self._url = url
        # The spec's secrets are 24 to 64 random bytes; the library takes any base64, however short.
        try:
            size = len(base64.b64decode(secret.removeprefix("whsec_"), validate=True))
        except ValueError:
            size = 0
        if not 24 <= size <= 64:  # said without the secret, which the decoder's error would quote
            raise ConfigurationError("WEBHOOK_SECRET must be whsec_ and the base64 of 24 to 64 random bytes")
        self._signer = Webhook(secret)
        self._poster = answers.Poster(timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        url = required(settings.webhook_url, "WEBHOOK_URL", "webhook")
        secret = required(settings.webhook_secret, "WEBHOOK_SECRET", "webhook")
        return cls(url, secret, settings.delivery_timeout_seconds)

    async def deliver(self, item: Claimed) -> Outcome:
        body = orjson.dumps(payload(item)).decode()
        key, now = delivery_key(item), datetime.now(UTC)
        headers = {
            "content-type": "application/json",
            "webhook-id": key,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": self._signer.sign(key, now, body),
        }
        return await self._poster.post(self._url, content=body, headers=headers)

    async def aclose(self) -> None:
        await self._poster.aclose()


CHANNEL = WebhookChannel
