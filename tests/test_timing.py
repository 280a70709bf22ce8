"""Quiet hours and email digests (`services.timing`, `services.worker`): the window arithmetic in time zones, across
midnight and DST changes; then the worker on real PostgreSQL and a real SMTP server (aiosmtpd) and SMS receiver,
driven by a clock the tests set (`Runtime.now`), one batch at a time (`Worker.work_once`), never by sleeping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

import channels
from models.message import Priority
from models.preference import Timing
from services import recipients
from services.auth import Principal
from services.inbox import unread_count
from services.preferences import (
    PreferenceChanges,
    QuietHours,
    TenantChanges,
    update_preferences,
    update_tenant_defaults,
)
from services.runtime import Runtime, open_runtime
from services.timing import digest_due, quiet_until
from services.worker import Worker
from tests.support import free_port, unique
from tests.test_channels import Mailbox, Receiver, configured, deliveries, receiving, send, smtp_server


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def hours(start: str, end: str) -> tuple[int, int]:
    window = QuietHours.parse(start, end)
    return window.start, window.end


# --- the arithmetic ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "window", "now", "until"),
    [
        # Within one day.
        ("UTC", ("13:00", "14:00"), "2026-01-15T13:30+00:00", "2026-01-15T14:00+00:00"),
        ("UTC", ("13:00", "14:00"), "2026-01-15T14:00+00:00", None),  # the end is not inside
        ("UTC", ("13:00", "14:00"), "2026-01-15T12:59+00:00", None),
        # Across midnight: late evening and early morning are both inside; the end is the next morning's.
        ("America/New_York", ("22:00", "07:00"), "2026-01-15T23:30-05:00", "2026-01-16T07:00-05:00"),
        ("America/New_York", ("22:00", "07:00"), "2026-01-16T03:00-05:00", "2026-01-16T07:00-05:00"),
        ("America/New_York", ("22:00", "07:00"), "2026-01-16T07:00-05:00", None),
        ("America/New_York", ("22:00", "07:00"), "2026-01-15T21:59-05:00", None),
        # The local time, not UTC's: 03:00 UTC is 22:00 in New York.
        ("America/New_York", ("22:00", "07:00"), "2026-01-16T03:00+00:00", "2026-01-16T07:00-05:00"),
        # Spring forward (New York, 2026-03-08, 02:00 EST -> 03:00 EDT): a window over the gap ends at 03:00 EDT,
        # half an hour after 01:30 EST.
        ("America/New_York", ("01:00", "03:00"), "2026-03-08T01:30-05:00", "2026-03-08T03:00-04:00"),
        # A window ending inside the gap ends just after it.
        ("America/New_York", ("22:00", "02:30"), "2026-03-08T01:30-05:00", "2026-03-08T03:30-04:00"),
        # Fall back (2026-11-01, 02:00 EDT -> 01:00 EST): 01:30 happens twice; the window ends at the first.
        ("America/New_York", ("00:30", "01:30"), "2026-11-01T01:00-04:00", "2026-11-01T01:30-04:00"),
        # Across midnight on the night the clocks go forward: seven hours of wall time are six real ones.
        ("Europe/Paris", ("23:00", "06:00"), "2026-03-28T23:00+01:00", "2026-03-29T06:00+02:00"),
        # A half-hour zone.
        ("Asia/Kolkata", ("22:00", "06:30"), "2026-01-15T17:00+00:00", "2026-01-16T06:30+05:30"),
    ],
)
def test_quiet_until(zone: str, window: tuple[str, str], now: str, until: str | None) -> None:
    timing = Timing(zone, hours(*window), "off")
    assert quiet_until(at(now), timing) == (at(until) if until else None)


def test_no_quiet_hours_hold_nothing() -> None:
    assert quiet_until(at("2026-01-15T03:00+00:00"), Timing("UTC", None, "daily")) is None


@pytest.mark.parametrize(
    ("zone", "digest", "sent", "due"),
    [
        ("UTC", "off", "2026-01-15T10:10+00:00", None),
        ("UTC", "hourly", "2026-01-15T10:10+00:00", "2026-01-15T11:00+00:00"),
        ("UTC", "hourly", "2026-01-15T10:00+00:00", "2026-01-15T11:00+00:00"),
        ("Asia/Kolkata", "hourly", "2026-01-15T10:10+00:00", "2026-01-15T10:30+00:00"),
        ("America/New_York", "daily", "2026-01-15T23:59-05:00", "2026-01-16T00:00-05:00"),
        ("America/New_York", "daily", "2026-01-16T02:00+00:00", "2026-01-16T00:00-05:00"),
        # The day the clocks go forward is 23 hours long; its digest still goes at the next local midnight.
        ("America/New_York", "daily", "2026-03-08T00:30-05:00", "2026-03-09T00:00-04:00"),
        # The hour after the clocks go back: local 01:00-02:00 twice, each its own hour.
        ("America/New_York", "hourly", "2026-11-01T01:10-04:00", "2026-11-01T01:00-05:00"),
        ("America/New_York", "hourly", "2026-11-01T01:10-05:00", "2026-11-01T02:00-05:00"),
    ],
)
def test_digest_due(zone: str, digest: str, sent: str, due: str | None) -> None:
    assert digest_due(at(sent), Timing(zone, None, digest)) == (at(due) if due else None)


# --- the worker, on a clock the test sets --------------------------------------------------------------------------


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def set(self, text: str) -> None:
        self.now = at(text)


@dataclass
class Setup:
    runtime: Runtime
    worker: Worker
    clock: Clock
    mailbox: Mailbox
    texts: Receiver
    tenant: str

    async def user(self, name: str, **changes: Any) -> None:
        contact = {"email": f"{name}@example.com", "phone": "+14155550100"}
        await recipients.register_users(self.runtime, self.tenant, [name], {name: contact})
        chosen: dict[str, Any] = {"email": True, "sms": True, "email_min_priority": Priority.LOW}
        own = PreferenceChanges(**(chosen | {"sms_min_priority": Priority.LOW} | changes))
        await update_preferences(self.runtime, Principal(user_id=name, tenant_id=self.tenant), own)

    async def send(self, user: str, title: str, **fields: Any) -> int:
        return await send(self.runtime, self.tenant, user, title=title, **fields)

    async def work(self) -> None:
        """Batches until nothing due is left, as the worker's loop would at this moment."""
        while await self.worker.work_once():
            pass

    def mails(self) -> list[tuple[str, str]]:
        return [(str(m["To"]), str(m["Subject"])) for m in self.mailbox.messages]


