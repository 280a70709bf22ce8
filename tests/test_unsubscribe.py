"""One-click unsubscribe (RFC 8058), end to end: an email delivered to a real SMTP server (aiosmtpd) carries the
List-Unsubscribe headers; POSTing its link switches email off for that type, and nothing else does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.unsubscribe import Subscription, token
from settings import Settings
from tests.support import (
    IN_PROCESS,
    JWT_SECRET,
    REGISTER,
    SEND,
    GraphQLClient,
    free_port,
    in_process,
    unique,
    until,
)
from tests.support import token as jwt
from tests.test_channels import WAIT, Mailbox, smtp_server

pytestmark = pytest.mark.slow  # the worker delivers, fails and retries for real

PREFS = "{ notificationPreferences { email { enabled } typeOverrides { type email inApp } } }"
UPDATE = """
mutation($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { email { enabled } }
}
"""

DEFAULTS = """
mutation($input: UpdateTenantNotificationDefaultsInput!) {
  updateTenantNotificationDefaults(input: $input) { typeDefaults { type required } }
}
"""


async def one_click(http: httpx.AsyncClient, link: str) -> httpx.Response:
    """What a mail client sends for RFC 8058's one-click."""
    form = {"content-type": "application/x-www-form-urlencoded"}
    return await http.post(link, content=b"List-Unsubscribe=One-Click", headers=form)


@pytest.fixture
async def service(other_database_url: str) -> AsyncIterator[tuple[GraphQLClient, httpx.AsyncClient, Mailbox]]:
    """The app in this process, delivering email to an aiosmtpd server, its links pointing back at it."""
    mailbox, port = Mailbox(), free_port()
    settings = Settings(
        database_url=other_database_url,
        broadcast_url="memory://",
        jwt_secret=JWT_SECRET,
        smtp_url=f"smtp://127.0.0.1:{port}",
        service_url=IN_PROCESS,
        delivery_poll_seconds=0.05,
    )
    with smtp_server(mailbox, port):
        async with in_process(settings) as http:
            yield GraphQLClient(f"{IN_PROCESS}/graphql", http), http, mailbox


async def mail_to(mailbox: Mailbox, address: str, count: int = 1) -> list[Any]:
    def found() -> list[Any]:
        return [m for m in mailbox.messages if m["To"] == address]

    await until(lambda: len(found()) >= count, within=WAIT)
    return found()


async def people(api: GraphQLClient, tenant: str, *names: str) -> None:
    users = [{"userId": name, "email": f"{name}@example.com"} for name in names]
    await api.data(REGISTER, {"input": {"users": users}}, token=jwt("boss", tenant, "admin"))
    for name in names:
        await api.data(UPDATE, {"input": {"email": {"enabled": True, "minPriority": "LOW"}}}, token=jwt(name, tenant))


async def send(api: GraphQLClient, tenant: str, user: str, type_: str) -> None:
    content = {"userId": user, "title": type_, "message": "Half price", "type": type_}
    await api.data(SEND, {"input": content}, token=jwt("boss", tenant, "admin"))


async def test_the_email_s_one_click_link_switches_email_off_for_that_type(
    service: tuple[GraphQLClient, httpx.AsyncClient, Mailbox],
) -> None:
    api, http, mailbox = service
    tenant = unique("t")
    await people(api, tenant, "ann")
    await send(api, tenant, "ann", "sale")
    [email] = await mail_to(mailbox, "ann@example.com")
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(email["List-Unsubscribe"])
    assert header.startswith(f"<{IN_PROCESS}/unsubscribe/") and header.endswith(">")
    link = header[1:-1]
    text = email.get_body(("plain",))
    assert text is not None and link in text.get_content()  # and in the footer, for readers

    # GET shows a form and changes nothing (link scanners GET whatever they find).
    page = await http.get(link)
    assert page.status_code == 200 and '<form method="post">' in page.text and "sale" in page.text
    before = (await api.data(PREFS, token=jwt("ann", tenant)))["notificationPreferences"]
    assert before["typeOverrides"] == []

    done = await one_click(http, link)
    assert done.status_code == 200 and "no more emails about" in done.text
    after = (await api.data(PREFS, token=jwt("ann", tenant)))["notificationPreferences"]
    assert after == {"email": {"enabled": True}, "typeOverrides": [{"type": "sale", "email": False, "inApp": None}]}
    assert (await one_click(http, link)).status_code == 200  # a second click: the same, no error

    # The next sale is not emailed; other types still are.
    await send(api, tenant, "ann", "sale")
    await send(api, tenant, "ann", "billing")
    [_, second] = await mail_to(mailbox, "ann@example.com", 2)
    await asyncio.sleep(0.5)  # time for the worker to send the second sale too, had it been written
    assert [str(m["Subject"]) for m in mailbox.messages if m["To"] == "ann@example.com"] == ["sale", "billing"]
    assert second["List-Unsubscribe"] != email["List-Unsubscribe"]  # billing's own link


