"""Who may use the data admin, on whose rows, and the CSRF token of its forms.

A login takes an `admin` token (its own tenant's rows), a `service` token (every tenant's) or ADMIN_PASSWORD
(every tenant's). The session is a signed cookie (Starlette's, SameSite=Strict) holding the scope, never the token;
it ends with the token, or after MAX_SESSION_SECONDS. sqladmin's forms carry no CSRF token, so the login form and
every action's form here carry one, kept in the session and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from sqladmin.authentication import AuthenticationBackend
from starlette.requests import Request

from services.auth import Verifier
from services.errors import Unauthenticated

MAX_SESSION_SECONDS = 8 * 3600
COOKIE = "notifications_admin"
_SCOPE = "scope"
_CSRF = "csrf"


@dataclass(frozen=True)
class Scope:
    """Whose rows a logged-in session sees and acts on: one tenant's, or every tenant's (`tenant_id` None)."""

    tenant_id: str | None
    who: str


def scope_of(request: Request) -> Scope:
    """The scope `AdminLogin.authenticate` found for this request; a view is never reached without one."""
    scope = getattr(request.state, "admin_scope", None)
    if not isinstance(scope, Scope):
        raise RuntimeError("an admin page was reached without an authenticated session")
    return scope


def csrf_token(request: Request) -> str:
    """The session's CSRF token for a form of this page, made on first use."""
    token = request.session.get(_CSRF)
    if not isinstance(token, str):
        token = request.session[_CSRF] = secrets.token_urlsafe(32)
    return token


def csrf_valid(request: Request, given: object) -> bool:
    kept = request.session.get(_CSRF)
    return isinstance(kept, str) and isinstance(given, str) and hmac.compare_digest(kept.encode(), given.encode())


class AdminLogin(AuthenticationBackend):
    def __init__(self, identity: Verifier, secret: str, password: str | None, *, https_only: bool) -> None:
        # Derived from a deployment's secret: every process accepts the others' sessions, and rotating the secret
        # ends them; the cookie never carries anything that would verify a token.
        key = hmac.new(secret.encode(), b"notifications admin session", hashlib.sha256).hexdigest()
        super().__init__(
            secret_key=key,
            session_cookie=COOKIE,
            max_age=MAX_SESSION_SECONDS,
            same_site="strict",
            https_only=https_only,
        )
        self._identity, self._password = identity, password

    async def login(self, request: Request) -> bool:
        form = await request.form()
        if not csrf_valid(request, form.get("csrf_token")):
            return False
        given = form.get("password")
        if not isinstance(given, str) or not given:
            return False
        now = time.time()
        if self._password is not None and hmac.compare_digest(given.encode(), self._password.encode()):
            tenant, who, until = None, "password", now + MAX_SESSION_SECONDS
        else:
            try:
                principal = await self._identity.authenticate(given.strip())
            except Unauthenticated:
                return False
            if "service" in principal.roles:
                tenant = None
            elif "admin" in principal.roles:
                tenant = principal.tenant_id
            else:
                return False
            who = principal.key
            until = min(principal.expires_at or now + MAX_SESSION_SECONDS, now + MAX_SESSION_SECONDS)
        # A fresh session, and a fresh CSRF token with it: nothing from before the login carries over.
        request.session.clear()
        request.session[_SCOPE] = {"tenant": tenant, "who": who, "until": until}
        csrf_token(request)
        return True

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        kept = request.session.get(_SCOPE)
        if not isinstance(kept, dict) or not kept.get("until", 0) > time.time():
            request.session.pop(_SCOPE, None)
            return False
        request.state.admin_scope = Scope(tenant_id=kept.get("tenant"), who=str(kept.get("who")))
        return True

    async def get_user_id(self, request: Request) -> str:
        return scope_of(request).who
