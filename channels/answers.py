"""What an HTTP provider's answer (a webhook receiver, an SMS gateway) means for the delivery, and one client per
channel, kept alive across deliveries, never following redirects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp

from channels import addresses
from channels.base import Failed, Outcome, Retry, Sent

# 408 and 429 say "not now"; any other 4xx says the request itself is wrong, and repeating it changes nothing.
_TRANSIENT = frozenset({408, 429})
# Of an answer's body, what a failure's reason quotes; and at most what is read (a receiver's whole small body keeps
# its connection for the next request; past this, the connection is dropped instead).
_QUOTED, _READ = 200, 64 * 1024


def outcome(status: int, text: str = "", retry_after_header: str | None = None) -> Outcome:
    if 200 <= status < 300:
        return Sent()
    reason = f"HTTP {status}: {text[:_QUOTED]}".strip()
    if status in _TRANSIENT or status >= 500:
        return Retry(reason, after=retry_after(retry_after_header))
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


def unreachable(error: Exception) -> Retry:
    # The error's type and text, never the request: its URL may carry a token.
    return Retry(f"{type(error).__name__}: {str(error)[:200]}")


class Poster:
    """A channel's POSTs to its provider: one session kept alive across deliveries (and shared by the concurrent
    ones), made at the first, and what each answer means for the delivery."""

    def __init__(self, timeout: float, *, allow_private: bool = True) -> None:
        self._timeout, self._allow_private = timeout, allow_private
        self._session: aiohttp.ClientSession | None = None

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> Outcome:
        if self._session is None:
            self._session = addresses.session(self._timeout, allow_private=self._allow_private)
        try:
            if not self._allow_private:
                addresses.guard(url)
            async with self._session.post(url, data=body, headers=headers, allow_redirects=False) as response:
                text = (await response.content.read(_READ)).decode(errors="replace")
                return outcome(response.status, text, response.headers.get("retry-after"))
        except addresses.Refused as error:
            return Failed(str(error))  # for good: an admin must change the endpoint (then retry the deliveries)
        except addresses.Unresolved as error:
            return Retry(str(error))
        except (aiohttp.ClientError, TimeoutError) as error:
            return unreachable(error)

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()
