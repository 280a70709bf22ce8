"""Who is calling: JWT verification and issuing, and what each role may do."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import jwt
from jwt.types import Options

from services.errors import Forbidden, Unauthenticated
from services.ids import MAX_ID, is_id
from services.jwks import ASYMMETRIC, MAX_KID, KeySet
from settings import Settings

ALGORITHM = "HS256"
ROLES = frozenset({"admin", "service"})
MAX_ROLE = 100  # a role's name, as `user_roles` keeps it
MAX_ROLES = 50  # held by one user


@dataclass(frozen=True)
class Principal:
    user_id: str
    tenant_id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    expires_at: float | None = None
    # Every role the token names that sends could address (`services.roles`), `admin` and `service` included.
    token_roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        """How this caller is named as a sender (idempotency keys are scoped to it)."""
        # Length-prefixed: ids may contain "/", and ("t/x", "a") must not name the same sender as ("t", "x/a").
        return f"{len(self.tenant_id)}:{self.tenant_id}/{self.user_id}"

    def sender_for(self, tenant_id: str) -> str:
        """How this caller is named as the sender of a send to `tenant_id`: `key` in its own tenant, a name per
        tenant in others (a service's), so that one idempotency key used in two tenants sends in each."""
        if tenant_id == self.tenant_id:
            return self.key
        # The target first, length-prefixed: where `key` has "/" after its tenant, this has "@".
        return f"{len(tenant_id)}:{tenant_id}@{self.key}"

    def require_sender_for(self, tenant_id: str) -> None:
        """`service` may send to any tenant, `admin` to its own; everyone else to nobody."""
        if "service" in self.roles:
            return
        if "admin" in self.roles:
            if tenant_id != self.tenant_id:
                raise Forbidden("An admin may only send to users of its own tenant.")
            return
        raise Forbidden("Sending notifications needs the admin or service role.")

    def require_admin_of(self, tenant_id: str) -> None:
        """What a tenant is set up with (webhook endpoints, deliveries, notification defaults): `service` for any
        tenant, `admin` for its own."""
        if "service" in self.roles:
            return
        if "admin" in self.roles:
            if tenant_id != self.tenant_id:
                raise Forbidden("An admin may only manage its own tenant.")
            return
        raise Forbidden("Managing a tenant needs the admin or service role.")


# Senders that are not a token's caller (`cli.py`, `services.sending`), as people read them.
_NAMED_SENDERS = {"cli": "python main.py send", "python": "the Python API"}


def readable_sender(key: str) -> str:
    """`Principal.key` as people read it: `admin1 (acme)` for `4:acme/admin1`; `svc (ops) for acme` for
    `4:acme@3:ops/svc` (`Principal.sender_for`)."""
    length, colon, rest = key.partition(":")
    if colon and length.isdigit() and 0 < int(length) < len(rest):
        tenant, mark, name = rest[: int(length)], rest[int(length)], rest[int(length) + 1 :]
        if mark == "/":
            return f"{name} ({tenant})"
        if mark == "@":
            return f"{readable_sender(name)} for {tenant}"
    return _NAMED_SENDERS.get(key, key)


@dataclass(frozen=True)
class Claims:
    """Where the token names the caller and what it must say: providers name their claims differently."""

    user: str = "sub"
    tenant: str = "tenant"
    roles: str = "roles"
    issuer: str | None = None
    audiences: frozenset[str] = frozenset()
    leeway: float = 0.0


def expected_claims(settings: Settings) -> Claims:
    return Claims(
        user=settings.jwt_user_claim,
        tenant=settings.jwt_tenant_claim,
        roles=settings.jwt_roles_claim,
        issuer=settings.jwt_issuer,
        audiences=settings.audiences,
        leeway=settings.jwt_leeway_seconds,
    )


class UnknownKey(Unauthenticated):
    """The token names a signing key (`kid`) the service has not seen: the key set may have rotated."""

    def __init__(self, kid: str) -> None:
        super().__init__("The token is signed with a key this service does not know.")
        self.kid = kid


class Verifier:
    """Tokens to principals: HS256 with `JWT_SECRET`, and the asymmetric algorithms with the keys of `JWT_JWKS_URL`.
    A token's signature and claims are checked once per process and key set (about a tenth of the cost of a small
    query, mostly HMAC set-up); only the expiry changes with time, and it is checked on every call."""

    def __init__(self, secret: str | None, keys: KeySet | None = None, claims: Claims | None = None) -> None:
        self.secret = secret
        self.keys = keys
        self.claims = claims or Claims()
        self._verified = lru_cache(maxsize=4096)(self._verify)

    def verify(self, token: str) -> Principal:
        """The caller `token` names, if it is valid now; `UnknownKey` when its key may yet be fetched."""
        principal = self._verified(token, self.keys.generation if self.keys is not None else 0)
        if principal.expires_at is not None and principal.expires_at <= time.time():
            raise Unauthenticated("The token has expired.")
        return principal

    async def authenticate(self, token: str) -> Principal:
        """As `verify`, fetching the provider's keys again (rate-limited) when the token names one not seen yet."""
        try:
            return self.verify(token)
        except UnknownKey as unknown:
            if self.keys is None or not await self.keys.refreshed_for(unknown.kid):
                raise
            return self.verify(token)

    def _verify(self, token: str, generation: int) -> Principal:
        # Failures raise and are not cached; a token good once stays good until `exp` (`nbf`/`iat` only get older),
        # or until the key set changes (`generation`).
        try:
            header = jwt.get_unverified_header(token)
        except (jwt.InvalidTokenError, ValueError, TypeError, RecursionError):
            raise Unauthenticated("The token is invalid.") from None
        algorithm, kid = header.get("alg"), header.get("kid")
        if not isinstance(algorithm, str):
            raise Unauthenticated("The token's algorithm is not accepted here.")
        key: str | jwt.PyJWK
        if algorithm == ALGORITHM and self.secret is not None:
            key = self.secret
        elif algorithm in ASYMMETRIC and self.keys is not None:
            if not isinstance(kid, str) or not 0 < len(kid) <= MAX_KID:
                raise Unauthenticated("The token has no `kid` naming its signing key.")
            found = self.keys.get(kid)
            if found is None:
                raise UnknownKey(kid)
            key = found
        else:
            # `none`, HS256 without JWT_SECRET, RS/ES without JWT_JWKS_URL, anything else.
            raise Unauthenticated("The token's algorithm is not accepted here.")
        try:
            # The signature only: PyJWT reads time claims with int(), which takes "123" and fails on 1e400 or
            # Infinity with errors of its own, so every claim is checked below. `algorithms` is the one the key is
            # for: an HS256 token made with a public key as its secret never meets that key.
            claims = jwt.decode(token, key, algorithms=[algorithm], options=_SIGNATURE_ONLY)
        except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError, RecursionError):
            raise Unauthenticated("The token is invalid.") from None
        return _principal(claims, time.time(), self.claims)


