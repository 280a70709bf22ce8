"""The ASGI app: its routes, its lifespan (settings, runtime, start-up checks), and /graphql taken straight to the
endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, nullcontext
from datetime import timedelta
from pathlib import Path
from typing import Any

import strawberry
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http.websocket_origin import normalize_allowed_origins

import assumptions
import logs
import metrics
from admin.site import AdminSite
from health import health_live, health_ready
from lifecycle import collect_less, going_away_on_sigterm
from metrics_endpoint import metrics_endpoint
from schema.root import schema
from services.retention import purging
from services.runtime import open_runtime
from services.snooze import waking
from services.worker import delivering
from settings import Settings
from transport.body_limit import LimitedBodies
from transport.connect_limit import NewConnections
from transport.endpoint import NotificationsGraphQL
from unsubscribe import confirm, unsubscribe

WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Settings | None = None, *, served: strawberry.Schema = schema) -> Starlette:
    """The ASGI app. Settings are read when it starts (not at import), so a bad environment fails the start-up
    with a clear message rather than the import; so does a change that a fast path does not account for
    (`assumptions`)."""
    graphql = NotificationsGraphQL(served)
    admin = AdminSite()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        current = settings or Settings()
        metrics.enable(current.metrics)
        assumptions.check(app, served, untested_versions=current.allow_untested_dependencies)
        graphql.connection_init_wait_timeout = timedelta(seconds=current.connection_init_timeout_seconds)
        graphql.max_subscriptions_per_connection = current.max_subscriptions_per_connection
        graphql.graphql_ide = "graphiql" if current.graphiql else None  # None: strawberry answers 404
        # Browsers check origins for HTTP (CORS) and strawberry does for websocket handshakes.
        service.allow_origins(current.allowed_origins)
        graphql.allowed_origins = normalize_allowed_origins(current.allowed_origins)
        rate, burst = current.websocket_connects_per_second, current.websocket_connects_burst
        service.new_connections = NewConnections(rate, burst)
        # A worker starting while the server serves (a replacement) must not fail for want of Redis: it starts
        # without it, as one that lost it, and catches up when it is back. `serve` checks Redis once, first.
        async with open_runtime(current, broadcast_required=False) as runtime:
            app.state.runtime = runtime
            admin.open(runtime)
            collect_less()
            # The outbox is worked off here too, unless DELIVERY_WORKER is off (`python main.py worker` then does).
            # Snoozes ending are announced from every process (each claims its own: `services.snooze`).
            async with (
                waking(runtime),
                delivering(runtime) if current.delivery_worker else nullcontext(),
                purging(runtime),
            ):
                with going_away_on_sigterm(graphql.connections):
                    try:
                        yield
                    finally:
                        admin.close()

    routes = [
        Route("/health/live", health_live),
        Route("/health/ready", health_ready),
        Route("/unsubscribe/{token}", confirm, methods=["GET"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["POST"]),
        Route("/metrics", metrics_endpoint),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        # The bell web component, its demo page and the admin view (web/), next to the API they call.
        Mount("/ui", app=StaticFiles(directory=WEB_DIR, html=True), name="ui"),
        # The data admin (admin/): sqladmin's pages, behind its own login.
        Mount("/admin", app=admin, name="admin"),
    ]
    service = NotificationService(graphql, routes=routes, lifespan=lifespan, middleware=[Middleware(LimitedBodies)])
    return service


class NotificationService(Starlette):
    """The app's routes, with the GraphQL endpoint's own traffic taken straight to it.

    Requests and websockets of /graphql are most of what the service answers, and Starlette's middleware stack and
    router cost a share of answering `unreadCount` and keep objects alive for a websocket's whole life
    (BENCHMARKS.md, *No Starlette stack for /graphql*). So `GET` and `POST /graphql` and its websockets go to the
    endpoint behind the body limit only: what the stack would add for them is error pages for exceptions the
    endpoint does not raise (strawberry answers its own errors; anything else is uvicorn's 500, as behind the
    stack). Everything else, /graphql under another root path and other methods (answered 405) included, goes
    through Starlette as before.

    With CORS origins configured, Starlette's CORSMiddleware comes first, in front of both: it answers preflights to
    any path and adds its headers to every answer, the endpoint's included."""

    def __init__(self, graphql: ASGIApp, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._graphql = LimitedBodies(graphql)
        self._entry: ASGIApp = self._route
        self.new_connections = NewConnections(0, 1)

    def allow_origins(self, origins: Sequence[str]) -> None:
        """Let pages on `origins` (or any, with `*`) call the API; none when empty. Set at start-up, from settings."""
        self._entry = self._route
        if origins:
            # Tokens travel in the Authorization header, not in cookies: no credentials to allow.
            self._entry = CORSMiddleware(
                self._route, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["Authorization"]
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            logs.enter()
        await self._entry(scope, receive, send)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if scope.get("path") == "/graphql" and (kind == "websocket" or (kind == "http" and scope["method"] in _DIRECT)):
            scope["app"] = self  # as Starlette sets it: the endpoint finds the runtime on the app's state
            if kind == "websocket" and await self.new_connections.refused(scope, receive, send):
                return
            await self._graphql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


_DIRECT = frozenset({"GET", "POST"})
