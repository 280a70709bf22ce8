"""Tokens from an identity provider: RS256 and ES256 verified with the keys of a JWKS server of the test's own (a real
HTTP server, rotated by the test), issuer, audience, leeway and claim names; HS256 beside them."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
import websockets
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from services.auth import Verifier, expected_claims, issue_token
from settings import Settings
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    SEND,
    GraphQLClient,
    in_process,
    serving_here,
    serving_in_thread,
    subscription,
    token,
    unique,
)

UNREAD = "query { unreadCount }"


@dataclass
class Provider:
    """An identity provider's JWKS endpoint: the keys it publishes can be swapped, its requests are counted, and it
    can be held (a slow provider) until released."""

    port: int = 0
    published: list[dict[str, Any]] = field(default_factory=list)
    fetches: int = 0
    held: threading.Event | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/.well-known/jwks.json"

    def publish(self, *keys: SigningKey) -> None:
        self.published = [key.jwk for key in keys]


@dataclass
class SigningKey:
    kid: str
    algorithm: str
    private: Any

    @property
    def jwk(self) -> dict[str, Any]:
        public = self.private.public_key()
        kind = jwt.algorithms.RSAAlgorithm if self.algorithm == "RS256" else jwt.algorithms.ECAlgorithm
        jwk: dict[str, Any] = json.loads(kind.to_jwk(public))
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def public_pem(self) -> bytes:
        return bytes(
            self.private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def sign(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(claims, self.private, algorithm=self.algorithm, headers={"kid": kid or self.kid})


def rsa_key(kid: str) -> SigningKey:
    return SigningKey(kid, "RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048))


def ec_key(kid: str) -> SigningKey:
    return SigningKey(kid, "ES256", ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture
def provider() -> Iterator[Provider]:
    state = Provider()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.fetches += 1
            if state.held is not None:
                state.held.wait(30)
            body = json.dumps({"keys": state.published}).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving_in_thread(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        state.port = server.server_address[1]
        try:
            yield state
        finally:
            if state.held is not None:
                state.held.set()


def claims(user: str, tenant: str, *roles: str, ttl: float = 3600, **extra: Any) -> dict[str, Any]:
    now = time.time()
    return {"sub": user, "tenant": tenant, "roles": list(roles), "iat": int(now), "exp": int(now + ttl), **extra}


@asynccontextmanager
async def service(database_url: str, provider: Provider, **settings: Any) -> AsyncIterator[GraphQLClient]:
    """The service on PostgreSQL trusting `provider`'s keys (and no HS256 secret unless given)."""
    configured = Settings(
        database_url=database_url,
        broadcast_url="memory://",
        jwt_jwks_url=provider.url,
        database_pool_size=2,
        **settings,
    )
    async with in_process(configured) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


async def accepted(api: GraphQLClient, signed: str) -> bool:
    body = await api.run(UNREAD, token=signed)
    if body.get("errors"):
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        return False
    assert body["data"]["unreadCount"] == 0
    return True


async def test_rs256_and_es256_tokens_of_the_provider_are_accepted_and_hs256_only_with_a_secret(
    database_url: str, provider: Provider
) -> None:
    rsa_signer, ec_signer = rsa_key("r1"), ec_key("e1")
    provider.publish(rsa_signer, ec_signer)
    user, tenant = unique("u"), unique("t")
    async with service(database_url, provider) as api:
        assert await accepted(api, rsa_signer.sign(claims(user, tenant)))
        assert await accepted(api, ec_signer.sign(claims(user, tenant)))
        # No JWT_SECRET: HS256 tokens are refused, whatever secret signed them.
        assert not await accepted(api, token(user, tenant))
    async with service(database_url, provider, jwt_secret=JWT_SECRET) as api:
        assert await accepted(api, token(user, tenant))
        assert await accepted(api, rsa_signer.sign(claims(user, tenant)))


async def test_a_rotated_key_set_is_fetched_for_a_new_kid_and_a_removed_kid_stops_working(
    database_url: str, provider: Provider
) -> None:
    old, new = rsa_key("old"), rsa_key("new")
    provider.publish(old)
    user, tenant = unique("u"), unique("t")
    async with service(database_url, provider, jwt_jwks_min_refresh_seconds=0) as api:
        old_token = old.sign(claims(user, tenant))
        assert await accepted(api, old_token)
        fetched = provider.fetches
        # The provider rotates: the new key is published, the old one withdrawn.
        provider.publish(new)
        assert await accepted(api, new.sign(claims(user, tenant)))
        assert provider.fetches == fetched + 1
        # The old token was verified before, but not under this key set: refused now.
        assert not await accepted(api, old_token)


