"""Email, SMS and webhooks on real servers: an SMTP server (aiosmtpd) and HTTP receivers started here on free ports,
the outbox worker in this process, in `serve`, or as `python main.py worker`, on a database of each test's own."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from aiosmtpd.controller import Controller
from pydantic import ValidationError
from sqlalchemy import select
from standardwebhooks import Webhook

from channels import reaches
from channels.answers import outcome, retry_after
from channels.base import Failed, Retry, Sent
from channels.email import EmailChannel, compose, compose_digest
from channels.sms import fitted, is_gsm, size
from channels.webhook import WebhookChannel
from models import delivery
from models.message import Message, Priority
from models.outbox import Claimed, Delivery
from models.preference import Timing
from services import recipients, sending, webhooks
from services.auth import Principal
from services.preferences import PreferenceChanges, update_preferences
from services.runtime import Runtime, open_runtime
from services.unsubscribe import Subscription, verified
from services.worker import IN_FLIGHT, backoff, delivering
from settings import ConfigurationError, Settings
from tests.conftest import migrated_sqlite
from tests.support import (
    JWT_SECRET,
    MAIN,
    ROOT,
    free_port,
    server_environment,
    serving_in_thread,
    start_server,
    unique,
)

WAIT = 30.0  # hang guard; never a timing requirement


# --- the receivers -----------------------------------------------------------------------------------------------


@dataclass
class Request:
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Answer = Callable[[int, Request], tuple[int, dict[str, str]]]


@dataclass
class Receiver:
    """An HTTP server in a thread that records every POST and answers as `answer` says (by the request's number,
    from 0); while `held` is clear, requests wait before being answered."""

    answer: Answer = lambda n, request: (200, {})
    requests: list[Request] = field(default_factory=list)
    held: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.held.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                request = Request({k.lower(): v for k, v in self.headers.items()}, body)
                with receiver.lock:
                    number = len(receiver.requests)
                    receiver.requests.append(request)
                receiver.held.wait(WAIT)
                status, headers = receiver.answer(number, request)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", "2")
                    self.end_headers()
                    self.wfile.write(b"no")
                except OSError:
                    pass  # the worker that asked is gone (killed)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def ids(self) -> list[str]:
        with self.lock:
            return [request.headers["webhook-id"] for request in self.requests]


@contextmanager
def receiving(answer: Answer | None = None) -> Iterator[Receiver]:
    receiver = Receiver(answer) if answer is not None else Receiver()
    with serving_in_thread(receiver.server):
        try:
            yield receiver
        finally:
            receiver.held.set()  # requests still waiting are answered, so that the server can stop


class Mailbox:
    """aiosmtpd's handler: keeps every message it accepts, and which SMTP sessions (connections) they came by."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.sessions: set[int] = set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sessions.add(id(session))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server(mailbox: Mailbox, port: int) -> Iterator[Controller]:
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


# --- the service ---------------------------------------------------------------------------------------------------


def configured(database_url: str, **settings: Any) -> Settings:
    """Fast timings for tests: polls and retries in tenths of a second."""
    base: dict[str, Any] = {
        "database_url": database_url,
        "broadcast_url": "memory://",
        "jwt_secret": JWT_SECRET,
        "delivery_poll_seconds": 0.05,
        "delivery_retry_base_seconds": 0.1,
        "delivery_retry_max_seconds": 1.0,
        "delivery_timeout_seconds": 10.0,
    }
    return Settings(**(base | settings))


async def eventually(check: Callable[[], Awaitable[bool]], within: float = WAIT) -> None:
    end = time.monotonic() + within
    while not await check():
        assert time.monotonic() < end, f"not within {within} s"
        await asyncio.sleep(0.05)


async def deliveries(runtime: Runtime, message_id: int) -> list[Delivery]:
    async with runtime.transaction() as session:
        found = await session.execute(select(Delivery).where(Delivery.message_id == message_id).order_by(Delivery.id))
        return list(found.scalars())


async def settled(runtime: Runtime, message_id: int, count: int) -> list[Delivery]:
    """The message's `count` deliveries, once each is sent or failed for good."""

    async def done() -> bool:
        rows = await deliveries(runtime, message_id)
        return len(rows) == count and all(row.status in ("sent", "failed") for row in rows)

    await eventually(done)
    return await deliveries(runtime, message_id)


