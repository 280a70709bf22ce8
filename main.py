"""The ASGI app (`uvicorn main:app`) and the command line (`python main.py serve|migrate|token|send`)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import strawberry
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http.websocket_origin import normalize_allowed_origins

import assumptions
from models.base import create_engine
from pubsub import BroadcastUnreachable, open_channels
from resolvers.endpoint import NotificationsGraphQL
from resolvers.limits import LimitedBodies
from resolvers.websocket import OpenConnections
from schema.root import schema
from services.runtime import Runtime, open_runtime
from serving import DRAIN_SECONDS, configure_logging
from serving import serve as run_server
from settings import ConfigurationError, Settings, problems

log = logging.getLogger("notifications")
READY_TIMEOUT = 2.0
WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Settings | None = None, *, served: strawberry.Schema = schema) -> Starlette:
    """The ASGI app. Settings are read when it starts (not at import), so a bad environment fails the start-up
    with a clear message rather than the import; so does a change that a fast path does not account for
    (`assumptions`)."""
    graphql = NotificationsGraphQL(served)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        current = settings or Settings()
        assumptions.check(app, served, untested_versions=current.allow_untested_dependencies)
        graphql.connection_init_wait_timeout = timedelta(seconds=current.connection_init_timeout_seconds)
        graphql.max_subscriptions_per_connection = current.max_subscriptions_per_connection
        graphql.graphql_ide = "graphiql" if current.graphiql else None  # None: strawberry answers 404
        # Browsers check origins for HTTP (CORS) and strawberry does for websocket handshakes.
        service.allow_origins(current.allowed_origins)
        graphql.allowed_origins = normalize_allowed_origins(current.allowed_origins)
        # A worker starting while the server serves (a replacement) must not fail for want of Redis: it starts
        # without it, as one that lost it, and catches up when it is back. `serve` checks Redis once, first.
        async with open_runtime(current, broadcast_required=False) as runtime:
            app.state.runtime = runtime
            _collect_less()
            with _going_away_on_sigterm(graphql.connections):
                yield

    routes = [
        Route("/health/live", health_live),
        Route("/health/ready", health_ready),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        # The bell web component, its demo page and the admin view (web/), next to the API they call.
        Mount("/ui", app=StaticFiles(directory=WEB_DIR, html=True), name="ui"),
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

    def allow_origins(self, origins: Sequence[str]) -> None:
        """Let pages on `origins` (or any, with `*`) call the API; none when empty. Set at start-up, from settings."""
        self._entry = self._route
        if origins:
            # Tokens travel in the Authorization header, not in cookies: no credentials to allow.
            self._entry = CORSMiddleware(
                self._route, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["Authorization"]
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._entry(scope, receive, send)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if scope.get("path") == "/graphql" and (kind == "websocket" or (kind == "http" and scope["method"] in _DIRECT)):
            scope["app"] = self  # as Starlette sets it: the endpoint finds the runtime on the app's state
            await self._graphql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


_DIRECT = frozenset({"GET", "POST"})


def _collect_less() -> None:
    """Tune the cyclic garbage collector for a server, once everything made at start-up exists.

    Start-up objects are frozen, as they live as long as the process; the youngest generation waits until most of a
    request's objects are gone; and full collections, long with many connections, come 10 times less often, so that
    a wave of new connections does not leave one due in the next sends (BENCHMARKS.md, *Garbage collector*)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 100)


