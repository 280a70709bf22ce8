"""The identity provider's public keys (`JWT_JWKS_URL`): fetched off the request path, cached, refreshed on a schedule
and when a token names a key not seen yet, at most once per `JWT_JWKS_MIN_REFRESH_SECONDS`."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import httpx
import jwt

log = logging.getLogger("notifications.auth")

# What a provider signs with; HS* is not here: a JWKS holds public keys, and an `oct` key in it is skipped.
ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
_MAX_BYTES = 1 << 20
_MAX_KEYS = 100
MAX_KID = 256


class KeySet:
    """The keys by `kid`. `generation` changes whenever the set does, so verifications cached under an older set
    (a key since removed) are not trusted any longer."""

    def __init__(self, url: str, *, min_refresh_seconds: float, timeout_seconds: float = 5.0) -> None:
        self.url = url
        self.min_refresh_seconds = min_refresh_seconds
        self.timeout_seconds = timeout_seconds
        self.keys: dict[str, jwt.PyJWK] = {}
        self.generation = 0
        self.fetches = 0
        self._last_attempt = -float("inf")
        self._fetching: asyncio.Task[None] | None = None
        self._client = httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=True, max_redirects=3)

    def get(self, kid: str) -> jwt.PyJWK | None:
        return self.keys.get(kid)

    async def refreshed_for(self, kid: str) -> bool:
        """Whether `kid` is known, after fetching the set again if none was fetched lately. Concurrent callers share
        one fetch; within the interval an unknown `kid` is refused without one, so forged tokens cannot make every
        request a call to the provider."""
        if kid in self.keys:
            return True
        if self._fetching is None:
            if time.monotonic() - self._last_attempt < self.min_refresh_seconds:
                return False
            self.refresh_soon()
        assert self._fetching is not None
        # Shielded: a caller that leaves (a closed socket) must not cancel the fetch others wait on.
        await asyncio.shield(self._fetching)
        return kid in self.keys

    def refresh_soon(self) -> None:
        if self._fetching is None:
            self._last_attempt = time.monotonic()
            self._fetching = asyncio.create_task(self._fetch(), name="jwks-fetch")
            self._fetching.add_done_callback(self._fetched)

    def _fetched(self, task: asyncio.Task[None]) -> None:
        self._fetching = None

    async def refresh(self) -> None:
        self.refresh_soon()
        if self._fetching is not None:
            await asyncio.shield(self._fetching)

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            async with self._client.stream("GET", self.url, headers={"accept": "application/json"}) as response:
                response.raise_for_status()
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > _MAX_BYTES:
                        raise ValueError("larger than 1 MiB")
            keys = _usable_keys(json.loads(body))
        except (httpx.HTTPError, ValueError, TypeError, RecursionError) as error:
            # The URL is not logged: it is configuration and could carry a credential.
            log.warning("JWT_JWKS_URL could not be read (%s); keeping the keys already known", type(error).__name__)
            return
        if keys.keys() != self.keys.keys():
            self.generation += 1
        self.keys = keys

    @asynccontextmanager
    async def kept_fresh(self, every_seconds: float) -> AsyncIterator[None]:
        """Fetched now, then every `every_seconds` (keys the provider removed stop verifying), for the block."""

        async def refreshing() -> None:
            while True:
                await asyncio.sleep(every_seconds)
                await self.refresh()

        await self.refresh()
        if not self.keys:
            log.warning("JWT_JWKS_URL gave no usable keys yet: RS/ES tokens are refused until it does")
        task = asyncio.create_task(refreshing(), name="jwks-refresh")
        try:
            yield
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            if self._fetching is not None:
                self._fetching.cancel()
                with suppress(asyncio.CancelledError):
                    await self._fetching
            await self._client.aclose()


def _usable_keys(document: object) -> dict[str, jwt.PyJWK]:
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise ValueError("not a JWK set")
    keys: dict[str, jwt.PyJWK] = {}
    for entry in document["keys"][:_MAX_KEYS]:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        kid = entry.get("kid")
        if not isinstance(kid, str) or not 0 < len(kid) <= MAX_KID or entry.get("kty") not in ("RSA", "EC", "OKP"):
            continue
        try:
            key = jwt.PyJWK(entry)
        except (jwt.PyJWTError, ValueError, TypeError, KeyError):
            continue  # a key of a kind this service cannot use; the others still work
        if key.algorithm_name in ASYMMETRIC:
            keys[kid] = key
    return keys