async def user_with(runtime: Runtime, tenant: str, user: str, **contact: str) -> None:
    await recipients.register_users(runtime, tenant, [user], {user: contact})
    await update_preferences(
        runtime,
        Principal(user_id=user, tenant_id=tenant),
        PreferenceChanges(email=True, email_min_priority=Priority.LOW, sms=True, sms_min_priority=Priority.LOW),
    )


async def send(runtime: Runtime, tenant: str, user: str, **fields: Any) -> int:
    result = await sending.send_notification(
        runtime, user=user, tenant=tenant, title=fields.pop("title", "Order shipped"), message="On its way", **fields
    )
    return result.notification.id


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    return await asyncio.to_thread(migrated_sqlite, tmp_path)


# --- email ---------------------------------------------------------------------------------------------------------


async def test_a_user_with_email_on_gets_one_email_with_html_and_text_parts(sqlite_url: str) -> None:
    mailbox, port = Mailbox(), free_port()
    settings = configured(sqlite_url, smtp_url=f"smtp://127.0.0.1:{port}", email_from="Acme <bell@acme.example>")
    with smtp_server(mailbox, port):
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant = unique("t")
            await user_with(runtime, tenant, "ann", email="ann@example.com")
            await recipients.register_users(runtime, tenant, ["bob"], {"bob": {"email": "bob@example.com"}})
            sent = await send(
                runtime,
                tenant,
                "ann",
                title="<b>Order</b> shipped",
                action_url="https://shop.example/orders/7",
                action_text="Track it",
            )
            quiet = await send(runtime, tenant, "bob")  # bob keeps the default: no email
            [row] = await settled(runtime, sent, 1)
            assert await deliveries(runtime, quiet) == []

    assert (row.channel, row.status, row.attempts, row.last_error) == ("email", "sent", 1, None)
    assert row.sent_at is not None
    [email] = mailbox.messages
    assert email["To"] == "ann@example.com" and email["Subject"] == "<b>Order</b> shipped"
    assert email["Message-ID"] == f"<dlv_{row.id}@acme.example>"
    assert email["List-Unsubscribe"] is None  # without SERVICE_URL there is nowhere for its link to point
    text, html = (email.get_body(("plain",)), email.get_body(("html",)))
    assert text is not None and html is not None
    assert (
        "<b>Order</b> shipped" in text.get_content() and "Track it: https://shop.example/orders/7" in text.get_content()
    )
    html_content = html.get_content()
    assert "&lt;b&gt;Order&lt;/b&gt; shipped" in html_content and "<b>Order" not in html_content
    assert '<a href="https://shop.example/orders/7"' in html_content and "Track it</a>" in html_content


async def test_smtp_down_then_back_every_email_arrives_once(other_database_url: str) -> None:
    mailbox, port = Mailbox(), free_port()
    settings = configured(other_database_url, smtp_url=f"smtp://127.0.0.1:{port}", delivery_max_attempts=1000)
    async with open_runtime(settings) as runtime, delivering(runtime):
        tenant = unique("t")
        users = [f"u{i}" for i in range(5)]
        for user in users:
            await user_with(runtime, tenant, user, email=f"{user}@example.com")
        result = await sending.send_bulk_notifications(runtime, users=users, tenant=tenant, title="Hi", message="x")
        message_id = result.notification.id

        async def retried() -> bool:
            rows = await deliveries(runtime, message_id)
            return len(rows) == 5 and all(row.attempts >= 2 and row.status != "sent" for row in rows)

        await eventually(retried)  # nothing listens yet: every row failed at least twice, none for good
        assert all("SMTP" in (row.last_error or "") for row in await deliveries(runtime, message_id))
        with smtp_server(mailbox, port):
            rows = await settled(runtime, message_id, 5)
    assert {row.status for row in rows} == {"sent"}
    assert sorted(str(email["To"]) for email in mailbox.messages) == [f"{user}@example.com" for user in users]
    assert len(mailbox.sessions) == 1  # one connection, message after message


