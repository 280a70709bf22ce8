"""The ASGI app (`uvicorn main:app`) and the command line (`python main.py serve|migrate|token|send`)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from pydantic import ValidationError
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from pubsub import BroadcastUnreachable, open_channels
from resolvers.endpoint import NotificationsGraphQL
from resolvers.limits import LimitedBodies
from resolvers.websocket import OpenConnections
from schema.root import schema
from services.runtime import Runtime, open_runtime
from serving import DRAIN_SECONDS, configure_logging
from serving import serve as run_server
from settings import ConfigurationError, Settings

log = logging.getLogger("notifications")
READY_TIMEOUT = 2.0
WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI app. Settings are read when it starts (not at import), so a bad environment fails the start-up
    with a clear message rather than the import."""
    graphql = NotificationsGraphQL(schema)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        current = settings or Settings()
        graphql.connection_init_wait_timeout = timedelta(seconds=current.connection_init_timeout_seconds)
        graphql.max_subscriptions_per_connection = current.max_subscriptions_per_connection
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
    return NotificationService(graphql, routes=routes, lifespan=lifespan, middleware=[Middleware(LimitedBodies)])


class NotificationService(Starlette):
    """The app's routes, with the GraphQL endpoint's own traffic taken straight to it.

    Requests and websockets of /graphql are most of what the service answers, and Starlette's middleware stack and
    router cost a tenth of answering `unreadCount` (BENCHMARKS.md) and keep objects alive for a websocket's whole
    life. So `GET` and `POST /graphql` and its websockets go to the endpoint behind the body limit only: what the
    stack would add for them is error pages for exceptions the endpoint does not raise (strawberry answers its own
    errors; anything else is uvicorn's 500, as behind the stack). Everything else, /graphql under another root path
    and other methods (answered 405) included, goes through Starlette as before."""

    def __init__(self, graphql: ASGIApp, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._graphql = LimitedBodies(graphql)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if scope.get("path") == "/graphql" and (kind == "websocket" or (kind == "http" and scope["method"] in _DIRECT)):
            scope["app"] = self  # as Starlette sets it: the endpoint finds the runtime on the app's state
            await self._graphql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


_DIRECT = frozenset({"GET", "POST"})


def _collect_less() -> None:
    """Tune the cyclic garbage collector for a server, once everything made at start-up exists.

    Measured under the query benchmark (BENCHMARKS.md), the collector took a fifth of the process's time: each full
    collection walked the 116,000 objects of the schema, the models and the libraries (37 ms, a stall for every
    request in flight), and the youngest generation was collected every 700 allocations, promoting the objects of
    requests still in flight. Frozen, those start-up objects are never walked again (they live as long as the
    process); and the youngest generation is collected every 10,000 allocations, by which time most of a request's
    objects are gone.

    The oldest generation is looked at after 100 collections of the middle one rather than 10. Every connection
    keeps 130 to 175 tracked objects, so at 10,000 bells a full collection walks 1.3 to 1.8 million of them, 0.6 to
    1.1 s here, and after a wave of new connections one was due within the next sends: with 10, a burst to 10,000
    bells had one in it in five runs out of five (p99 1.8 to 2.3 s); with 100, in none of three (0.82 to 0.87 s),
    the same as with none at all (BENCHMARKS.md). Cyclic garbage that reaches the oldest generation waits longer,
    about ten million allocations."""
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
    from alembic import command
    from alembic.config import Config

    logging.getLogger("alembic").setLevel(logging.WARNING)
    config = Config(str(Path(__file__).resolve().parent / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if database_url:
        config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


def _serve(args: argparse.Namespace) -> None:
    settings = Settings()
    settings.resolved_jwt_secret()  # refuse to start before migrating when the secret is missing
    if args.workers > 1 and settings.broadcast_url.startswith("memory://"):
        raise ConfigurationError(
            "--workers above 1 needs a shared BROADCAST_URL (redis://...): with memory:// a notification would reach "
            "only the subscribers of the process that sent it"
        )
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

    roles = list(args.role or [])
    print(issue_token(Settings().resolved_jwt_secret(), user=args.user, tenant=args.tenant, roles=roles, ttl=args.ttl))


def _send(args: argparse.Namespace) -> None:
    from services.errors import ServiceError
    from services.sending import send_notification

    async def send() -> None:
        async with open_runtime() as runtime:
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
        state = "delivered" if result.delivered else "skipped by the user's preferences"
        print(f"notification {result.notification.id} {state}")

    try:
        asyncio.run(send())
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
    configure_logging()
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

    commands.add_parser("migrate", help="apply migrations to DATABASE_URL").set_defaults(run=lambda _: migrate())

    token = commands.add_parser("token", help="print a development JWT signed with JWT_SECRET")
    token.add_argument("--user", required=True)
    token.add_argument("--tenant", required=True)
    token.add_argument("--role", action="append", choices=["admin", "service"], help="repeatable")
    token.add_argument("--ttl", type=int, default=86_400, help="seconds until it expires")
    token.set_defaults(run=_token)

    send = commands.add_parser("send", help="send a notification to one user")
    send.add_argument("--user", required=True)
    send.add_argument("--tenant", required=True)
    send.add_argument("--title", required=True)
    send.add_argument("--message", required=True)
    send.add_argument("--type", default="system")
    send.add_argument("--priority", default="normal", choices=["low", "normal", "high", "urgent"])
    send.add_argument("--action-url")
    send.add_argument("--action-text")
    send.set_defaults(run=_send)

    sdl = commands.add_parser("schema", help="print the GraphQL schema (SDL), as committed in schema.graphql")
    sdl.add_argument("--output", help="write to this file instead of standard output")
    sdl.set_defaults(run=_print_schema)

    args = parser.parse_args(argv)
    try:
        args.run(args)
    except (ConfigurationError, ValidationError) as error:
        sys.exit(f"configuration error: {error}")
    except BroadcastUnreachable as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    cli()
