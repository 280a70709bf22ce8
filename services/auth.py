"""Who is calling: JWT verification and issuing, and what each role may do."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import jwt
from jwt.types import Options

from services.errors import Forbidden, Unauthenticated
from services.ids import MAX_ID, is_id

ALGORITHM = "HS256"
ROLES = frozenset({"admin", "service"})


@dataclass(frozen=True)
class Principal:
    user_id: str
    tenant_id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    expires_at: float | None = None

    @property
    def key(self) -> str:
        """How this caller is named as a sender (idempotency keys are scoped to it)."""
        # Length-prefixed: ids may contain "/", and ("t/x", "a") must not name the same sender as ("t", "x/a").
        return f"{len(self.tenant_id)}:{self.tenant_id}/{self.user_id}"

    def require_sender_for(self, tenant_id: str) -> None:
        """`service` may send to any tenant, `admin` to its own; everyone else to nobody."""
        if "service" in self.roles:
            return
        if "admin" in self.roles:
            if tenant_id != self.tenant_id:
                raise Forbidden("An admin may only send to users of its own tenant.")
            return
        raise Forbidden("Sending notifications needs the admin or service role.")

    def require_admin_for(self, tenant_id: str) -> None:
        """A tenant's settings: `service` for any tenant, `admin` for its own."""
        if "service" in self.roles:
            return
        if "admin" in self.roles:
            if tenant_id != self.tenant_id:
                raise Forbidden("An admin may only change the settings of its own tenant.")
            return
        raise Forbidden("A tenant's notification defaults need the admin or service role.")


def decode_token(token: str, secret: str) -> Principal:
    """The caller a token names, if it is valid now. A token's signature and claims are checked once per process
    (about a tenth of the cost of a small query, mostly HMAC set-up); only the expiry changes with time, and it is
    checked on every call."""
    principal = _verified(token, secret)
    if principal.expires_at is not None and principal.expires_at <= time.time():
        raise Unauthenticated("The token has expired.")
    return principal


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> Principal:
    # Failures raise and are not cached; a token good once stays good until `exp` (`nbf`/`iat` only get older).
    try:
        # The signature only: PyJWT reads time claims with int(), which takes "123" and fails on 1e400 or Infinity
        # with errors of its own, so every claim is checked below. `algorithms` pins HS256, which also refuses
        # `alg: none` and key-confusion tricks.
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options=_SIGNATURE_ONLY)
    except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError, RecursionError):
        raise Unauthenticated("The token is invalid.") from None
    return _principal(claims, time.time())


# No audience is configured: `aud` is type-checked and otherwise ignored, whatever it names.
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


def _principal(claims: dict[str, object], now: float) -> Principal:
    sub, tenant, roles = claims.get("sub"), claims.get("tenant"), claims.get("roles", [])
    if not is_id(sub) or not is_id(tenant):
        raise Unauthenticated(f"The token's `sub` and `tenant` must be strings of 1 to {MAX_ID} printable characters.")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated("The token's `roles` must be a list of strings.")
    for name in ("iss", "jti"):
        if name in claims and not isinstance(claims[name], str):
            raise Unauthenticated(f"The token's `{name}` must be a string.")
    audience = claims.get("aud", "")
    if not isinstance(audience, str) and not (isinstance(audience, list) and all(isinstance(a, str) for a in audience)):
        raise Unauthenticated("The token's `aud` must be a string or a list of strings.")
    if "exp" not in claims:
        raise Unauthenticated("The token has no `exp`.")
    expires, not_before, issued = (_seconds(claims, name) for name in ("exp", "nbf", "iat"))
    if expires is not None and expires <= now:
        raise Unauthenticated("The token has expired.")
    if (not_before is not None and not_before > now) or (issued is not None and issued > now):
        raise Unauthenticated("The token is not valid yet.")
    return Principal(user_id=sub, tenant_id=tenant, roles=frozenset(roles) & ROLES, expires_at=expires)


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


def issue_token(secret: str, *, user: str, tenant: str, roles: list[str] | None = None, ttl: int = 86_400) -> str:
    now = int(time.time())
    claims = {"sub": user, "tenant": tenant, "roles": roles or [], "iat": now, "exp": now + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)