async def test_a_refused_recipient_fails_for_good_with_the_reason(other_database_url: str) -> None:
    class Refusing(Mailbox):
        async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
            return "550 5.1.1 no such mailbox"

    mailbox, port = Refusing(), free_port()
    settings = configured(other_database_url, smtp_url=f"smtp://127.0.0.1:{port}")
    with smtp_server(mailbox, port):
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant = unique("t")
            await user_with(runtime, tenant, "ann", email="gone@example.com")
            [row] = await settled(runtime, await send(runtime, tenant, "ann"), 1)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error is not None and "550" in row.last_error


# --- webhooks and SMS ----------------------------------------------------------------------------------------------


def webhook_settings(database_url: str, **settings: Any) -> Settings:
    # The receivers listen on loopback, which only this setting lets webhooks reach.
    return configured(database_url, webhooks=True, webhook_allow_private=True, **settings)


async def hooked(runtime: Runtime, receiver: Receiver, tenant: str | None = None) -> tuple[str, str]:
    """A tenant (new unless given) with an endpoint at `receiver`, as its admin registers it; and its secret."""
    tenant = tenant or unique("t")
    admin = Principal(user_id="admin", tenant_id=tenant, roles=frozenset({"admin"}))
    created = await webhooks.create(runtime, admin, None, receiver.url)
    return tenant, created.secret


async def test_a_webhook_answered_500_then_200_is_retried_with_the_same_signed_id(other_database_url: str) -> None:
    with receiving(lambda n, request: (500 if n == 0 else 200, {})) as receiver:
        async with open_runtime(webhook_settings(other_database_url)) as runtime, delivering(runtime):
            tenant, secret = await hooked(runtime, receiver)
            message_id = await send(runtime, tenant, "ann", metadata={"order": 7})
            [row] = await settled(runtime, message_id, 1)
    assert (row.channel, row.status, row.attempts) == ("webhook", "sent", 2)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == f"dlv_{row.id}"
    for request in (first, second):
        # Verifiable with the receiver's side of the library: raises if the signature does not match.
        verified = Webhook(secret).verify(request.body, request.headers)
        assert verified["data"]["user"] == "ann" and verified["data"]["tenant"] == tenant
        assert verified["data"]["metadata"] == {"order": 7} and verified["data"]["id"] == str(message_id)


async def test_a_webhook_answered_400_fails_at_once_with_the_reason(other_database_url: str) -> None:
    with receiving(lambda n, request: (400, {})) as receiver:
        async with open_runtime(webhook_settings(other_database_url)) as runtime, delivering(runtime):
            tenant, _ = await hooked(runtime, receiver)
            [row] = await settled(runtime, await send(runtime, tenant, "ann"), 1)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error is not None and row.last_error.startswith("HTTP 400")
    assert len(receiver.requests) == 1


async def test_a_webhook_answered_429_waits_as_retry_after_says(other_database_url: str) -> None:
    # Backoff alone would wait an hour: delivered at all, it waited the second Retry-After asked for instead.
    answers = lambda n, request: (429, {"retry-after": "1"}) if n == 0 else (200, {})  # noqa: E731
    with receiving(answers) as receiver:
        settings = webhook_settings(
            other_database_url, delivery_retry_base_seconds=3600, delivery_retry_max_seconds=7200
        )
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant, _ = await hooked(runtime, receiver)
            message_id = await send(runtime, tenant, "ann")

            async def waiting() -> bool:
                rows = await deliveries(runtime, message_id)
                return bool(rows) and rows[0].status == "pending" and rows[0].attempts == 1

            await eventually(waiting)
            [pending] = await deliveries(runtime, message_id)
            assert pending.last_error is not None and pending.last_error.startswith("HTTP 429")
            [row] = await settled(runtime, message_id, 1)
    assert (row.status, row.attempts) == ("sent", 2)


async def test_sms_posts_to_and_body_with_the_stable_id_as_idempotency_key(other_database_url: str) -> None:
    with receiving() as receiver:
        settings = configured(other_database_url, sms_url=receiver.url, sms_token="provider-token")
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant = unique("t")
            await user_with(runtime, tenant, "ann", phone="+1 415-555-0100")  # stored as E.164
            await recipients.register_users(runtime, tenant, ["bob"])  # SMS on by default for nobody
            [row] = await settled(runtime, await send(runtime, tenant, "ann", priority="urgent"), 1)
            assert await deliveries(runtime, await send(runtime, tenant, "bob", priority="urgent")) == []
    assert (row.channel, row.status) == ("sms", "sent")
    [request] = receiver.requests
    assert request.json() == {"to": "+14155550100", "body": "Order shipped: On its way"}
    assert request.headers["idempotency-key"] == f"dlv_{row.id}"
    assert request.headers["authorization"] == "Bearer provider-token"