# Issuer and audience are checked by `_principal` when configured; otherwise their types only.
_SIGNATURE_ONLY: Options = {
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
}
# Time claims are seconds since 1970 up to the year 9999, as a calendar can show them.
_LATEST = 253_402_300_799


def _claim(claims: dict[str, object], name: str) -> object:
    """Claim `name`, or for a dotted name absent as such (`realm_access.roles`), the path through nested objects."""
    if name in claims or "." not in name:
        return claims.get(name)
    value: object = claims
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _principal(claims: dict[str, object], now: float, wanted: Claims) -> Principal:
    sub, tenant = _claim(claims, wanted.user), _claim(claims, wanted.tenant)
    roles = _claim(claims, wanted.roles)
    roles = [] if roles is None else roles
    if not is_id(sub) or not is_id(tenant):
        raise Unauthenticated(
            f"The token's `{wanted.user}` and `{wanted.tenant}` must be strings of 1 to {MAX_ID} printable characters."
        )
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated(f"The token's `{wanted.roles}` must be a list of strings.")
    for name in ("iss", "jti"):
        if name in claims and not isinstance(claims[name], str):
            raise Unauthenticated(f"The token's `{name}` must be a string.")
    audience = claims.get("aud", "")
    if not isinstance(audience, str) and not (isinstance(audience, list) and all(isinstance(a, str) for a in audience)):
        raise Unauthenticated("The token's `aud` must be a string or a list of strings.")
    if wanted.issuer is not None and claims.get("iss") != wanted.issuer:
        raise Unauthenticated("The token's issuer (`iss`) is not the one this service trusts.")
    if wanted.audiences and wanted.audiences.isdisjoint([audience] if isinstance(audience, str) else audience):
        raise Unauthenticated("The token is not meant for this service (`aud`).")
    if "exp" not in claims:
        raise Unauthenticated("The token has no `exp`.")
    expires, not_before, issued = (_seconds(claims, name) for name in ("exp", "nbf", "iat"))
    # The leeway moves every time claim in the token's favour by the same amount: clocks disagree both ways.
    expires = None if expires is None else expires + wanted.leeway
    if expires is not None and expires <= now:
        raise Unauthenticated("The token has expired.")
    late = now + wanted.leeway
    if (not_before is not None and not_before > late) or (issued is not None and issued > late):
        raise Unauthenticated("The token is not valid yet.")
    return Principal(
        user_id=sub, tenant_id=tenant, roles=frozenset(roles) & ROLES, expires_at=expires, token_roles=_kept(roles)
    )


