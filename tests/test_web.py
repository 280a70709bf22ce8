"""The frontend (web/, served at /ui/): the <notification-bell> element and the admin view, in a real headless
Chromium driven over the DevTools protocol, against the real server on PostgreSQL and Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import Page, open_tab
from tests.support import (
    LIST,
    ROOT,
    SEND,
    GraphQLClient,
    Server,
    free_port,
    token,
    unique,
)

UNREAD = "query { unreadCount }"
MARK_READ = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount } }"
SENT = """
query Sent($tenantId: ID) {
  sentNotifications(first: 50, tenantId: $tenantId) { edges { node { delivered notification { id title } } } }
}"""

# Page-side helpers, evaluated before each check: the bell, its shadow root, and what it shows.
JS_HELPERS = """
var bell = document.querySelector("notification-bell");
var root = bell && bell.shadowRoot;
var badge = () => { const b = root.querySelector(".badge"); return b.hidden ? null : b.textContent; };
var items = (section) => [...root.querySelectorAll(`ul.${section} [data-id]`)].map((el) => ({
  id: el.dataset.id, tag: el.tagName.toLowerCase(), href: el.getAttribute("href"),
  priority: el.parentElement.className, title: el.querySelector(".title").textContent,
  message: el.querySelector(".message").textContent,
}));
var openPanel = () => { if (root.querySelector(".panel").hidden) root.querySelector(".bell").click(); };
"""

# Records the bell's events in the page, so tests can check what a host app would have been told.
JS_RECORD = """
window.__events = [];
for (const type of ["notification", "token-expired", "connection-state"]) {
  document.addEventListener(type, (event) => window.__events.push({ type, detail: event.detail ?? null }));
}
"""


BELL_READY = "!document.querySelector('notification-bell') || !!root"  # the custom element defined and set up


@pytest.fixture
async def page(chromium: int) -> AsyncIterator[Page]:
    async with open_tab(chromium, helpers=JS_HELPERS, ready=BELL_READY) as tab:
        yield tab


# --- helpers --------------------------------------------------------------------------------------------------


async def send(api: GraphQLClient, admin: str, user: str, title: str, **fields: Any) -> str:
    data = await api.data(
        SEND, {"input": {"userId": user, "title": title, "message": f"about {title}", **fields}}, token=admin
    )
    assert data["sendNotification"]["delivered"] == 1, data
    return str(data["sendNotification"]["notification"]["id"])


async def open_bell(page: Page, server: Server, user_token: str) -> None:
    """The demo page with the bell connected as a user, its events recorded, its panel open. Its badge counts unread
    ones (the opt-in): these tests follow that count with the panel open, where the default, unseen, falls."""
    await page.open(server.base("/ui/"))
    await page.run(JS_RECORD)
    await page.run("bell.setAttribute('badge', 'unread')")
    await page.run(f"bell.token = {json.dumps(user_token)}")
    await page.wait_for("bell.connectionState === 'live'")
    await page.run("openPanel()")


async def unread(api: GraphQLClient, user_token: str) -> int:
    return int((await api.data(UNREAD, token=user_token))["unreadCount"])


# --- serving --------------------------------------------------------------------------------------------------


async def test_ui_files_are_served_with_their_content_types(server: Server, http: httpx.AsyncClient) -> None:
    html, javascript = {"text/html"}, {"text/javascript", "application/javascript"}  # browsers run modules of either
    expected = {
        "/ui/": (html, "<notification-bell"),
        "/ui/index.html": (html, "<notification-bell"),
        "/ui/admin.html": (html, "admin.js"),
        "/ui/notification-bell.js": (javascript, 'customElements.define("notification-bell"'),
        "/ui/admin.js": (javascript, "sentNotifications"),
    }
    for path, (content_types, marker) in expected.items():
        response = await http.get(server.base(path))
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["content-type"].split(";")[0] in content_types, (path, response.headers)
        assert marker in response.text, path
    assert (await http.get(server.base("/ui/missing.js"))).status_code == 404
    # Only web/ is served: not the code beside it, however the path is spelled.
    for path in ("/ui/../main.py", "/ui/%2e%2e/main.py", "/ui/..%2fmain.py", "/ui/%2e%2e/settings.py"):
        response = await http.get(server.base(path))
        assert response.status_code == 404 or "def create_app" not in response.text, path
    redirect = await http.get(server.base("/ui"))
    assert redirect.status_code in (301, 307, 308) and redirect.headers["location"].endswith("/ui/"), redirect


# --- the bell -------------------------------------------------------------------------------------------------


async def test_bell_shows_the_unread_count_and_the_inbox_on_load(
    api: GraphQLClient, server: Server, page: Page
) -> None:
    tenant, user = unique("t"), unique("u")
    admin, user_token = token("boss", tenant, "admin"), token(user, tenant)
    ids = {p: await send(api, admin, user, f"{p} one", priority=p.upper()) for p in ("low", "normal", "high", "urgent")}
    await api.data(MARK_READ, {"ids": [ids["normal"]]}, token=user_token)

    # As a person would: paste the token into the demo page and connect.
    await page.open(server.base("/ui/"))
    assert await page.evaluate("badge()") is None
    assert await page.evaluate("bell.connectionState") == "idle"
    await page.run(f"document.getElementById('token').value = {json.dumps(user_token)}")
    await page.run("document.querySelector('#token-form button').click()")
    await page.wait_for("bell.connectionState === 'live'")
    assert await page.wait_for("badge() === '3' && badge()") == "3"

    await page.run("openPanel()")
    await page.wait_for("items('unread').length === 3")
    unread_items = await page.evaluate("items('unread')")
    read_items = await page.evaluate("items('read')")
    # Unread first, then read, each newest first; priority decides the styling.
    assert [i["id"] for i in unread_items] == [ids["urgent"], ids["high"], ids["low"]]
    assert [i["id"] for i in read_items] == [ids["normal"]]
    assert [i["priority"] for i in unread_items] == ["priority-urgent", "priority-high", "priority-low"]
    assert unread_items[0]["title"] == "urgent one" and unread_items[0]["message"] == "about urgent one"
    styles = await page.evaluate(
        "Object.fromEntries([...root.querySelectorAll('li')].map((li) => "
        "[li.className, getComputedStyle(li.querySelector('.title')).fontWeight]))"
    )
    assert styles["priority-urgent"] == "700" and styles["priority-low"] == "400", styles
    assert await page.evaluate("root.querySelector('.state').textContent") == "Live"
    assert await page.evaluate("root.querySelector('.meta').textContent") == "just now"

    # Another user's token: nothing of the first user's stays on screen.
    other = token(unique("u"), tenant)
    await page.run(f"bell.token = {json.dumps(other)}")
    await page.wait_for("bell.connectionState === 'live' && !!root.querySelector('.empty')")
    assert await page.evaluate("badge()") is None
    assert await page.evaluate("bell.notifications.length") == 0


async def test_badge_caps_at_99_plus(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    for i in range(100):
        await send(api, admin, user, f"n{i}")
    await open_bell(page, server, token(user, tenant))
    assert await page.wait_for("badge() === '99+' && badge()") == "99+"
    assert await page.evaluate("bell.unreadCount") == 100
    assert await page.evaluate("items('unread').length") == 20  # the first page only


async def test_live_notification_appears_and_the_badge_increments(
    api: GraphQLClient, server: Server, page: Page
) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    first = await send(api, admin, user, "Before")
    await open_bell(page, server, token(user, tenant))
    await page.wait_for("badge() === '1'")

    live = await send(api, admin, user, "Live one", priority="HIGH", type="sale")
    await page.wait_for(f"items('unread').length === 2 && items('unread')[0].id === {json.dumps(live)}")
    await page.wait_for("badge() === '2'")
    shown = await page.evaluate("items('unread')")
    assert [i["id"] for i in shown] == [live, first]
    assert shown[0]["title"] == "Live one" and shown[0]["priority"] == "priority-high"
    # The host app is told once, about the live one only (not about what was listed on load).
    events = await page.evaluate("window.__events.filter((e) => e.type === 'notification').map((e) => e.detail)")
    assert [(e["id"], e["title"], e["type"], e["isRead"]) for e in events] == [(live, "Live one", "sale", False)]


async def test_clicking_an_item_marks_it_read(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin, user_token = token("boss", tenant, "admin"), token(user, tenant)
    older = await send(api, admin, user, "Older")
    newer = await send(api, admin, user, "Newer")
    await open_bell(page, server, user_token)
    await page.wait_for("items('unread').length === 2 && badge() === '2'")

    await page.run(f"root.querySelector('[data-id=\"{newer}\"]').click()")
    await page.wait_for(f"items('read').map((i) => i.id).join() === {json.dumps(newer)}")
    await page.wait_for("badge() === '1'")
    assert [i["id"] for i in await page.evaluate("items('unread')")] == [older]
    # The server agrees, and only that one was marked.
    assert await unread(api, user_token) == 1
    listed = (await api.data(LIST, {"first": 10}, token=user_token))["notifications"]["edges"]
    assert {e["node"]["id"]: e["node"]["isRead"] for e in listed} == {newer: True, older: False}

    # Clicking a read one again changes nothing.
    await page.run(f"root.querySelector('[data-id=\"{newer}\"]').click()")
    await page.run(f"root.querySelector('[data-id=\"{older}\"]').click()")
    await page.wait_for("badge() === null && items('read').length === 2")
    assert await unread(api, user_token) == 0


async def test_mark_all_read(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin, user_token = token("boss", tenant, "admin"), token(user, tenant)
    for i in range(3):
        await send(api, admin, user, f"n{i}")
    await open_bell(page, server, user_token)
    await page.wait_for("badge() === '3' && items('unread').length === 3")
    assert await page.evaluate("root.querySelector('.mark-all').disabled") is False

    await page.run("root.querySelector('.mark-all').click()")
    await page.wait_for("badge() === null && items('unread').length === 0 && items('read').length === 3")
    await page.wait_for("root.querySelector('.mark-all').disabled")
    assert await unread(api, user_token) == 0

    # Read in another tab (here: the API): the badge follows live, and the list when it is opened again.
    again = await send(api, admin, user, "again")
    await page.wait_for("badge() === '1'")
    await api.data(MARK_READ, {"ids": [again]}, token=user_token)
    await page.wait_for("badge() === null")
    await page.run("root.querySelector('.bell').click(); openPanel()")
    await page.wait_for("items('unread').length === 0 && items('read').length === 4")


async def test_reconnect_catches_up_exactly_once(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    await send(api, admin, user, "Seen")
    await open_bell(page, server, token(user, tenant))
    await page.wait_for("items('unread').length === 1")

    await page.run("bell.disconnect()")
    assert await page.evaluate("bell.connectionState") == "offline"
    missed = [await send(api, admin, user, f"Missed {i}") for i in range(3)]
    # Nothing can arrive while disconnected (no socket, no polling).
    assert await page.evaluate("items('unread').length") == 1

    await page.run("bell.reconnectNow()")
    await page.wait_for("bell.connectionState === 'live' && items('unread').length === 4 && badge() === '4'")
    # reconnectNow() on a live connection, twice in a row, must not replay anything either.
    await page.run("bell.reconnectNow(); bell.reconnectNow()")
    await page.wait_for("bell.connectionState === 'live'")
    later = await send(api, admin, user, "Later")
    await page.wait_for("items('unread').length === 5 && badge() === '5'")

    events = await page.evaluate("window.__events.filter((e) => e.type === 'notification').map((e) => e.detail.id)")
    assert events == [*missed, later]  # each once, oldest first
    shown = await page.evaluate("[...root.querySelectorAll('[data-id]')].map((el) => el.dataset.id)")
    assert sorted(shown) == sorted({*shown}) and len(shown) == 5


async def test_server_shutdown_reconnects_with_backoff_and_catches_up(
    api: GraphQLClient, server_env: dict[str, str], logs_dir: Path, page: Page
) -> None:
    """A real 1001: the server behind the page is stopped (SIGTERM), notifications are sent through another one
    meanwhile, and a new server comes up on the same port: the bell reconnects by itself and misses nothing."""
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    port = free_port()
    first = serve_on(port, server_env, logs_dir)
    second: Server | None = None
    try:
        await send(api, admin, user, "Before")
        await open_bell(page, first, token(user, tenant))
        # Live first: on a loaded host the tab may become its group's leader after its first page is listed, and
        # say "reconnecting" as it opens its socket.
        await page.wait_for("bell.connectionState === 'live' && items('unread').length === 1")
        seen = await page.evaluate("window.__events.length")

        first.stop()
        reconnecting = "(e) => e.type === 'connection-state' && e.detail.state === 'reconnecting'"
        change = await page.wait_for(f"window.__events.slice({seen}).find({reconnecting})")
        assert change["detail"]["code"] == 1001, change
        missed = [await send(api, admin, user, f"While down {i}") for i in range(2)]

        second = serve_on(port, server_env, logs_dir)
        await page.wait_for("bell.connectionState === 'live' && items('unread').length === 3", deadline=60)
        await page.wait_for("badge() === '3'")
        events = await page.evaluate("window.__events.filter((e) => e.type === 'notification').map((e) => e.detail.id)")
        assert events == missed
        live = await send(api, admin, user, "After")
        await page.wait_for(f"items('unread')[0].id === {json.dumps(live)} && badge() === '4'")
    finally:
        first.stop()
        if second is not None:
            second.stop()


async def test_expired_token_stops_until_a_new_token_is_set(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    await send(api, admin, user, "Before")
    await open_bell(page, server, token(user, tenant, ttl=10))
    await page.wait_for("items('unread').length === 1")

    # At the token's exp the server closes the socket with 4403: the host is told, the bell does not retry.
    expired = await page.wait_for("window.__events.find((e) => e.type === 'token-expired')", deadline=60)
    assert expired == {"type": "token-expired", "detail": None}
    assert await page.evaluate("bell.connectionState") == "expired"
    states = await page.evaluate("window.__events.filter((e) => e.type === 'connection-state').map((e) => e.detail)")
    assert states[-1] == {"state": "expired", "code": 4403}, states
    assert await page.evaluate("root.querySelector('.state').textContent") == "Session expired"
    missed = await send(api, admin, user, "While expired")
    # The refused token again changes nothing (a host's token-expired handler doing so must not loop).
    await page.run("bell.token = bell.token")
    assert await page.evaluate("bell.connectionState") == "expired"

    # A fresh token of the same user resumes where it stopped.
    await page.run(f"bell.token = {json.dumps(token(user, tenant))}")
    await page.wait_for(f"bell.connectionState === 'live' && items('unread')[0]?.id === {json.dumps(missed)}")
    await page.wait_for("badge() === '2'")
    after_expiry = await page.evaluate(
        "window.__events.slice(window.__events.findIndex((e) => e.type === 'token-expired'))"
        ".filter((e) => e.type === 'connection-state').map((e) => e.detail.state)"
    )
    assert after_expiry == ["reconnecting", "live"], after_expiry  # no retry before the new token


async def test_action_urls_are_safe_and_content_is_text(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    for bad in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x"):
        refused = {"input": {"userId": user, "title": "x", "message": "x", "actionUrl": bad}}
        assert await api.code(SEND, refused, token=admin) == "BAD_USER_INPUT", bad
    external = await send(api, admin, user, "External", actionUrl="https://example.com/a?b=1&c=2", actionText="Open")
    local = await send(api, admin, user, "Local", actionUrl="/orders/7")
    plain = await send(api, admin, user, "Plain")
    markup = '<img src=x onerror="window.__xss = 1">'
    hostile = await send(api, admin, user, markup, message=f"<b>{markup}</b>")
    await open_bell(page, server, token(user, tenant))
    await page.wait_for("items('unread').length === 4")

    shown = {i["id"]: i for i in await page.evaluate("items('unread')")}
    assert (shown[external]["tag"], shown[external]["href"]) == ("a", "https://example.com/a?b=1&c=2")
    assert (shown[local]["tag"], shown[local]["href"]) == ("a", "/orders/7")
    assert (shown[plain]["tag"], shown[plain]["href"]) == ("button", None)
    assert shown[hostile]["title"] == markup and shown[hostile]["message"] == f"<b>{markup}</b>"
    assert await page.evaluate("root.querySelectorAll('img, b, script').length") == 0
    assert await page.evaluate("window.__xss === undefined")
    assert await page.evaluate(f"root.querySelector('[data-id=\"{external}\"] .action').textContent") == "Open"

    # Whatever the server would let through, the element itself only ever links http(s) URLs and local paths.
    verdicts = await page.evaluate(
        "import('/ui/notification-bell.js').then(({ safeActionUrl }) => Object.fromEntries(["
        "'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', "
        "'vbscript:x', '//evil.example/x', '/\\\\evil.example/x', 'https:evil.example', 'http://', "
        "'/ok\\nline', 'https://example.com/x', 'HTTP://example.com/', '/orders/7', 'orders/7', null"
        "].map((u) => [String(u), safeActionUrl(u)])))"
    )
    allowed = {k for k, v in verdicts.items() if v is not None}
    assert allowed == {"https://example.com/x", "HTTP://example.com/", "/orders/7"}, verdicts


# --- the admin view -------------------------------------------------------------------------------------------


async def fill(page: Page, values: dict[str, str]) -> None:
    for element_id, value in values.items():
        await page.run(
            f"const el = document.getElementById({json.dumps(element_id)}); el.value = {json.dumps(value)};"
            "el.dispatchEvent(new Event('change'))"
        )


async def submit(page: Page, form: str, result: str) -> str:
    """Submits a form as a click would and returns the result line once it changes."""
    await page.run(f"document.getElementById({json.dumps(result)}).textContent = ''")
    await page.run(f"document.querySelector('#{form} button[type=submit]').click()")
    return str(await page.wait_for(f"document.getElementById({json.dumps(result)}).textContent"))


async def test_admin_sends_and_lists_what_was_sent(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    user_token = token(user, tenant)
    await page.open(server.base("/ui/admin.html"))
    await fill(page, {"token": token("boss", tenant, "admin")})

    await fill(
        page,
        {
            "mode": "one",
            "user-id": user,
            "type": "sale",
            "title": "From the admin view",
            "message": "A sale of $100",
            "priority": "HIGH",
            "action-url": "/sales/1",
            "action-text": "View sale",
            "metadata": '{"saleId": 1}',
            "expires-at": "2099-01-01T12:00",
            "idempotency-key": unique("key"),
        },
    )
    result = await submit(page, "send-form", "send-result")
    assert result.startswith("Delivered: 1, skipped: 0"), result
    sent_id = await page.evaluate("document.getElementById('send-result').dataset.id")
    node = (await api.data(LIST, {"first": 5}, token=user_token))["notifications"]["edges"][0]["node"]
    assert node["id"] == sent_id
    assert (node["title"], node["message"], node["type"], node["priority"]) == (
        "From the admin view",
        "A sale of $100",
        "sale",
        "HIGH",
    )
    assert (node["actionUrl"], node["actionText"], node["metadata"]) == ("/sales/1", "View sale", {"saleId": 1})
    assert node["expiresAt"].startswith("2099-01-01")
    # The same idempotency key again: nothing new.
    again = await submit(page, "send-form", "send-result")
    assert "duplicate" in again and sent_id in again, again
    assert await unread(api, user_token) == 1

    # The history table shows it (the send refreshed it).
    row = await page.wait_for(
        f"[...document.querySelectorAll('#history tr[data-id=\"{sent_id}\"] td')].map((td) => td.textContent)"
    )
    # The sender as people read it; recipients, read and skipped counts; the date as the browser writes it.
    assert row[1:] == [sent_id, "sale", "HIGH", "From the admin view", f"boss ({tenant})", "1", "0", "0"], row
    created = node["createdAt"]
    shown = "new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'})"
    local = await page.evaluate(f"{shown}.format(new Date('{created}'))")
    assert row[0] == local and created[:10] not in row[0], row
    # Once the recipient has read it, the history says so.
    await api.data(MARK_READ, {"ids": [sent_id]}, token=user_token)
    await page.run("document.querySelector('#history-form button[type=submit]').click()")
    await page.wait_for(
        f"document.querySelector('#history tr[data-id=\"{sent_id}\"] td:nth-child(8)')?.textContent === '1'"
    )

    # Several users, comma or newline separated.
    others = [unique("u") for _ in range(3)]
    await fill(
        page,
        {
            "mode": "several",
            "user-ids": f"{others[0]}, {others[1]}\n{others[2]}\n",
            "title": "Bulk",
            "idempotency-key": "",
            "metadata": "",
            "expires-at": "",
        },
    )
    assert (await submit(page, "send-form", "send-result")).startswith("Delivered: 3, skipped: 0")
    for other in others:
        assert await unread(api, token(other, tenant)) == 1

    # Errors are shown with their code.
    await fill(page, {"metadata": "{not json"})
    assert "INVALID_JSON" in await submit(page, "send-form", "send-result")
    await fill(page, {"metadata": "", "action-url": "javascript:alert(1)"})
    refused = await submit(page, "send-form", "send-result")
    assert "(BAD_USER_INPUT)" in refused and "actionUrl" in refused, refused


async def test_admin_registers_users_then_sends_to_the_tenant(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant = unique("t")
    service = token("backend", unique("ops"), "service")  # a service token names the tenant
    people = [unique("u") for _ in range(3)]
    await page.open(server.base("/ui/admin.html"))
    await fill(
        page,
        {
            "token": service,
            "register-tenant": tenant,
            "register-users": f"{people[0]}\n{people[1]}, {people[1]}@example.com\n{people[2]},,+14155550100",
        },
    )
    assert await submit(page, "register-form", "register-result") == "Registered: 3"

    await fill(page, {"mode": "tenant", "send-tenant": tenant, "title": "Everyone", "message": "Hello all"})
    assert (await submit(page, "send-form", "send-result")).startswith("Delivered: 3, skipped: 0")
    for person in people:
        listed = (await api.data(LIST, {"first": 5}, token=token(person, tenant)))["notifications"]["edges"]
        assert [e["node"]["title"] for e in listed] == ["Everyone"]
    sent = (await api.data(SENT, {"tenantId": tenant}, token=service))["sentNotifications"]["edges"]
    assert [(e["node"]["notification"]["title"], e["node"]["delivered"]) for e in sent] == [("Everyone", 3)]

    # An admin of another tenant may not.
    await fill(page, {"token": token("boss", unique("t"), "admin")})
    assert "(FORBIDDEN)" in await submit(page, "send-form", "send-result")


async def test_admin_history_pages_to_older(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    ids = [await send(api, admin, unique("u"), f"n{i}") for i in range(23)]
    await page.open(server.base("/ui/admin.html"))
    await fill(page, {"token": admin})  # a new token shows the history
    await page.wait_for("document.querySelectorAll('#history tr').length === 20")
    shown = await page.evaluate("[...document.querySelectorAll('#history tr')].map((tr) => tr.dataset.id)")
    assert shown == ids[::-1][:20]
    assert await page.evaluate("document.getElementById('older').hidden") is False

    await page.run("document.getElementById('older').click()")
    await page.wait_for("document.querySelectorAll('#history tr').length === 23")
    shown = await page.evaluate("[...document.querySelectorAll('#history tr')].map((tr) => tr.dataset.id)")
    assert shown == ids[::-1]
    assert await page.evaluate("document.getElementById('older').hidden") is True


# --- a server of the test's own on a port it chooses (to restart it on the same one) --------------------------


def serve_on(port: int, env: dict[str, str], logs_dir: Path) -> Server:
    log_path = logs_dir / f"web-server-{port}-{time.monotonic_ns()}.log"
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROADCAST_URL", "JWT_SECRET")}
    full_env.update(env, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "uvicorn", "main:app", "--port", str(port), "--log-level", "warning"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    running = Server(port=port, process=process, log_path=log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{running.log()}")
        try:
            if httpx.get(running.base("/health/ready"), timeout=1).status_code == 200:
                return running
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    running.stop()
    raise RuntimeError(f"server did not become ready:\n{running.log()}")


async def test_admin_edits_templates_and_triggers_events(api: GraphQLClient, server: Server, page: Page) -> None:
    tenant, user = unique("t"), unique("u")
    await page.open(server.base("/ui/admin.html"))
    await fill(page, {"token": token("boss", tenant, "admin")})
    source = "(row) => row.children[5].textContent"
    row = "document.querySelector('#templates tr[data-key=\"sale.completed/en\"]')"

    await page.run("document.querySelector('#templates-form button[type=submit]').click()")
    await page.wait_for("document.querySelectorAll('#templates tr').length === 27")
    assert await page.evaluate(f"({source})({row})") == "shipped"

    # Edit fills the form from the shipped template; saving makes it the tenant's own.
    await page.run(f"{row}.querySelector('button').click()")
    assert await page.evaluate("document.getElementById('template-type').value") == "sale"
    await fill(page, {"template-title": "Closed: {{ customer }}"})
    assert await submit(page, "template-form", "template-result") == "Saved sale.completed (en)."
    await page.wait_for(f"({source})({row}) === 'tenant'")

    await fill(page, {"template-title": "{% if %}"})
    refused = await submit(page, "template-form", "template-result")
    assert "line 1" in refused and "(BAD_USER_INPUT)" in refused, refused

    data = '{"sale_id": "S-1", "customer": "Acme Corp", "amount": 10, "currency": "EUR"}'
    await fill(page, {"event": "sale.completed", "trigger-mode": "users", "trigger-users": user, "trigger-data": data})
    assert await submit(page, "trigger-form", "trigger-result") == 'Delivered: 1, skipped: 0, "Closed: Acme Corp"'
    listed = (await api.data(LIST, {"first": 5}, token=token(user, tenant)))["notifications"]["edges"]
    assert [e["node"]["title"] for e in listed] == ["Closed: Acme Corp"]
    await fill(page, {"trigger-data": "{}"})
    assert "(BAD_USER_INPUT)" in await submit(page, "trigger-form", "trigger-result")

    await page.run(f"{row}.querySelector('button.delete').click()")
    await page.wait_for(f"({source})({row}) === 'shipped'")
    assert await page.evaluate("document.getElementById('templates-result').textContent") == (
        "Deleted sale.completed (en)."
    )