async def test_sms_in_twilios_shape_posts_a_form_with_basic_auth(other_database_url: str) -> None:
    """With SMS_ACCOUNT, the Messages API's request: To, From and Body as a form, the account and token as basic
    auth; Twilio's 400 for a number it cannot reach fails the delivery for good, with the reason kept."""
    answers: Iterator[tuple[int, dict[str, str]]] = iter([(201, {}), (400, {})])
    with receiving(lambda n, request: next(answers)) as receiver:
        url = f"{receiver.url}/2010-04-01/Accounts/AC123/Messages.json"
        settings = configured(
            other_database_url, sms_url=url, sms_account="AC123", sms_token="auth-token", sms_from="+14155550199"
        )
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant = unique("t")
            await user_with(runtime, tenant, "ann", phone="+14155550100")
            [sent] = await settled(runtime, await send(runtime, tenant, "ann", priority="urgent"), 1)
            [refused] = await settled(runtime, await send(runtime, tenant, "ann", priority="urgent"), 1)
    assert (sent.status, refused.status, refused.attempts) == ("sent", "failed", 1)
    assert refused.last_error is not None and refused.last_error.startswith("HTTP 400")
    first = receiver.requests[0]
    assert first.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(first.body.decode())) == {
        "To": "+14155550100",
        "From": "+14155550199",
        "Body": "Order shipped: On its way",
    }
    assert first.headers["authorization"] == "Basic " + base64.b64encode(b"AC123:auth-token").decode()
    assert first.headers["idempotency-key"] == f"dlv_{sent.id}"


def test_sms_in_twilios_shape_needs_its_sender_and_token() -> None:
    missings: list[dict[str, Any]] = [{"sms_from": None}, {"sms_token": None}]
    for missing in missings:
        given: dict[str, Any] = {
            "sms_url": "https://x.test/m",
            "sms_account": "AC1",
            "sms_token": "t",
            "sms_from": "+1",
        }
        with pytest.raises(ConfigurationError):
            reaches(Settings(jwt_secret=JWT_SECRET, channels="sms", **(given | missing)))


# --- workers -------------------------------------------------------------------------------------------------------


async def tenant_send(runtime: Runtime, receiver: Receiver, users: int) -> tuple[int, set[str]]:
    """A tenant-wide send to `users` new users: one webhook each. Returns the message and the deliveries' ids."""
    tenant, _ = await hooked(runtime, receiver)
    await recipients.register_users(runtime, tenant, [f"u{i}" for i in range(users)])
    result = await sending.send_tenant_notification(runtime, tenant=tenant, title="Hi", message="x")
    # The send wrote one row for the channel; its users' rows are what a worker writes first.
    async with runtime.transaction() as session:
        assert await delivery.expand(session, {"webhook": WebhookChannel.reach}) == users
    rows = await deliveries(runtime, result.notification.id)
    assert len(rows) == users
    return result.notification.id, {f"dlv_{row.id}" for row in rows}


async def test_two_workers_on_one_outbox_send_nothing_twice(other_database_url: str) -> None:
    with receiving() as receiver:
        # Small batches, so that the two claim over and over against each other.
        settings = webhook_settings(other_database_url, delivery_batch=5)
        async with open_runtime(settings) as one, open_runtime(settings) as other:
            message_id, ids = await tenant_send(one, receiver, 200)
            async with delivering(one), delivering(other):
                rows = await settled(one, message_id, 200)
    assert {row.status for row in rows} == {"sent"}
    assert sorted(receiver.ids()) == sorted(ids)  # each once