@asynccontextmanager
async def running(
    database_url: str, start: str, mailbox: Mailbox | None = None, **settings: Any
) -> AsyncIterator[Setup]:
    mailbox, port = mailbox or Mailbox(), free_port()
    with smtp_server(mailbox, port), receiving() as texts:
        config = configured(database_url, smtp_url=f"smtp://127.0.0.1:{port}", sms_url=texts.url, **settings)
        async with open_runtime(config) as runtime:
            clock = Clock(at(start))
            runtime.now = clock
            opened = channels.opened(config)
            try:
                yield Setup(runtime, Worker(runtime, opened), clock, mailbox, texts, unique("t"))
            finally:
                for channel in opened.values():
                    await channel.aclose()


async def test_quiet_hours_hold_email_and_sms_until_they_end_but_not_urgent_or_in_app(other_database_url: str) -> None:
    async with running(other_database_url, "2026-01-15T23:30-05:00") as s:
        await s.user("ann", quiet_hours=QuietHours.parse("22:00", "07:00"), time_zone="America/New_York")
        await s.user("bob")  # no quiet hours
        normal = await s.send("ann", "Order shipped")
        urgent = await s.send("ann", "Card declined", priority="urgent")
        await s.send("bob", "Welcome")
        await s.work()
        # ann's urgent email and text, and bob's, went; ann's normal ones wait for 07:00 in New York.
        assert sorted(s.mails()) == [("ann@example.com", "Card declined"), ("bob@example.com", "Welcome")]
        assert len(s.texts.requests) == 2
        held = await deliveries(s.runtime, normal)
        assert {(d.channel, d.status, d.attempts) for d in held} == {("email", "pending", 0), ("sms", "pending", 0)}
        assert {d.next_attempt_at for d in held} == {at("2026-01-16T07:00-05:00")}
        assert {d.status for d in await deliveries(s.runtime, urgent)} == {"sent"}
        # In-app is never held: the normal notification is in ann's inbox already.
        assert await unread_count(s.runtime, Principal(user_id="ann", tenant_id=s.tenant), None) == 2

        s.clock.set("2026-01-16T06:59-05:00")
        await s.work()
        assert len(s.mailbox.messages) == 2
        s.clock.set("2026-01-16T07:00-05:00")
        await s.work()
        assert s.mails()[2:] == [("ann@example.com", "Order shipped")]
        assert len(s.texts.requests) == 3
        assert {(d.status, d.attempts) for d in await deliveries(s.runtime, normal)} == {("sent", 1)}