async def test_tampered_and_foreign_links_are_refused_and_change_nothing(
    service: tuple[GraphQLClient, httpx.AsyncClient, Mailbox],
) -> None:
    api, http, mailbox = service
    tenant, other = unique("t"), unique("t")
    await people(api, tenant, "ann", "bob")
    await people(api, other, "ann")
    await send(api, tenant, "ann", "sale")
    [email] = await mail_to(mailbox, "ann@example.com")
    link = str(email["List-Unsubscribe"])[1:-1]
    base, _, given = link.rpartition("/")
    _, mac = given.split(".")
    bob_payload = token(JWT_SECRET, Subscription(tenant, "bob", "sale")).split(".")[0]
    other_payload = token(JWT_SECRET, Subscription(other, "ann", "sale")).split(".")[0]
    forged = [
        f"{bob_payload}.{mac}",  # ann's signature on bob's subscription
        f"{other_payload}.{mac}",  # on ann of another tenant
        token("another secret of 32 characters!", Subscription(tenant, "bob", "sale")),
        given[:-2] + ("AA" if not given.endswith("AA") else "BB"),
        "x" * 5000,
        "not-a-token",
    ]
    for bad in forged:
        assert (await one_click(http, f"{base}/{bad}")).status_code == 400, bad
        assert (await http.get(f"{base}/{bad}")).status_code == 400, bad
    for who, where in [("bob", tenant), ("ann", other), ("ann", tenant)]:
        prefs = (await api.data(PREFS, token=jwt(who, where)))["notificationPreferences"]
        assert prefs["typeOverrides"] == [], (who, where)
    # A valid link for a user who does not exist: not found, nothing created.
    ghost = token(JWT_SECRET, Subscription(tenant, "ghost", "sale"))
    assert (await one_click(http, f"{base}/{ghost}")).status_code == 404


async def test_a_type_the_tenant_requires_is_emailed_without_an_unsubscribe_link(
    service: tuple[GraphQLClient, httpx.AsyncClient, Mailbox],
) -> None:
    api, _, mailbox = service
    tenant = unique("t")
    await people(api, tenant, "ann")
    # A required type follows the tenant's floors alone: the built-in one (HIGH) would hold back this NORMAL send.
    required = {
        "email": {"minPriority": "LOW"},
        "typeDefaults": [{"type": "security", "email": True, "required": True}],
    }
    await api.data(DEFAULTS, {"input": required}, token=jwt("boss", tenant, "admin"))
    await send(api, tenant, "ann", "security")
    await send(api, tenant, "ann", "sale")
    security, sale = await mail_to(mailbox, "ann@example.com", 2)
    assert str(security["Subject"]) == "security" and str(sale["Subject"]) == "sale"
    # Its link could switch nothing off: the tenant's settings alone decide a required type's channels.
    assert security["List-Unsubscribe"] is None and security["List-Unsubscribe-Post"] is None
    text = security.get_body(("plain",))
    assert text is not None and "/unsubscribe/" not in text.get_content()
    assert str(sale["List-Unsubscribe"]).startswith(f"<{IN_PROCESS}/unsubscribe/")
