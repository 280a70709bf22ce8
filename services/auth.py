"""Who is calling: JWT verification and issuing, and what each role may do."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import jwt

from services.errors import Forbidden, Unauthenticated

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
        # `algorithms` pins HS256, which also refuses `alg: none` and key-confusion tricks.
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "tenant", "exp"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("The token has expired.") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("The token is invalid.") from None
    sub, tenant, roles = claims.get("sub"), claims.get("tenant"), claims.get("roles", [])
    if not isinstance(sub, str) or not isinstance(tenant, str) or not _id_like(sub) or not _id_like(tenant):
        raise Unauthenticated("The token's `sub` and `tenant` must be non-empty strings of at most 100 characters.")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated("The token's `roles` must be a list of strings.")
    return Principal(user_id=sub, tenant_id=tenant, roles=frozenset(roles) & ROLES, expires_at=float(claims["exp"]))


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


def _id_like(value: object) -> bool:
    if not isinstance(value, str) or not 0 < len(value) <= 100 or value.strip() != value:
        return False
    return value.isprintable() and value.encode(errors="replace").decode() == value