@contextmanager
def worker_process(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(MAIN), "worker", "--log-level", "warning"],
            cwd=ROOT,
            env=server_environment(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.mark.slow  # a process of its own
async def test_a_worker_killed_mid_batch_loses_nothing(other_database_url: str, tmp_path: Path) -> None:
    with receiving() as receiver:
        receiver.held.clear()  # the first worker's requests hang until it is dead
        settings = webhook_settings(other_database_url)
        async with open_runtime(settings) as runtime:
            message_id, ids = await tenant_send(runtime, receiver, 20)
            env = {
                "DATABASE_URL": other_database_url,
                "JWT_SECRET": JWT_SECRET,
                "WEBHOOKS": "true",
                "WEBHOOK_ALLOW_PRIVATE": "true",
                "DELIVERY_BATCH": "5",
                "DELIVERY_LEASE_SECONDS": "3",
                "DELIVERY_TIMEOUT_SECONDS": "2.5",
            }
            with worker_process(env, tmp_path / "worker.log") as process:
                # Its first batches out at once (`IN_FLIGHT` of 5), every request held.
                await eventually(lambda: _true(len(receiver.requests) == 5 * IN_FLIGHT), within=60)
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
            in_flight = set(receiver.ids())
            claimed = [row for row in await deliveries(runtime, message_id) if row.status == "sending"]
            assert {f"dlv_{row.id}" for row in claimed} == in_flight
            receiver.held.set()
            async with delivering(runtime):  # another worker: the dead one's rows are due when their lease ends
                rows = await settled(runtime, message_id, 20)
    assert {row.status for row in rows} == {"sent"}
    received = receiver.ids()
    assert set(received) == ids  # nothing lost
    repeated = {key for key in received if received.count(key) > 1}
    assert repeated <= in_flight  # repeats only of what was in flight, under the same id


async def _true(value: bool) -> bool:
    return value


@pytest.mark.slow  # a process of its own
async def test_serve_delivers_in_process_by_default(other_database_url: str, tmp_path: Path) -> None:
    with receiving() as receiver:
        env = {
            "DATABASE_URL": other_database_url,
            "JWT_SECRET": JWT_SECRET,
            "BROADCAST_URL": "memory://",
            "WEBHOOKS": "true",
            "WEBHOOK_ALLOW_PRIVATE": "true",
            "DELIVERY_POLL_SECONDS": "0.05",
        }
        server = start_server(env, tmp_path)
        try:
            # Sent from this process; the server's worker delivers it.
            async with open_runtime(webhook_settings(other_database_url)) as runtime:
                tenant, _ = await hooked(runtime, receiver)
                [row] = await settled(runtime, await send(runtime, tenant, "ann"), 1)
        finally:
            server.stop()
    assert row.status == "sent" and receiver.ids() == [f"dlv_{row.id}"]


def test_a_channel_without_its_settings_refuses_to_start() -> None:

    with pytest.raises(ConfigurationError, match="SMS_URL"):
        reaches(Settings(jwt_secret=JWT_SECRET, channels="sms"))
    with pytest.raises(ConfigurationError, match="no channel named 'pigeon'"):
        reaches(Settings(jwt_secret=JWT_SECRET, channels="pigeon"))
    assert reaches(Settings(jwt_secret=JWT_SECRET)) == ()


def test_a_lease_shorter_than_a_delivery_is_refused() -> None:
    with pytest.raises(ValidationError, match="DELIVERY_LEASE_SECONDS must be above"):
        Settings(jwt_secret=JWT_SECRET, delivery_lease_seconds=10, delivery_timeout_seconds=10)


async def test_a_send_wakes_its_process_s_worker(other_database_url: str) -> None:
    with receiving() as receiver:
        # The worker looks on its own once an hour: only the send's nudge can get the second one out.
        settings = webhook_settings(other_database_url, delivery_poll_seconds=3600)
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant, _ = await hooked(runtime, receiver)
            await settled(runtime, await send(runtime, tenant, "ann"), 1)  # now the worker is idle
            [row] = await settled(runtime, await send(runtime, tenant, "ann"), 1)
    assert row.status == "sent" and len(receiver.requests) == 2


@pytest.mark.slow  # a process of its own
@pytest.mark.parametrize("command", ["serve", "worker"])
def test_serve_and_worker_refuse_a_broken_channel_setting_in_one_line(command: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'n.db'}", "JWT_SECRET": JWT_SECRET}
    env["SMTP_URL"] = "http://user:hunter2@mail.example"
    args = ["--port", str(free_port())] if command == "serve" else []
    done = subprocess.run(
        [sys.executable, str(MAIN), command, *args],
        cwd=tmp_path,
        env=server_environment(env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("configuration error: SMTP_URL must be smtp://")
    assert "hunter2" not in done.stderr + done.stdout and "Traceback" not in done.stderr


async def test_a_delivery_that_keeps_failing_gives_up_after_the_last_attempt(other_database_url: str) -> None:
    with receiving(lambda n, request: (503, {})) as receiver:
        settings = webhook_settings(other_database_url, delivery_max_attempts=3)
        async with open_runtime(settings) as runtime, delivering(runtime):
            tenant, _ = await hooked(runtime, receiver)
            [row] = await settled(runtime, await send(runtime, tenant, "ann"), 1)
    assert (row.status, row.attempts) == ("failed", 3)
    assert row.last_error is not None and row.last_error.startswith("gave up after 3 attempts: HTTP 503")
    assert len(receiver.requests) == 3


def test_backoff_doubles_with_jitter_up_to_its_cap() -> None:
    settings = Settings(jwt_secret=JWT_SECRET, delivery_retry_base_seconds=20, delivery_retry_max_seconds=1800)
    for attempt, full in [(1, 20), (2, 40), (3, 80), (7, 1280), (8, 1800), (20, 1800)]:
        delays = [backoff(attempt, settings) for _ in range(200)]
        assert all(full / 2 <= delay <= full for delay in delays)
        assert len(set(delays)) > 1  # jittered


def test_an_sms_is_cut_to_two_segments_keeping_its_link_whole() -> None:
    link = "https://shop.example/orders/7"
    assert fitted("Order shipped: On its way", link) == f"Order shipped: On its way {link}"
    # GSM-7: 306 septets, marked with dots (an ellipsis is not GSM-7 and would make it a UCS-2 text).
    long = fitted("Sale: " + "word " * 200, link)
    assert is_gsm(long) and size(long, True) == 306 and long.endswith(f"... {link}")
    # One character outside GSM-7 (an emoji, two UTF-16 units): 134 units.
    wide = fitted("Sale: " + "deal 😀 " * 100, link)
    assert not is_gsm(wide) and size(wide, False) <= 134 and wide.endswith(f"… {link}")
    # Characters of GSM-7's extension table take two septets.
    assert size(fitted("x: " + "{" * 400, None), True) <= 306
    # A link that would crowd out the words is left out.
    crowded = fitted("x: " + "a" * 400, "https://example.com/" + "p" * 300)
    assert "https" not in crowded and size(crowded, True) == 306


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (200, {}, Sent()),
        (204, {}, Sent()),
        (301, {"location": "https://elsewhere.example/"}, Failed),  # redirects are not followed
        (400, {}, Failed),
        (404, {}, Failed),
        (410, {}, Failed),
        (408, {}, Retry),
        (429, {}, Retry),
        (500, {}, Retry),
        (503, {}, Retry),
    ],
)
def test_what_each_http_answer_means_for_a_delivery(status: int, headers: dict[str, str], expected: Any) -> None:
    got = outcome(status, "why", headers.get("retry-after"))
    assert got == expected if isinstance(expected, Sent) else isinstance(got, expected)


def test_retry_after_in_seconds_or_as_a_date_is_the_delay_asked_for() -> None:
    assert outcome(429, "", "120") == Retry("HTTP 429:", after=120.0)
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    asked = retry_after(later)
    assert asked is not None and 80 <= asked <= 90
    assert retry_after(format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)) == 0.0  # past: now
    assert retry_after("soon") is None and retry_after(None) is None and retry_after("") is None