@contextmanager
def _going_away_on_sigterm(connections: OpenConnections) -> Iterator[None]:
    """On SIGTERM, close every websocket with 1001 (going away) before handing the signal to uvicorn.

    uvicorn's own shutdown would close them with 1012; 1001 tells clients to reconnect elsewhere at once. HTTP
    requests in flight are left to uvicorn, which lets them finish.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signals can only be handled in the main thread (e.g. not under a test client's thread)
        return
    loop = asyncio.get_running_loop()
    previous = signal.getsignal(signal.SIGTERM)
    draining: list[asyncio.Task[None]] = []

    def hand_over(signum: int, frame: FrameType | None) -> None:
        if callable(previous):
            previous(signum, frame)
        else:
            raise SystemExit(128 + signum)

    async def drain(signum: int, frame: FrameType | None) -> None:
        try:
            async with asyncio.timeout(DRAIN_SECONDS):
                await connections.close_all(1001, "Server shutting down")
        except TimeoutError:
            log.warning("some websockets did not close within %.0f s of SIGTERM", DRAIN_SECONDS)
        finally:
            hand_over(signum, frame)

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        if draining:  # a second SIGTERM: stop waiting
            hand_over(signum, frame)
            return
        log.info("SIGTERM: closing %d websocket(s) with 1001, then shutting down", len(connections))
        loop.call_soon_threadsafe(lambda: draining.append(loop.create_task(drain(signum, frame))))

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


async def health_live(request: Request) -> JSONResponse:
    return JSONResponse({"status": "live"})


async def health_ready(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    checks = {"database": await _database_ok(runtime), "broadcast": await _broadcast_ok(runtime)}
    ready = all(checks.values())
    body = {
        "status": "ready" if ready else "unavailable",
        **{k: "ok" if v else "unreachable" for k, v in checks.items()},
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def _database_ok(runtime: Runtime) -> bool:
    try:
        async with asyncio.timeout(READY_TIMEOUT), runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def _broadcast_ok(runtime: Runtime) -> bool:
    try:
        async with asyncio.timeout(READY_TIMEOUT):
            return runtime.channels.healthy and await runtime.channels.ping()
    except TimeoutError:
        return False


app = create_app()


# --- command line ---------------------------------------------------------------------------------------------


def migrate(database_url: str | None = None) -> None:
    # Before alembic is imported: it logs each of its plugins at INFO as it loads them.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from alembic import command
    from alembic.config import Config

    config = Config(str(Path(__file__).resolve().parent / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if database_url:
        config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


class DatabaseUnreachable(Exception):
    """The database cannot be used at all: missing, down, refusing us."""


def _reach_database(settings: Settings) -> None:
    """Connect once before anything else uses the database, so that a database that is missing, or a server that is
    down, is one line naming it rather than a traceback from deep inside the migrations."""
    url = make_url(settings.database_url)
    try:
        if settings.is_embedded:
            # With sqlite3 itself: aiosqlite's thread outlives a failed connection and prints a traceback of its own.
            if url.database and url.database != ":memory:":
                sqlite3.connect(url.database).close()
        else:
            asyncio.run(_select_one(settings.database_url))
    except Exception as error:
        cause: BaseException = error
        while cause.__cause__ is not None:  # SQLAlchemy's wrappers around the driver's error, which says it best
            cause = cause.__cause__
        reason = (str(cause) or type(cause).__name__).splitlines()[0]
        raise DatabaseUnreachable(f"cannot use the database at {settings.shown_database_url}: {reason}") from None


async def _select_one(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()


def _migrate(args: argparse.Namespace) -> None:
    _reach_database(Settings())
    migrate()


def _serve(args: argparse.Namespace) -> None:
    settings = Settings()
    settings.resolved_jwt_secret()  # refuse to start before migrating when the secret is missing
    if args.workers > 1 and settings.broadcast_url.startswith("memory://"):
        raise ConfigurationError(
            "--workers above 1 needs a shared BROADCAST_URL (redis://...): with memory:// a notification would reach "
            "only the subscribers of the process that sent it"
        )
    assumptions.check(app, schema, untested_versions=settings.allow_untested_dependencies)  # one line, not uvicorn's
    _reach_database(settings)
    migrate()
    _require_broadcast(settings)
    log.info("serving GraphQL on http://%s:%d/graphql", args.host, args.port)
    run_server(args.host, args.port, args.workers, log_level=args.log_level, access_log=args.access_log)


def _require_broadcast(settings: Settings) -> None:
    """Refuse to start a server that cannot reach its Redis at all (a wrong BROADCAST_URL, more often than not).
    Only here: once it serves, its workers start without Redis (see `create_app`)."""

    async def connect() -> None:
        async with open_channels(settings.broadcast_url, settings.resolved_broadcast_namespace()):
            pass

    asyncio.run(connect())


def _token(args: argparse.Namespace) -> None:
    from services.auth import issue_token

    secret = Settings().resolved_jwt_secret(announce=False)
    print(issue_token(secret, user=args.user, tenant=args.tenant, roles=list(args.role or []), ttl=args.ttl))


def _send(args: argparse.Namespace) -> None:
    """Through the running server's API, so that its subscribers see the notification live; straight into the
    database only when no server runs at the default URL."""
    import api_client
    from services.auth import issue_token

    settings = Settings()
    url = args.url or os.environ.get("NOTIFICATIONS_URL") or api_client.DEFAULT_URL
    fields = {
        "userId": args.user,
        "title": args.title,
        "message": args.message,
        "type": args.type,
        "priority": args.priority.upper(),
        "actionUrl": args.action_url,
        "actionText": args.action_text,
    }
    # Signed with the secret the server verifies with (JWT_SECRET, or the dev secret file beside it); short-lived.
    secret = settings.resolved_jwt_secret(announce=False)
    token = issue_token(secret, user="cli", tenant=args.tenant, roles=["service"], ttl=60)
    try:
        notification_id, delivered = api_client.send_notification(url, token, fields)
    except api_client.NoServer:
        if url != api_client.DEFAULT_URL:
            sys.exit(f"error: nothing answered at {url}; is the server running there?")
        notification_id, delivered = _send_directly(args, settings)
        live = (
            "with BROADCAST_URL=memory:// no open bell sees it live, only at its next load"
            if settings.broadcast_url.startswith("memory://")
            else "server processes listening on the same BROADCAST_URL deliver it live"
        )
        print(f"no server answered at {url}: stored in the database directly; {live}", file=sys.stderr)
    except api_client.Refused as error:
        hint = ""
        if error.code == "UNAUTHENTICATED":
            hint = (
                " (the server verifies tokens with another secret: run `send` with the server's JWT_SECRET, or from "
                "its directory when it uses the dev secret)"
            )
        sys.exit(f"error ({error.code}): {error.message}{hint}")
    state = "delivered" if delivered else "skipped by the user's preferences"
    print(f"notification {notification_id} {state}")


def _send_directly(args: argparse.Namespace, settings: Settings) -> tuple[str, bool]:
    from services.errors import ServiceError
    from services.sending import send_notification

    async def send() -> tuple[str, bool]:
        async with open_runtime(settings) as runtime:
            result = await send_notification(
                runtime,
                user=args.user,
                tenant=args.tenant,
                title=args.title,
                message=args.message,
                type=args.type,
                priority=args.priority,
                action_url=args.action_url,
                action_text=args.action_text,
                sender="cli",
            )
        return str(result.notification.id), bool(result.delivered)

    _reach_database(settings)
    try:
        return asyncio.run(send())
    except ServiceError as error:
        sys.exit(f"error ({error.code}): {error.message}")


def _print_schema(args: argparse.Namespace) -> None:
    from strawberry.printer import print_schema

    text = print_schema(schema) + "\n"
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)


def cli(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python main.py", description="Real-time notification service.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="apply migrations, then serve HTTP and websockets")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers", type=int, default=1, help="server processes sharing the port (each its own socket, SO_REUSEPORT)"
    )
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--no-access-log", dest="access_log", action="store_false", help="no line per HTTP request")
    serve.set_defaults(run=_serve)

    commands.add_parser("migrate", help="apply migrations to DATABASE_URL").set_defaults(run=_migrate)

    token = commands.add_parser("token", help="print a development JWT signed with JWT_SECRET")
    token.add_argument("--user", required=True)
    token.add_argument("--tenant", required=True)
    token.add_argument("--role", action="append", choices=["admin", "service"], help="repeatable")
    token.add_argument("--ttl", type=int, default=86_400, help="seconds until it expires")
    token.set_defaults(run=_token)

    send = commands.add_parser(
        "send", help="send a notification to one user, through the running server (or straight to the database)"
    )
    send.add_argument("--user", required=True)
    send.add_argument("--tenant", required=True)
    send.add_argument("--title", required=True)
    send.add_argument("--message", required=True)
    send.add_argument("--type", default="system")
    send.add_argument("--priority", default="normal", choices=["low", "normal", "high", "urgent"])
    send.add_argument("--action-url")
    send.add_argument("--action-text")
    send.add_argument(
        "--url", help="the server's GraphQL endpoint (default: NOTIFICATIONS_URL, or http://127.0.0.1:8000/graphql)"
    )
    send.set_defaults(run=_send)

    sdl = commands.add_parser("schema", help="print the GraphQL schema (SDL), as committed in schema.graphql")
    sdl.add_argument("--output", help="write to this file instead of standard output")
    sdl.set_defaults(run=_print_schema)

    args = parser.parse_args(argv)
    # `serve --log-level` sets the service's lines as well as uvicorn's; the other commands say only what went wrong.
    configure_logging(getattr(args, "log_level", "warning"))
    try:
        args.run(args)
    except ValidationError as error:
        sys.exit(f"configuration error: {problems(error)}")
    except ConfigurationError as error:
        sys.exit(f"configuration error: {error}")
    except DatabaseUnreachable as error:
        sys.exit(f"database error: {error}")
    except BroadcastUnreachable as error:
        sys.exit(f"error: {error}")
    except assumptions.BrokenAssumption as error:
        sys.exit(f"start-up refused: {error}")


if __name__ == "__main__":
    cli()
