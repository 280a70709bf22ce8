"""/admin: mounted when the app is made, built when the runtime opens (it needs the engine and the JWT secret)."""

from __future__ import annotations

import secrets
import types
from pathlib import Path
from urllib.parse import unquote_plus

from sqladmin import Admin
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from admin.access import AdminLogin, csrf_token
from admin.views import VIEWS, Scoped
from services.runtime import Runtime

TEMPLATES = Path(__file__).resolve().parent / "templates"


class AdminSite:
    """The ASGI app mounted at /admin: sqladmin's, once `open` has built it."""

    def __init__(self) -> None:
        self._app: ASGIApp | None = None
        self._routes: list[BaseRoute] = []

    @property
    def routes(self) -> list[BaseRoute]:
        # Starlette's `url_for("admin:...")` looks through a mount's app's routes.
        return self._routes

    def open(self, runtime: Runtime) -> None:
        settings = runtime.settings
        password = settings.admin_password.get_secret_value() if settings.admin_password else None
        # With only an identity provider's keys (no JWT_SECRET), the session key is ADMIN_PASSWORD or, without one,
        # this process's own: sessions then hold on the process that made them.
        secret = settings.resolved_jwt_secret(announce=False) or password or secrets.token_hex(32)
        https_only = (settings.public_url or "").startswith("https://")
        login = AdminLogin(runtime.identity, secret, password, https_only=https_only)
        # sqladmin mounts itself on the app it is given; the app here mounts what it built instead.
        admin = Admin(
            Starlette(),
            engine=runtime.engine,
            title="Notifications",
            templates_dir=str(TEMPLATES),
            authentication_backend=login,
        )
        admin.templates.env.globals["csrf_token"] = csrf_token
        for view in VIEWS:
            admin.add_view(_bound(view, runtime))
        self._app, self._routes = admin.admin, admin.admin.routes

    def close(self) -> None:
        self._app, self._routes = None, []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        if scope["type"] == "http" and _has_nul(scope):
            # PostgreSQL stores no NUL: a search, filter or id holding one would fail there, as a 500.
            await PlainTextResponse("Bad Request", status_code=400)(scope, receive, send)
            return
        await self._app(scope, receive, send)


def _has_nul(scope: Scope) -> bool:
    query = unquote_plus(scope.get("query_string", b"").decode("latin-1"))
    return "\x00" in scope.get("path", "") or "\x00" in query


def _bound(view: type[Scoped], runtime: Runtime) -> type[Scoped]:
    """A subclass of `view` for this app alone: sqladmin keeps its session maker on the class, and two apps of one
    process (tests, embedding) must not share one."""
    return types.new_class(
        view.__name__,
        (view,),
        {"model": view.model},
        lambda ns: ns.update(name=view.name, name_plural=view.name_plural, runtime=runtime),
    )