def test_the_default_schedule_is_about_eight_attempts_over_half_an_hour() -> None:
    settings = Settings(jwt_secret=JWT_SECRET)
    assert settings.delivery_max_attempts == 8
    # The waits between the 8 attempts: half of each is random, so the whole lies between these.
    full = sum(min(settings.delivery_retry_max_seconds, 20 * 2.0**i) for i in range(7))
    assert settings.delivery_retry_base_seconds == 20 and full / 2 >= 20 * 60 and full <= 45 * 60
    waits = [sum(backoff(attempt, settings) for attempt in range(1, 8)) for _ in range(100)]
    assert all(full / 2 <= total <= full for total in waits)


# --- email composition: the shared part with each recipient's unsubscribe link ------------------------------------

UNSUBSCRIBING = ("https://notify.example/base", JWT_SECRET)
TIMING = Timing("UTC", None, "off")


def claimed(user: str, type_: str = "sale", title: str = "Half price", body: str = "Today only", id_: int = 1) -> Any:
    message = Message(
        id=id_,
        tenant_id="acme",
        sender="s",
        type=type_,
        priority=Priority.NORMAL,
        title=title,
        body=body,
        action_url="https://shop.example/sale?from=mail&x=1",
        action_text=None,
        created_at=datetime.now(UTC),
    )
    return Claimed(id_ * 100 + len(user), "email", 1, "acme", user, f"{user}@example.com", None, message, 1, TIMING)


