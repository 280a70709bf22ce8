"""SMS through an HTTP provider, in one of two shapes. Generic: SMS_URL receives a JSON POST `{"to", "body"}`, with
SMS_TOKEN, if set, as a bearer token. Twilio's Messages API (SMS_ACCOUNT set): SMS_URL, the account's
`.../Accounts/<sid>/Messages.json`, receives the form `To`, `From` (SMS_FROM), `Body`, with HTTP basic auth of
SMS_ACCOUNT and SMS_TOKEN. Either way the delivery's stable id goes as its `Idempotency-Key`."""

from __future__ import annotations

import base64
from typing import Self
from urllib.parse import urlencode

import orjson

from channels import answers
from channels.base import Channel, Failed, Outcome, delivery_key, required
from models.outbox import Claimed, Reach
from settings import ConfigurationError, Settings

# Two concatenated segments at most: longer texts cost more and read worse than the link to the rest. A segment of
# a concatenated text holds 153 GSM-7 characters, or 67 UTF-16 units once one character is outside GSM-7.
GSM_LIMIT, UCS2_LIMIT = 306, 134
_GSM = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")  # two septets each (an escape, then the character)


def is_gsm(text: str) -> bool:
    return all(c in _GSM or c in _GSM_EXTENDED for c in text)


def size(text: str, gsm: bool) -> int:
    """`text`'s length in the encoding's units: septets for GSM-7, UTF-16 code units otherwise."""
    if gsm:
        return len(text) + sum(c in _GSM_EXTENDED for c in text)
    return len(text) + sum(ord(c) > 0xFFFF for c in text)


def fitted(words: str, link: str | None) -> str:
    """`words`, then `link`, in two segments: the words cut (and marked so) to make room; the link whole, or left
    out if it would leave the words less than half the room."""
    tail = f" {link}" if link else ""
    gsm = is_gsm(words + tail)
    limit = GSM_LIMIT if gsm else UCS2_LIMIT
    if size(words + tail, gsm) <= limit:
        return words + tail
    marker = "..." if gsm else "…"  # an ellipsis is not GSM-7: it would double the text's cost
    room = limit - size(marker + tail, gsm)
    if link and room < limit // 2:
        return fitted(words, None)
    kept, used = [], 0
    for c in words:
        used += size(c, gsm)
        if used > room:
            break
        kept.append(c)
    return "".join(kept).rstrip() + marker + tail


def text(item: Claimed) -> str:
    message = item.message
    link = message.action_url if message.action_url and message.action_url.startswith(("https://", "http://")) else None
    return fitted(f"{message.title}: {message.body}", link)


class SmsChannel(Channel):
    reach = Reach("sms", preference="sms", contact="phone")
    quiet = True

    def __init__(
        self, url: str, token: str | None, timeout: float, *, account: str | None = None, sender: str | None = None
    ) -> None:
        self._url, self._token, self._account, self._sender = url, token, account, sender
        self._poster = answers.Poster(timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        url = required(settings.sms_url, "SMS_URL", "sms")
        token = settings.sms_token.get_secret_value() if settings.sms_token is not None else None
        if settings.sms_account is not None:
            token = required(settings.sms_token, "SMS_TOKEN", "sms with SMS_ACCOUNT")
            if not settings.sms_from:
                raise ConfigurationError("the sms channel with SMS_ACCOUNT needs SMS_FROM")
            timeout = settings.delivery_timeout_seconds
            return cls(url, token, timeout, account=settings.sms_account, sender=settings.sms_from)
        return cls(url, token, settings.delivery_timeout_seconds)

    async def deliver(self, item: Claimed) -> Outcome:
        if not item.phone:
            return Failed("the user has no phone number")
        headers = {"idempotency-key": delivery_key(item)}
        if self._account is not None:
            form = urlencode({"To": item.phone, "From": self._sender or "", "Body": text(item)})
            credentials = base64.b64encode(f"{self._account}:{self._token or ''}".encode()).decode()
            headers.update(
                {"content-type": "application/x-www-form-urlencoded", "authorization": f"Basic {credentials}"}
            )
            return await self._poster.post(self._url, form.encode(), headers)
        if self._token:
            headers["authorization"] = f"Bearer {self._token}"
        headers["content-type"] = "application/json"
        return await self._poster.post(self._url, orjson.dumps({"to": item.phone, "body": text(item)}), headers)

    async def aclose(self) -> None:
        await self._poster.aclose()


CHANNEL = SmsChannel