async def test_quiet_hours_over_a_dst_change_end_at_the_local_time(other_database_url: str) -> None:
    # 01:30 EST on the night New York springs forward: 03:00 EDT is thirty minutes away, not ninety.
    async with running(other_database_url, "2026-03-08T01:30-05:00") as s:
        await s.user("ann", quiet_hours=QuietHours.parse("01:00", "03:00"), time_zone="America/New_York")
        message = await s.send("ann", "Order shipped")
        await s.work()
        [email, _] = await deliveries(s.runtime, message)
        assert email.next_attempt_at == at("2026-03-08T07:00+00:00")
        s.clock.set("2026-03-08T06:59+00:00")
        await s.work()
        assert s.mails() == []
        s.clock.set("2026-03-08T07:00+00:00")
        await s.work()
        assert s.mails() == [("ann@example.com", "Order shipped")]


async def test_an_hourly_digest_is_one_email_per_window_and_urgent_goes_at_once(other_database_url: str) -> None:
    # Batches of two: the digest of three is still one email. Kolkata's hours start at half past, UTC.
    async with running(other_database_url, "2026-01-15T10:10+00:00", delivery_batch=2) as s:
        await s.user("ann", email_digest="hourly", time_zone="Asia/Kolkata", sms=False)
        await s.user("bob", sms=False)
        for minute, title in ((10, "First"), (20, "Second"), (25, "Third")):
            s.clock.set(f"2026-01-15T10:{minute}+00:00")
            await s.send("ann", title, action_url="https://shop.example/orders/7", action_text="Track")
            await s.send("bob", f"Bob {title}")
            await s.work()
        s.clock.set("2026-01-15T10:26+00:00")
        await s.send("ann", "Card declined", priority="urgent")
        await s.work()
        assert [m for m in s.mails() if m[0] == "ann@example.com"] == [("ann@example.com", "Card declined")]
        assert len([m for m in s.mails() if m[0] == "bob@example.com"]) == 3  # no digest for bob: one by one

        s.clock.set("2026-01-15T10:30+00:00")
        await s.work()
        s.clock.set("2026-01-15T10:35+00:00")
        await s.send("ann", "Fourth")
        await s.work()
        digests = [m for m in s.mailbox.messages if m["To"] == "ann@example.com"][1:]
        assert [m["Subject"] for m in digests] == ["3 notifications"]
        text = digests[0].get_body(("plain",))
        html = digests[0].get_body(("html",))
        assert text is not None and html is not None
        listed = text.get_content()
        assert listed.index("First") < listed.index("Second") < listed.index("Third")
        assert "Track: https://shop.example/orders/7" in listed
        assert html.get_content().count('<a href="https://shop.example/orders/7"') == 3

        s.clock.set("2026-01-15T11:30+00:00")
        await s.work()
        assert [m["Subject"] for m in s.mailbox.messages if m["To"] == "ann@example.com"][2:] == ["Fourth"]


async def test_tenant_quiet_hours_and_daily_digest_apply_to_users_who_chose_none(other_database_url: str) -> None:
    async with running(other_database_url, "2026-01-15T15:00+00:00") as s:
        admin = Principal(user_id="boss", tenant_id=s.tenant, roles=frozenset({"admin"}))
        await update_tenant_defaults(
            s.runtime,
            admin,
            TenantChanges(
                quiet_hours=QuietHours.parse("22:00", "07:00"), time_zone="Europe/Paris", email_digest="daily"
            ),
        )
        await s.user("ann", sms=False)  # the tenant's settings
        await s.user("bob", sms=False, email_digest="off", quiet_hours=False)  # his own: neither
        for title in ("Morning", "Afternoon"):
            await s.send("ann", title)
            await s.send("bob", title)
        await s.work()
        assert sorted(s.mails()) == [("bob@example.com", "Afternoon"), ("bob@example.com", "Morning")]
        # Paris midnight ends the day's window, but it is inside the quiet hours: the digest waits for 07:00.
        s.clock.set("2026-01-16T00:00+01:00")
        await s.work()
        assert len(s.mails()) == 2
        s.clock.set("2026-01-16T07:00+01:00")
        await s.work()
        assert s.mails()[2:] == [("ann@example.com", "2 notifications")]


async def test_a_refused_digest_fails_every_delivery_it_carried(other_database_url: str) -> None:
    class Refusing(Mailbox):
        async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
            return "550 5.1.1 no such mailbox"

    async with running(other_database_url, "2026-01-15T10:10+00:00", Refusing()) as s:
        await s.user("ann", email_digest="hourly", sms=False)
        messages = [await s.send("ann", title) for title in ("One", "Two")]
        s.clock.set("2026-01-15T11:00+00:00")
        await s.work()
        rows = [row for message in messages for row in await deliveries(s.runtime, message)]
        assert [(row.status, row.attempts) for row in rows] == [("failed", 1), ("failed", 1)]
        assert all(row.last_error is not None and "550" in row.last_error for row in rows)