async def test_unknown_and_forged_keys_are_refused_and_cannot_make_every_request_a_fetch(
    database_url: str, provider: Provider
) -> None:
    known, stranger = rsa_key("known"), rsa_key("stranger")
    provider.publish(known)
    user, tenant = unique("u"), unique("t")
    async with service(database_url, provider, jwt_jwks_min_refresh_seconds=3600) as api:
        fetched = provider.fetches
        # Signed by a key the provider never published, under a kid it did publish, and under kids it never did.
        assert not await accepted(api, stranger.sign(claims(user, tenant), kid="known"))
        forged = [stranger.sign(claims(user, tenant), kid=f"k{n}") for n in range(30)]
        results = await asyncio.gather(*(accepted(api, t) for t in forged))
        assert not any(results)
        # The set was fetched at start-up; within the interval no unknown kid fetches it again.
        assert provider.fetches == fetched
    # Past the interval, concurrent unknown kids share one fetch.
    async with service(database_url, provider, jwt_jwks_min_refresh_seconds=0.0) as api:
        fetched = provider.fetches
        provider.held = threading.Event()
        pending = [asyncio.ensure_future(accepted(api, t)) for t in forged[:20]]
        await asyncio.sleep(0.2)
        provider.held.set()
        assert not any(await asyncio.gather(*pending))
        assert provider.fetches == fetched + 1


async def test_algorithm_confusion_and_none_are_refused(database_url: str, provider: Provider) -> None:
    signer = rsa_key("r1")
    provider.publish(signer)
    user, tenant = unique("u"), unique("t")
    body = claims(user, tenant, "service")

    def hand_made(header: dict[str, Any], key: bytes | None) -> str:
        # Headers PyJWT would refuse to write: every kind of `alg` and `kid` a forger may send.
        def part(value: bytes) -> str:
            return base64.urlsafe_b64encode(value).rstrip(b"=").decode()

        signing_input = f"{part(json.dumps(header).encode())}.{part(json.dumps(body).encode())}"
        signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest() if key is not None else b""
        return f"{signing_input}.{part(signature)}"

    # An HS256 token whose HMAC secret is the provider's public key (which anyone can read from the JWKS).
    confused = hand_made({"alg": "HS256", "typ": "JWT", "kid": "r1"}, signer.public_pem())
    odd = ("none", "None", "NONE", "", None, ["RS256"], {"RS256": 1}, 256)
    unsigned = [hand_made({"alg": alg, "typ": "JWT", "kid": "r1"}, None) for alg in odd]
    unsigned += [hand_made({"alg": "RS256", "kid": kid}, None) for kid in (["r1"], {"k": 1}, 1, "", "k" * 300)]
    for settings in ({}, {"jwt_secret": JWT_SECRET}):
        async with service(database_url, provider, **settings) as api:
            assert await accepted(api, signer.sign(body))  # the genuine token
            assert not await accepted(api, confused)
            for forged in unsigned:
                assert not await accepted(api, forged)
            # RS256's signature under a header naming ES256 with the same kid.
            _, payload, signature = signer.sign(body).split(".")
            swapped = base64.urlsafe_b64encode(json.dumps({"alg": "ES256", "kid": "r1"}).encode()).rstrip(b"=")
            assert not await accepted(api, f"{swapped.decode()}.{payload}.{signature}")


async def test_issuer_and_audience_are_checked_when_set(database_url: str, provider: Provider) -> None:
    signer = rsa_key("r1")
    provider.publish(signer)
    user, tenant = unique("u"), unique("t")
    issuer = "https://id.example.com/"
    async with service(database_url, provider, jwt_issuer=issuer, jwt_audience="notifications, bell") as api:
        assert await accepted(api, signer.sign(claims(user, tenant, iss=issuer, aud="notifications")))
        assert await accepted(api, signer.sign(claims(user, tenant, iss=issuer, aud=["other", "bell"])))
        assert not await accepted(api, signer.sign(claims(user, tenant, iss=issuer, aud="other")))
        assert not await accepted(api, signer.sign(claims(user, tenant, iss=issuer)))
        assert not await accepted(api, signer.sign(claims(user, tenant, iss="https://evil.example.com/", aud="bell")))
        assert not await accepted(api, signer.sign(claims(user, tenant, aud="bell")))
    # Unset, neither is required.
    async with service(database_url, provider) as api:
        assert await accepted(api, signer.sign(claims(user, tenant, iss="anyone", aud="anything")))