def _kept(roles: list[str]) -> frozenset[str]:
    """The roles a user could be recorded with (`services.roles`): names without spaces, at most the first 50 in
    order; a provider's others are left out rather than refusing the token."""
    names = sorted(r for r in roles if 0 < len(r) <= MAX_ROLE and r.isprintable() and not any(c.isspace() for c in r))
    return frozenset(names[:MAX_ROLES])


def _seconds(claims: dict[str, object], name: str) -> float | None:
    """Time claim `name` as a number of seconds, None when absent; anything else is refused."""
    if name not in claims:
        return None
    value = claims[name]
    # bool is an int in Python, and NaN compares false with everything.
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= _LATEST:
        raise Unauthenticated(f"The token's `{name}` must be a number of seconds since 1970.")
    return float(value)


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` value, None when absent; malformed values are refused."""
    if header is None or not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must be `Bearer <token>`.")
    return token.strip()


def issue_token(
    secret: str,
    *,
    user: str,
    tenant: str,
    roles: list[str] | None = None,
    ttl: int = 86_400,
    claims: Claims | None = None,
) -> str:
    """An HS256 token, with the claim names, issuer and audience the server expects (`claims`)."""
    wanted = claims or Claims()
    now = int(time.time())
    body: dict[str, object] = {"iat": now, "exp": now + ttl}
    for name, value in ((wanted.user, user), (wanted.tenant, tenant), (wanted.roles, roles or [])):
        _set_claim(body, name, value)
    if wanted.issuer is not None:
        body["iss"] = wanted.issuer
    if wanted.audiences:
        body["aud"] = sorted(wanted.audiences)[0]
    return jwt.encode(body, secret, algorithm=ALGORITHM)


def _set_claim(body: dict[str, object], name: str, value: object) -> None:
    # Dotted names are nested objects, as `_claim` reads them; a name with "://" is one claim (Auth0's namespaces).
    parts = [name] if "://" in name else name.split(".")
    for part in parts[:-1]:
        inner = body.setdefault(part, {})
        assert isinstance(inner, dict)
        body = inner
    body[parts[-1]] = value
