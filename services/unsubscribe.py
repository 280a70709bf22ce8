"""One-click unsubscribe (RFC 8058): a link in each email that switches email off for that notification type.

The link carries who and what (tenant, user, type) and an HMAC of them under a key derived from the service's
secret, so it needs no stored state and cannot be altered to switch off someone else's email. It does not expire:
a link in an old email keeps working, and all it can ever do is turn that one switch off.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass

import orjson

from models.preference import switch_type
from models.user import user_id
from services.errors import BadInput, NotFound
from services.runtime import Runtime

PATH = "/unsubscribe/"
MAX_TOKEN = 1000  # a tenant and a user id of at most 100 characters and a type: far less once encoded


@dataclass(frozen=True)
class Subscription:
    tenant: str
    user: str
    type: str


def _key(secret: str) -> bytes:
    # Derived, so that this MAC is never a valid signature of anything else made with the secret (a token).
    return hmac.new(secret.encode(), b"list-unsubscribe", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret: str, subscription: Subscription) -> str:
    payload = _b64(orjson.dumps([subscription.tenant, subscription.user, subscription.type]))
    mac = hmac.new(_key(secret), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(mac)}"


def link(public_url: str, secret: str, subscription: Subscription) -> str:
    return public_url.rstrip("/") + PATH + token(secret, subscription)


def verified(secret: str, given: str) -> Subscription:
    """The subscription `given` names, if it is a token this service made; else BadInput, saying nothing more."""
    refused = BadInput("This unsubscribe link is not valid.")
    if len(given) > MAX_TOKEN or given.count(".") != 1:
        raise refused
    payload, mac = given.split(".")
    expected = _b64(hmac.new(_key(secret), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(mac.encode(), expected.encode()):
        raise refused
    try:
        tenant, user, type_ = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, orjson.JSONDecodeError, ValueError, TypeError):
        raise refused from None
    return Subscription(str(tenant), str(user), str(type_))


async def unsubscribe(runtime: Runtime, given: str) -> Subscription:
    """Switch email off for the token's user and type (kept as a per-type override: their other switches stay)."""
    subscription = verified(runtime.settings.signing_secret(), given)
    async with runtime.transaction() as session:
        found = await user_id(session, subscription.tenant, subscription.user)
        if found is None:
            raise NotFound("This unsubscribe link is not valid.")
        await switch_type(session, found, subscription.type, "email", False)
    return subscription