async def test_leeway_allows_clock_skew_both_ways_and_no_more(database_url: str, provider: Provider) -> None:
    signer = rsa_key("r1")
    provider.publish(signer)
    user, tenant = unique("u"), unique("t")
    now = int(time.time())
    just_expired = {**claims(user, tenant), "exp": now - 5}
    from_ahead = {**claims(user, tenant), "iat": now + 10, "nbf": now + 10}
    long_expired = {**claims(user, tenant), "exp": now - 120}
    async with service(database_url, provider, jwt_leeway_seconds=30) as api:
        assert await accepted(api, signer.sign(just_expired))
        assert await accepted(api, signer.sign(from_ahead))
        assert not await accepted(api, signer.sign(long_expired))
    async with service(database_url, provider) as api:
        assert not await accepted(api, signer.sign(just_expired))
        assert not await accepted(api, signer.sign(from_ahead))


async def test_claim_names_are_configurable_and_roles_still_bind_to_their_tenant(
    database_url: str, provider: Provider
) -> None:
    signer = rsa_key("r1")
    provider.publish(signer)
    tenant, other = unique("t"), unique("t")
    user = unique("u")
    names = {"jwt_user_claim": "email", "jwt_tenant_claim": "org_id", "jwt_roles_claim": "realm_access.roles"}
    now = int(time.time())

    def keycloak(sub: str, org: str, *roles: str) -> str:
        body = {"sub": "opaque", "email": sub, "org_id": org, "realm_access": {"roles": list(roles)}}
        return signer.sign({**body, "iat": now, "exp": now + 3600})

    async with service(database_url, provider, **names) as api:
        admin = keycloak(unique("admin"), tenant, "admin", "offline_access")
        send = {"input": {"userId": user, "title": "t", "message": "m"}}
        assert (await api.data(SEND, send, token=admin))["sendNotification"]["delivered"] == 1
        assert (await api.data(UNREAD, token=keycloak(user, tenant)))["unreadCount"] == 1
        # The same user id in another tenant is another user; the admin's role reaches its own tenant only.
        assert (await api.data(UNREAD, token=keycloak(user, other)))["unreadCount"] == 0
        assert await api.code(SEND, {"input": {**send["input"], "tenantId": other}}, token=admin) == "FORBIDDEN"
        # A plain user's token cannot send, and tokens named the default way lack the claims asked for.
        assert await api.code(SEND, send, token=keycloak(user, tenant)) == "FORBIDDEN"
        assert not await accepted(api, signer.sign(claims(user, tenant, "admin")))


async def test_a_slow_provider_does_not_hold_other_requests(database_url: str, provider: Provider) -> None:
    signer = rsa_key("r1")
    provider.publish(signer)
    user, tenant = unique("u"), unique("t")
    async with service(database_url, provider, jwt_secret=JWT_SECRET, jwt_jwks_min_refresh_seconds=0) as api:
        provider.held = threading.Event()
        waiting = asyncio.ensure_future(accepted(api, rsa_key("r2").sign(claims(user, tenant))))
        # While the fetch for `r2` hangs, tokens with known keys are answered.
        assert await accepted(api, token(user, tenant))
        assert await accepted(api, signer.sign(claims(user, tenant)))
        assert not waiting.done()
        provider.held.set()
        assert not await waiting


def test_the_command_line_signs_what_the_server_expects() -> None:
    settings = Settings(jwt_secret=JWT_SECRET, jwt_issuer="me", jwt_audience="bell", jwt_tenant_claim="org.id")
    signed = issue_token(JWT_SECRET, user="u", tenant="acme", claims=expected_claims(settings))
    principal = Verifier(JWT_SECRET, None, expected_claims(settings)).verify(signed)
    assert (principal.user_id, principal.tenant_id) == ("u", "acme")
    assert jwt.decode(signed, JWT_SECRET, algorithms=["HS256"], audience="bell")["org"] == {"id": "acme"}


@pytest.mark.slow
async def test_a_provider_token_on_a_websocket_is_closed_4403_at_its_expiry(
    database_url: str, provider: Provider
) -> None:
    signer = ec_key("e1")
    provider.publish(signer)
    settings = Settings(database_url=database_url, broadcast_url="memory://", jwt_jwks_url=provider.url)
    async with serving_here(settings) as url, subscription(url, signer.sign(claims("u", unique("t"), ttl=2))) as sub:
        await sub.subscribe("subscription { unreadCountChanged }")
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await sub.receive(within=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
