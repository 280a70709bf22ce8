"""What an HTTP provider's answer (a webhook receiver, an SMS gateway) means for the delivery, and one client per
channel, kept alive across deliveries, never following redirects."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from channels import addresses
from channels.base import Failed, Outcome, Retry, Sent

# 408 and 429 say "not now"; any other 4xx says the request itself is wrong, and repeating it changes nothing.
_TRANSIENT = frozenset({408, 429})


def outcome(response: httpx.Response) -> Outcome:
    status = response.status_code
    if 200 <= status < 300:
        return Sent()
    reason = f"HTTP {status}: {response.text[:200]}".strip()
    if status in _TRANSIENT or status >= 500:
        return Retry(reason, after=retry_after(response.headers.get("retry-after")))
    return Failed(reason)  # other 4xx, and redirects, which are not followed: a POST must not wander


def retry_after(value: str | None) -> float | None:
    """Retry-After's delay in seconds (RFC 9110: seconds, or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def unreachable(error: httpx.HTTPError) -> Retry:
    # The error's type and text, never the request: its URL may carry a token.
    return Retry(f"{type(error).__name__}: {str(error)[:200]}")


class Poster:
    """A channel's POSTs to its provider: one client kept alive across deliveries, made at the first, and what
    each answer means for the delivery."""

    def __init__(self, timeout: float, *, allow_private: bool = True) -> None:
        self._timeout, self._allow_private = timeout, allow_private
        self._client: httpx.AsyncClient | None = None

    async def post(self, url: str, **request: Any) -> Outcome:
        if self._client is None:
            self._client = addresses.client(self._timeout, allow_private=self._allow_private)
        try:
            response = await self._client.post(url, **request)
        except httpx.HTTPError as error:
            return unreachable(error)
        except addresses.Refused as error:
            return Failed(str(error))  # for good: an admin must change the endpoint (then retry the deliveries)
        except addresses.Unresolved as error:
            return Retry(str(error))
        return outcome(response)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