def parsed(email: EmailMessage | bytes) -> EmailMessage:
    raw = email if isinstance(email, bytes) else email.as_bytes(policy=policy.SMTP)
    return message_from_bytes(raw, policy=policy.default)


def parts(email: EmailMessage) -> tuple[str, str]:
    text, html = email.get_body(("plain",)), email.get_body(("html",))
    assert text is not None and html is not None
    # Quoted-printable keeps CRLF line ends where base64 gives LF: the same text either way.
    return text.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Half price", "Today only"),
        # Non-ASCII and long lines: compose encodes these as it likes, the shared part as quoted-printable.
        ("Soldes d'été " * 12, "é" * 300 + "\n" + "x" * 200 + " = & <b>"),
    ],
)
def test_each_recipient_s_email_from_the_shared_part_is_the_email_compose_makes(title: str, body: str) -> None:
    channel = EmailChannel("smtp://127.0.0.1:9", "Shop <shop@acme.example>", None, 1.0, UNSUBSCRIBING)
    links = set()
    for user in ("ann", "bob"):
        item = claimed(user, title=title, body=body)
        made = channel.made_from_shared(item)
        assert made is not None
        fast, whole = parsed(made), parsed(compose(item, "Shop <shop@acme.example>", None, UNSUBSCRIBING))
        for name in ("To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"):
            assert str(fast[name]) == str(whole[name])
        assert parts(fast) == parts(whole)
        link = str(fast["List-Unsubscribe"])[1:-1]
        assert verified(JWT_SECRET, link.rpartition("/")[2]) == Subscription("acme", user, "sale")
        text, html = parts(fast)
        assert link in text and f'href="{link}"' in html
        links.add(link)
    assert len(links) == 2  # one rendering, each recipient's own link


def test_without_service_url_the_shared_part_has_no_unsubscribe_link() -> None:
    channel = EmailChannel("smtp://127.0.0.1:9", "shop@acme.example", None, 1.0)
    made = channel.made_from_shared(claimed("ann"))
    assert made is not None
    email = parsed(made)
    assert email["List-Unsubscribe"] is None and "nsubscribe" not in "".join(parts(email))


def test_a_digest_of_one_type_carries_its_link_and_one_of_several_types_none() -> None:
    one = compose_digest([claimed("ann", id_=1), claimed("ann", id_=2)], "shop@acme.example", None, UNSUBSCRIBING)
    link = str(one["List-Unsubscribe"])[1:-1]
    assert verified(JWT_SECRET, link.rpartition("/")[2]) == Subscription("acme", "ann", "sale")
    assert one["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(parsed(one))
    assert link in text and f'href="{link}"' in html

    mixed = [claimed("ann", id_=1), claimed("ann", "billing", id_=2)]
    several = compose_digest(mixed, "shop@acme.example", None, UNSUBSCRIBING)
    assert several["List-Unsubscribe"] is None and several["List-Unsubscribe-Post"] is None
    assert "/unsubscribe/" not in "".join(parts(parsed(several)))


def test_a_required_type_s_email_has_no_unsubscribe_link_shared_composed_or_digested() -> None:
    channel = EmailChannel("smtp://127.0.0.1:9", "shop@acme.example", None, 1.0, UNSUBSCRIBING)
    item = replace(claimed("ann", "security"), required=True)
    made = channel.made_from_shared(item)
    assert made is not None
    for email in (parsed(made), parsed(compose(item, "shop@acme.example", None, UNSUBSCRIBING))):
        assert email["List-Unsubscribe"] is None and "/unsubscribe/" not in "".join(parts(email))
    digest = compose_digest([item, replace(item, id=2)], "shop@acme.example", None, UNSUBSCRIBING)
    assert digest["List-Unsubscribe"] is None
