"""SMS through a generic HTTP provider: SMS_URL receives a JSON POST `{"to", "body"}` with the delivery's stable id
as its `Idempotency-Key`, and SMS_TOKEN, if set, as a bearer token."""

from __future__ import annotations

from typing import Self

from channels import answers
from channels.base import Channel, Failed, Outcome, delivery_key, required
from models.outbox import Claimed, Reach
from settings import Settings

# Two concatenated segments: longer texts cost more and read worse than the link to the rest.
MAX_LENGTH = 306


def text(item: Claimed) -> str:
    message = item.message
    parts = [f"{message.title}: {message.body}"]
    if message.action_url and message.action_url.startswith(("https://", "http://")):
        parts.append(message.action_url)
    whole = " ".join(parts)
    return whole if len(whole) <= MAX_LENGTH else whole[: MAX_LENGTH - 1] + "…"


class SmsChannel(Channel):
    reach = Reach("sms", preference="sms", contact="phone")
    quiet = True

    def __init__(self, url: str, token: str | None, timeout: float) -> None:
        self._url, self._token = url, token
        self._poster = answers.Poster(timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        url = required(settings.sms_url, "SMS_URL", "sms")
        token = settings.sms_token.get_secret_value() if settings.sms_token is not None else None
        return cls(url, token, settings.delivery_timeout_seconds)

    async def deliver(self, item: Claimed) -> Outcome:
        if not item.phone:
            return Failed("the user has no phone number")
        headers = {"idempotency-key": delivery_key(item)}
        if self._token:
            headers["authorization"] = f"Bearer {self._token}"
        return await self._poster.post(self._url, json={"to": item.phone, "body": text(item)}, headers=headers)

    async def aclose(self) -> None:
        await self._poster.aclose()


CHANNEL = SmsChannel
