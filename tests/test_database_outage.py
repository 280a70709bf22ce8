"""PostgreSQL goes away and comes back, under a running server that is never restarted.

While the database is down every query and mutation answers HTTP 200 with one GraphQL error coded
SERVICE_UNAVAILABLE and a sentence for a person (no traceback, no SQL, no library names), without hanging; readiness
says which dependency is missing; liveness stays up. When it is back, the same server process serves again, nothing
that failed was half-written, and a subscription that was open all along keeps receiving.

The tests share a throwaway PostgreSQL cluster (`postgres_server`, running when each test begins), which each stops
with `immediate` (a crash: connections drop without a word), `fast` (sessions are terminated with an admin-shutdown
error first) or `smart` (new connections are refused with "the database system is shutting down" while open sessions
go on), each on tenants of its own. They share one server process too, which goes through every outage of the module;
each test begins once it serves queries and mutations again, and reads only the log lines written since.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.support import (
    JWT_SECRET,
    LIST,
    PG_BIN,
    SEND,
    GraphQLClient,
    PostgresServer,
    Server,
    Subscription,
    start_server,
    subscription,
    token,
    unique,
)

pytestmark = pytest.mark.slow  # throwaway PostgreSQL clusters stopped and restarted

HANG_GUARD = 30.0  # per request: an answer may take a connect timeout (5 s) or two, never this long
RECOVERY = 60.0  # generous deadline for the service to serve again once PostgreSQL is back
LOCK_SPACE = 5140340  # the first key of the service's per-tenant advisory lock (services.runtime._LOCK_SPACE)

UNREAD = "{ unreadCount }"
ONE = "query One($id: ID!) { notification(id: $id) { id title isRead } }"
MARK_READ = "mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
PREFERENCES = "{ notificationPreferences { inApp { enabled minPriority } email { enabled minPriority } } }"
UPDATE_PREFERENCES = """
mutation Prefs($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { inApp { enabled minPriority } email { enabled minPriority } }
}"""
ADDED = "subscription { notificationAdded { id title } }"
COUNT = "subscription { unreadCountChanged }"

# What must never reach a client, in any part of an error response (checked lower-cased).
LEAKS = (
    "traceback",
    'file "',
    "sqlalchemy",
    "sqlalche.me",
    "asyncpg",
    "psycopg",
    "dbapi",
    "operationalerror",
    "interfaceerror",
    "connectionrefused",
    "adminshutdown",
    "errno",
    "postgresql+",
    "127.0.0.1",
    "select ",
    "insert ",
    "update ",
    "pg_advisory",
    "inbox_entries",
)


# --- helpers ------------------------------------------------------------------------------------------------------


@pytest.fixture
def postgres_server(module_postgres_server: PostgresServer) -> PostgresServer:
    module_postgres_server.restore()
    return module_postgres_server


@pytest.fixture(scope="module")
def module_outage_server(module_postgres_server: PostgresServer, logs_dir: Path) -> Iterator[Server]:
    """The module's server process on the throwaway cluster, with in-process broadcast (Redis is not the subject)."""
    module_postgres_server.restore()
    env = {"DATABASE_URL": module_postgres_server.url, "BROADCAST_URL": "memory://", "JWT_SECRET": JWT_SECRET}
    server = start_server(env, logs_dir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def outage_server(postgres_server: PostgresServer, module_outage_server: Server) -> Server:
    """The module's server, serving again after the outage of the test before (if any): a read and a write through
    each of its connection pools have succeeded."""
    assert module_outage_server.process.poll() is None, module_outage_server.log()[-5000:]
    people = People()
    async with httpx.AsyncClient(timeout=HANG_GUARD * 2) as http:
        api = GraphQLClient(module_outage_server.url, http)
        await until_served(partial(api.run, UNREAD, token=people.user), "a read")
        await until_served(partial(api.run, SEND, people.send("warm-up"), token=people.admin), "a write")
        await until_served(partial(api.run, LIST, {"first": 1}, token=people.user), "a list")
    return module_outage_server.logging_from_here()


@pytest.fixture
async def client(outage_server: Server) -> AsyncIterator[GraphQLClient]:
    # The HTTP timeout is longer than the hang guard, so a hang is reported as such.
    async with httpx.AsyncClient(timeout=HANG_GUARD * 2) as http:
        yield GraphQLClient(outage_server.url, http)


def dsn(postgres: PostgresServer) -> str:
    return postgres.url.replace("postgresql+asyncpg://", "postgresql://")


async def stop(postgres: PostgresServer, mode: str) -> None:
    # pg_ctl blocks until the cluster is down; off the event loop, so open websockets keep being served.
    await asyncio.to_thread(postgres.stop, mode)


async def start(postgres: PostgresServer) -> None:
    await asyncio.to_thread(postgres.start)


async def answer(client: GraphQLClient, query: str, variables: dict[str, Any] | None, who: str) -> dict[str, Any]:
    """The response body (HTTP 200 asserted by the client), or a failure naming the hang."""
    try:
        return await asyncio.wait_for(client.run(query, variables, token=who), HANG_GUARD)
    except TimeoutError:
        raise AssertionError(f"no answer within {HANG_GUARD} s to {query.split()[0:3]}") from None


def assert_unavailable_error(error: dict[str, Any], context: Any) -> None:
    assert error.get("extensions", {}).get("code") == "SERVICE_UNAVAILABLE", context
    message = error.get("message")
    assert isinstance(message, str), context
    # A sentence for a person: capitalised, one line, of reasonable length.
    assert re.fullmatch(r"[A-Z][^\n]{9,199}", message), context
    dumped = json.dumps(error).lower()
    leaked = [word for word in LEAKS if word in dumped]
    assert not leaked, (leaked, context)


async def unavailable(
    client: GraphQLClient, query: str, variables: dict[str, Any] | None = None, *, who: str
) -> dict[str, Any]:
    """Asserts the call fails with exactly one SERVICE_UNAVAILABLE error; returns that error."""
    body = await answer(client, query, variables, who)
    errors = body.get("errors")
    assert errors and len(errors) == 1, body
    # No data, or null for a nullable root field (`notification`).
    assert body.get("data") is None or all(value is None for value in body["data"].values()), body
    assert_unavailable_error(errors[0], body)
    return dict(errors[0])


async def until_served(call: Callable[[], Awaitable[dict[str, Any]]], what: str) -> dict[str, Any]:
    """Retries `call` until it answers without errors; meanwhile only SERVICE_UNAVAILABLE is acceptable."""
    began = time.monotonic()
    while True:
        body = await asyncio.wait_for(call(), HANG_GUARD)
        errors = body.get("errors")
        if not errors:
            return body
        for error in errors:
            assert_unavailable_error(error, body)
        assert time.monotonic() - began < RECOVERY, f"{what}: still failing after {RECOVERY} s: {body}"
        await asyncio.sleep(0.2)


async def ready(server: Server) -> tuple[int, dict[str, Any], str]:
    async with httpx.AsyncClient(timeout=HANG_GUARD) as http:
        response = await http.get(server.base("/health/ready"))
    return response.status_code, response.json(), response.headers.get("content-type", "")


async def live(server: Server) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient(timeout=HANG_GUARD) as http:
        response = await http.get(server.base("/health/live"))
    return response.status_code, response.json()


@asynccontextmanager
async def database(postgres: PostgresServer) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(dsn(postgres), timeout=10)
    try:
        yield connection
    finally:
        await connection.close()


async def messages_titled(postgres: PostgresServer, tenant: str) -> list[str]:
    """Every message row of the tenant, straight from the tables (what the API cannot show: orphans)."""
    async with database(postgres) as connection:
        rows = await connection.fetch("SELECT title FROM messages WHERE tenant_id = $1 ORDER BY id", tenant)
        orphans = await connection.fetchval(
            "SELECT count(*) FROM messages m WHERE m.tenant_id = $1"
            " AND NOT EXISTS (SELECT 1 FROM inbox_entries e WHERE e.message_id = m.id)",
            tenant,
        )
    assert orphans == 0, f"{orphans} message(s) of {tenant} reached no inbox: a half-written send"
    return [row["title"] for row in rows]


def assert_no_internal_errors(server: Server) -> None:
    log = server.log()
    assert "unexpected error" not in log, log[-5000:]


class People:
    """A fresh tenant with an admin who sends and a user who reads."""

    def __init__(self) -> None:
        self.tenant = unique("t")
        self.admin = token(unique("admin"), self.tenant, "admin")
        self.user_id = unique("u")
        self.user = token(self.user_id, self.tenant)

    def send(self, title: str) -> dict[str, Any]:
        return {"input": {"userId": self.user_id, "title": title, "message": f"{title} body"}}


async def titles(client: GraphQLClient, who: str) -> list[tuple[str, bool]]:
    data = await client.data(LIST, {"first": 50}, token=who)
    return [(e["node"]["title"], e["node"]["isRead"]) for e in data["notifications"]["edges"]]


async def first_frame(sub: Subscription, within: float = HANG_GUARD) -> dict[str, Any]:
    try:
        return await sub.receive(within)
    except TimeoutError:
        raise AssertionError(f"no frame within {within} s") from None


def frame_errors(frame: dict[str, Any]) -> list[dict[str, Any]]:
    """The errors of an `error` frame (a list) or of a `next` frame carrying errors."""
    if frame["type"] == "error":
        return list(frame["payload"])
    if frame["type"] == "next":
        return list(frame["payload"].get("errors") or [])
    raise AssertionError(f"expected an error, got {frame}")


# --- HTTP while the database is down, and after ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["immediate", "fast"])
async def test_queries_and_mutations_are_unavailable_during_outage_and_served_after(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient, mode: str
) -> None:
    people = People()
    sent = await client.data(SEND, people.send("before"), token=people.admin)
    before_id = sent["sendNotification"]["notification"]["id"]
    assert await client.data(UNREAD, token=people.user) == {"unreadCount": 1}
    assert await titles(client, people.user) == [("before", False)]
    default_preferences = await client.data(PREFERENCES, token=people.user)
    newcomer = token(unique("new"), people.tenant)  # never seen by this server: registering them needs the database

    await stop(postgres_server, mode)

    await unavailable(client, UNREAD, who=people.user)
    await unavailable(client, LIST, {"first": 10}, who=people.user)
    await unavailable(client, ONE, {"id": before_id}, who=people.user)
    await unavailable(client, PREFERENCES, who=people.user)
    await unavailable(client, UNREAD, who=newcomer)
    await unavailable(client, MARK_READ, {"ids": [before_id]}, who=people.user)
    await unavailable(client, SEND, people.send("during"), who=people.admin)
    await unavailable(client, UPDATE_PREFERENCES, {"input": {"inApp": {"minPriority": "HIGH"}}}, who=people.user)

    status, body, content_type = await ready(outage_server)
    assert (status, body) == (503, {"status": "unavailable", "database": "unreachable", "broadcast": "ok"})
    assert content_type.startswith("application/json")
    assert await live(outage_server) == (200, {"status": "live"})

    await start(postgres_server)

    # The same server process: no restart, its pool finds the database again.
    served = await until_served(lambda: client.run(UNREAD, token=people.user), "unreadCount")
    assert served["data"] == {"unreadCount": 1}, "the failed markNotificationsRead must have changed nothing"
    assert await titles(client, people.user) == [("before", False)], "the failed send must have left nothing"
    assert await client.data(PREFERENCES, token=people.user) == default_preferences
    assert await messages_titled(postgres_server, people.tenant) == ["before"]
    one = await client.data(ONE, {"id": before_id}, token=people.user)
    assert one == {"notification": {"id": before_id, "title": "before", "isRead": False}}

    # And every kind of call works again.
    after = await until_served(lambda: client.run(SEND, people.send("after"), token=people.admin), "send")
    assert after["data"]["sendNotification"]["delivered"] == 1
    marked = await client.data(MARK_READ, {"ids": [before_id]}, token=people.user)
    assert marked == {"markNotificationsRead": {"updatedCount": 1, "unreadCount": 1}}
    changed = await client.data(UPDATE_PREFERENCES, {"input": {"inApp": {"minPriority": "HIGH"}}}, token=people.user)
    assert changed["updateNotificationPreferences"]["inApp"] == {"enabled": True, "minPriority": "HIGH"}
    assert await client.data(UNREAD, token=newcomer) == {"unreadCount": 0}
    assert await titles(client, people.user) == [("after", False), ("before", True)]
    assert await messages_titled(postgres_server, people.tenant) == ["before", "after"]

    status, body, _ = await ready(outage_server)
    assert (status, body) == (200, {"status": "ready", "database": "ok", "broadcast": "ok"})
    assert outage_server.process.poll() is None
    assert_no_internal_errors(outage_server)


async def test_fast_shutdown_of_a_mutation_in_flight_is_unavailable_and_writes_nothing(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient
) -> None:
    """markNotificationsRead waiting on a row lock when PostgreSQL shuts down `fast`: SERVICE_UNAVAILABLE."""
    people = People()
    sent = await client.data(SEND, people.send("before"), token=people.admin)
    before_id = sent["sendNotification"]["notification"]["id"]
    holder = await asyncpg.connect(dsn(postgres_server), timeout=10)
    try:
        await holder.execute("BEGIN")
        await holder.execute("SELECT 1 FROM inbox_entries WHERE message_id = $1 FOR UPDATE", int(before_id))
        in_flight = asyncio.create_task(answer(client, MARK_READ, {"ids": [before_id]}, people.user))
        await until_waiting_for_lock(holder, in_flight)
        await stop(postgres_server, "fast")
        body = await in_flight
    finally:
        holder.terminate()

    # Almost always the mark's session is ended with the holder's. On a loaded host PostgreSQL may end the holder,
    # whose lock lets the mark commit, before it ends the mark's session: then the answer must say so, and be true.
    committed = body.get("data") == {"markNotificationsRead": {"updatedCount": 1, "unreadCount": 0}}
    if not committed:
        errors = body.get("errors")
        assert errors and len(errors) == 1 and body.get("data") is None, body
        assert_unavailable_error(errors[0], body)

    await start(postgres_server)
    served = await until_served(lambda: client.run(UNREAD, token=people.user), "unreadCount")
    if committed:
        assert served["data"] == {"unreadCount": 0}, "the committed markNotificationsRead must have stayed"
    else:
        assert served["data"] == {"unreadCount": 1}, "the interrupted markNotificationsRead must have changed nothing"
        marked = await until_served(lambda: client.run(MARK_READ, {"ids": [before_id]}, token=people.user), "mark")
        assert marked["data"] == {"markNotificationsRead": {"updatedCount": 1, "unreadCount": 0}}
    assert_no_internal_errors(outage_server)


async def until_waiting_for_lock(holder: asyncpg.Connection, in_flight: asyncio.Task[Any]) -> None:
    """Until some other session waits on a lock (the request in flight), or fail if the request ended first."""
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        assert not in_flight.done(), f"the request was not blocked: {in_flight.result()}"
        waiting = await holder.fetchval("SELECT count(*) FROM pg_locks WHERE NOT granted")
        if waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the request never waited on the lock")


# --- PostgreSQL shutting down: up for the sessions it has, refusing new ones ------------------------------------


def begin_smart_shutdown(postgres: PostgresServer) -> None:
    """`pg_ctl stop -m smart` without waiting: from now on PostgreSQL refuses new connections ("the database system
    is shutting down", SQLSTATE 57P03) and lets the open sessions go on until the last one ends."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    command = [*prefix, str(PG_BIN / "pg_ctl"), "-D", str(postgres.data), "-m", "smart", "-W", "stop"]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


async def until_refusing(postgres: PostgresServer) -> None:
    began = time.monotonic()
    while True:
        try:
            connection = await asyncpg.connect(dsn(postgres), timeout=10)
        except asyncpg.CannotConnectNowError:
            return
        await connection.close()
        assert time.monotonic() - began < HANG_GUARD, "PostgreSQL still accepts connections"
        await asyncio.sleep(0.05)


async def until_stopped(postgres: PostgresServer) -> None:
    began = time.monotonic()
    while (postgres.data / "postmaster.pid").exists():
        assert time.monotonic() - began < HANG_GUARD, "PostgreSQL did not finish shutting down"
        await asyncio.sleep(0.05)


TERMINATE_OTHERS = """
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"""


async def test_requests_while_postgres_is_shutting_down_are_unavailable(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient
) -> None:
    people = People()
    sent = await client.data(SEND, people.send("before"), token=people.admin)
    before_id = sent["sendNotification"]["notification"]["id"]
    holder = await asyncpg.connect(dsn(postgres_server), timeout=10)
    try:
        await asyncio.to_thread(begin_smart_shutdown, postgres_server)
        await until_refusing(postgres_server)
        # The server's pooled sessions end; the only way back in is a new connection, which is refused.
        assert await holder.fetchval(TERMINATE_OTHERS) >= 1
        await unavailable(client, UNREAD, who=people.user)
        await unavailable(client, UNREAD, who=people.user)
        await unavailable(client, LIST, {"first": 10}, who=people.user)
        await unavailable(client, MARK_READ, {"ids": [before_id]}, who=people.user)
        await unavailable(client, SEND, people.send("during"), who=people.admin)
        await unavailable(client, UPDATE_PREFERENCES, {"input": {"inApp": {"minPriority": "HIGH"}}}, who=people.user)
    finally:
        await holder.close()
    await until_stopped(postgres_server)
    await start(postgres_server)

    served = await until_served(lambda: client.run(UNREAD, token=people.user), "unreadCount")
    assert served["data"] == {"unreadCount": 1}
    assert await messages_titled(postgres_server, people.tenant) == ["before"]
    assert_no_internal_errors(outage_server)


async def test_a_send_cut_off_while_postgres_is_shutting_down_is_unavailable_and_writes_nothing(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient
) -> None:
    """The deterministic form of a race seen with `stop("fast")`: a send holding its tenant's lock loses its
    session (57P01, admin shutdown) while PostgreSQL refuses new connections (57P03)."""
    people = People()
    await client.data(SEND, people.send("before"), token=people.admin)
    newcomer = unique("u")
    holder = await asyncpg.connect(dsn(postgres_server), timeout=10)
    try:
        # An uncommitted registration of the same user: the send's INSERT .. ON CONFLICT waits for it, inside the
        # tenant's lock.
        await holder.execute("BEGIN")
        await holder.execute(
            "INSERT INTO users (tenant_id, external_id, created_at) VALUES ($1, $2, now())", people.tenant, newcomer
        )
        variables = {"input": {"userId": newcomer, "title": "in flight", "message": "m"}}
        in_flight = asyncio.create_task(answer(client, SEND, variables, people.admin))
        await until_waiting_for_lock(holder, in_flight)
        await asyncio.to_thread(begin_smart_shutdown, postgres_server)
        await until_refusing(postgres_server)
        waiting = "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE NOT granted"
        assert await holder.fetchval(waiting) == 1
        body = await in_flight
        await holder.execute("ROLLBACK")
    finally:
        await holder.close()
    errors = body.get("errors")
    assert errors and len(errors) == 1 and body.get("data") is None, body
    assert_unavailable_error(errors[0], body)

    await until_stopped(postgres_server)
    await start(postgres_server)
    served = await until_served(lambda: client.run(UNREAD, token=people.user), "unreadCount")
    assert served["data"] == {"unreadCount": 1}
    assert await titles(client, people.user) == [("before", False)]
    assert await messages_titled(postgres_server, people.tenant) == ["before"]
    after = await until_served(lambda: client.run(SEND, people.send("after"), token=people.admin), "send")
    assert after["data"]["sendNotification"]["delivered"] == 1
    assert_no_internal_errors(outage_server)


# --- subscriptions ------------------------------------------------------------------------------------------------


async def probe_until_added(
    sub: Subscription, client: GraphQLClient, people: People, added: str, prefix: str
) -> tuple[str, list[dict[str, Any]]]:
    """Sends notifications titled `prefix N` until the `added` stream delivers one (it is live from then on), retrying
    while the server answers SERVICE_UNAVAILABLE. Returns the delivered title and every other frame read meanwhile."""
    others: list[dict[str, Any]] = []
    began = time.monotonic()
    for attempt in itertools.count(1):
        assert time.monotonic() - began < RECOVERY, f"no {prefix!r} notification delivered within {RECOVERY} s"
        variables = people.send(f"{prefix} {attempt}")
        await until_served(partial(client.run, SEND, variables, token=people.admin), "send")
        try:
            while True:
                frame = await sub.receive(2)
                assert frame["type"] == "next" and not frame["payload"].get("errors"), (
                    "FINDING: a subscription ended with an error",
                    frame,
                )
                if frame["id"] == added:
                    title = frame["payload"]["data"]["notificationAdded"]["title"]
                    assert title.startswith(prefix), frame
                    return title, others
                others.append(frame)
        except TimeoutError:
            continue  # subscribed too late for that one: the next one must get through
    raise AssertionError("unreachable")


@pytest.mark.parametrize("mode", ["immediate", "fast"])
async def test_live_subscription_survives_outage(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient, mode: str
) -> None:
    people = People()
    async with subscription(outage_server, people.user) as sub:
        added = await sub.subscribe(ADDED)
        counted = await sub.subscribe(COUNT)
        # Both streams live before the outage: the count's first value, and a notification delivered.
        _, others = await probe_until_added(sub, client, people, added, "before")
        counts = [f["payload"]["data"]["unreadCountChanged"] for f in others if f["id"] == counted]
        sent = len(await titles(client, people.user))
        while not counts or counts[-1] != sent:
            frame = await first_frame(sub)
            assert frame["type"] == "next" and not frame["payload"].get("errors"), frame
            if frame["id"] == counted:
                counts.append(frame["payload"]["data"]["unreadCountChanged"])
        await sub.nothing_within(0.5)

        await stop(postgres_server, mode)
        await unavailable(client, SEND, people.send("during"), who=people.admin)
        await sub.nothing_within(1)  # the outage does not end the subscriptions
        await start(postgres_server)

        # Send (retrying while the server finds the database again); the subscriptions open all along get it.
        body = await until_served(lambda: client.run(SEND, people.send("after"), token=people.admin), "send")
        after_id = body["data"]["sendNotification"]["notification"]["id"]
        frames = [await first_frame(sub), await first_frame(sub)]
        for frame in frames:
            assert frame["type"] == "next" and not frame["payload"].get("errors"), (
                "FINDING: the live subscription ended with an error instead of surviving the outage",
                frame,
            )
        by_id = {frame["id"]: frame["payload"]["data"] for frame in frames}
        assert by_id == {
            added: {"notificationAdded": {"id": after_id, "title": "after"}},
            counted: {"unreadCountChanged": sent + 1},
        }, frames
        await sub.nothing_within(1)  # and the failed "during" send never shows up
    stored = await messages_titled(postgres_server, people.tenant)
    assert len(stored) == sent + 1 and stored[-1] == "after" and "during" not in stored, stored
    assert_no_internal_errors(outage_server)


@pytest.mark.parametrize("query", [ADDED, COUNT], ids=["notificationAdded", "unreadCountChanged"])
@pytest.mark.parametrize("known", [True, False], ids=["known-user", "new-user"])
async def test_subscription_started_during_outage_is_unavailable_then_works(
    postgres_server: PostgresServer, outage_server: Server, client: GraphQLClient, query: str, known: bool
) -> None:
    people = People()
    if known:  # the server has seen the user: only the stream's own read needs the database
        assert await client.data(UNREAD, token=people.user) == {"unreadCount": 0}
    async with subscription(outage_server, people.user) as sub:
        await stop(postgres_server, "immediate")
        first = await sub.subscribe(query)
        frame = await first_frame(sub)
        assert frame["id"] == first, frame
        errors = frame_errors(frame)
        assert len(errors) == 1, frame
        assert_unavailable_error(errors[0], frame)
        if frame["type"] == "next":
            ended = await first_frame(sub)
            assert ended == {"id": first, "type": "complete"}, ended

        # The connection itself is fine: once the database is back, the same socket subscribes again.
        await start(postgres_server)
        await until_served(lambda: client.run(UNREAD, token=people.admin), "unreadCount")
        again = await sub.subscribe(query)
        if query == COUNT:
            initial = await first_frame(sub)
            assert initial == {"id": again, "type": "next", "payload": {"data": {"unreadCountChanged": 0}}}, initial
            # Retried while the pool that writes finds the database again (a failed send writes nothing).
            await until_served(lambda: client.run(SEND, people.send("after"), token=people.admin), "send")
            frame = await first_frame(sub)
            assert frame == {"id": again, "type": "next", "payload": {"data": {"unreadCountChanged": 1}}}, frame
        else:
            await probe_until_added(sub, client, people, again, "after")
    assert_no_internal_errors(outage_server)
