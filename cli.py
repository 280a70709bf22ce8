"""The command line: `python main.py serve|worker|migrate|token|send|schema`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

import logs
from settings import ConfigurationError, Settings, problems

# Each command imports what it uses, when it runs: `token` and `migrate` need neither the schema nor the app, and a
# refused setting is reported before either is loaded.

log = logging.getLogger("notifications")


class Refused(Exception):
    """The command cannot go on: its message is the one line printed before exiting 1."""


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


def _reach_database(settings: Settings) -> None:
    """Connect once before anything else uses the database, so that a database that is missing, or a server that is
    down, is one line naming it rather than a traceback from deep inside the migrations."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    try:
        if settings.is_embedded:
            import sqlite3

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
        raise Refused(f"database error: cannot use the database at {settings.shown_database_url}: {reason}") from None


async def _select_one(database_url: str) -> None:
    from sqlalchemy import text

    from models.base import create_engine

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
    from channels import reaches

    settings = Settings()
    settings.resolved_jwt_secret()  # refuse to start before migrating when the secret is missing
    reaches(settings)  # and when a channel lacks its settings: one line, not a worker's traceback
    if args.workers > 1 and settings.broadcast_url.startswith("memory://"):
        raise ConfigurationError(
            "--workers above 1 needs a shared BROADCAST_URL (redis://...): with memory:// a notification would reach "
            "only the subscribers of the process that sent it"
        )
    import assumptions
    from app import create_app
    from schema.root import schema
    from serving import serve as run_server

    try:  # one line, not uvicorn's
        assumptions.check(create_app(), schema, untested_versions=settings.allow_untested_dependencies)
    except assumptions.BrokenAssumption as error:
        raise Refused(f"start-up refused: {error}") from None
    _reach_database(settings)
    migrate()
    _require_broadcast(settings)
    log.info("serving GraphQL on http://%s:%d/graphql", args.host, args.port)
    run_server(args.host, args.port, args.workers, log_level=args.log_level, access_log=args.access_log)


def _require_broadcast(settings: Settings) -> None:
    """Refuse to start a server that cannot reach its Redis at all (a wrong BROADCAST_URL, more often than not).
    Only here: once it serves, its workers start without Redis (see `create_app`)."""
    from pubsub import BroadcastUnreachable, open_channels

    async def connect() -> None:
        async with open_channels(settings.broadcast_url, settings.resolved_broadcast_namespace()):
            pass

    try:
        asyncio.run(connect())
    except BroadcastUnreachable as error:
        raise Refused(f"error: {error}") from None


def _worker(args: argparse.Namespace) -> None:
    """Deliver the outbox on the configured channels until SIGTERM or SIGINT, apart from any server."""
    from channels import reaches
    from services.runtime import open_runtime
    from services.worker import delivering

    settings = Settings()
    reaches(settings)
    if not settings.channel_names:
        raise ConfigurationError("no channel is configured (CHANNELS, SMTP_URL, SMS_URL or WEBHOOKS): nothing to do")
    _reach_database(settings)
    migrate()

    async def work() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        # Publishes nothing: no need of Redis.
        async with open_runtime(settings, broadcast_required=False) as runtime, delivering(runtime):
            log.info("delivering on %s", ", ".join(settings.channel_names))
            await stop.wait()

    asyncio.run(work())


def _purge(args: argparse.Namespace) -> None:
    """One retention pass (see `services/retention.py`), apart from the servers' own schedule."""
    from services.retention import purge
    from services.runtime import open_runtime

    settings = Settings()
    _reach_database(settings)

    async def run() -> None:
        async with open_runtime(settings, broadcast_required=False) as runtime:
            purged = await purge(runtime)
        if purged.skipped:
            print("another process is purging this database; nothing done", file=sys.stderr)
        else:
            print(f"deleted {purged.inbox_rows} inbox rows and {purged.messages} messages")

    asyncio.run(run())


def _token(args: argparse.Namespace) -> None:
    from services.auth import expected_claims, issue_token

    settings = Settings()
    claims = expected_claims(settings)
    roles = list(args.role or [])
    secret = settings.signing_secret()
    print(issue_token(secret, user=args.user, tenant=args.tenant, roles=roles, ttl=args.ttl, claims=claims))


def _send(args: argparse.Namespace) -> None:
    """Through the running server's API, so that its subscribers see the notification live; straight into the
    database only when no server runs at the default URL."""
    import api_client
    from services.auth import expected_claims, issue_token

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
    secret, claims = settings.signing_secret(), expected_claims(settings)
    token = issue_token(secret, user="cli", tenant=args.tenant, roles=["service"], ttl=60, claims=claims)
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
    from pubsub import BroadcastUnreachable
    from services.errors import ServiceError
    from services.runtime import open_runtime
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
    except BroadcastUnreachable as error:
        raise Refused(f"error: {error}") from None


def _print_schema(args: argparse.Namespace) -> None:
    from strawberry.printer import print_schema

    from schema.root import schema

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

    worker = commands.add_parser("worker", help="deliver email, SMS and webhooks from the outbox, apart from `serve`")
    worker.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    worker.set_defaults(run=_worker)

    commands.add_parser("migrate", help="apply migrations to DATABASE_URL").set_defaults(run=_migrate)
    purge = commands.add_parser(
        "purge", help="delete expired notifications, read ones past RETENTION_DAYS and messages left without any"
    )
    purge.set_defaults(run=_purge)

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
    logs.configure(getattr(args, "log_level", "warning"))
    try:
        args.run(args)
    except ValidationError as error:
        sys.exit(f"configuration error: {problems(error)}")
    except ConfigurationError as error:
        sys.exit(f"configuration error: {error}")
    except Refused as error:
        sys.exit(str(error))
