"""The embedded default: no environment at all, SQLite and the in-memory broadcast, via the README's commands."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import (
    JWT_SECRET,
    MAIN,
    SEND,
    GraphQLClient,
    Server,
    database_named,
    free_port,
    start_server,
    subscription,
    unique,
)

pytestmark = pytest.mark.slow  # CLI and server processes on embedded databases


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), **(env or {})}
    command = [sys.executable, str(MAIN), *args]
    return subprocess.run(command, cwd=cwd, env=clean, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    home = tmp_path_factory.mktemp("embedded")
    server = start_server({}, home, cwd=home, args=(sys.executable, str(MAIN), "serve", "--port", "{port}"))
    try:
        yield server, home
    finally:
        server.stop()


async def test_serves_sends_and_streams_with_no_configuration(embedded: tuple[Server, Path]) -> None:
    server, home = embedded
    assert (home / "notifications.db").exists(), "serve migrates the default SQLite database"
    assert "JWT_SECRET is not set" in server.log(), "the generated dev secret is announced loudly"
    tenant, user = unique("t"), unique("u")
    admin = cli(home, "token", "--user", "boss", "--tenant", tenant, "--role", "admin").stdout.strip()
    reader = cli(home, "token", "--user", user, "--tenant", tenant).stdout.strip()
    async with httpx.AsyncClient(timeout=30) as http:
        api = GraphQLClient(server.url, http)
        async with subscription(server, reader) as sub:
            await sub.subscribe("subscription { notificationAdded { title type } }")
            await sub.nothing_within(0.3)
            sent = await api.data(
                SEND, {"input": {"userId": user, "title": "Hi", "message": "m", "type": "sale"}}, token=admin
            )
            assert sent["sendNotification"]["delivered"] == 1
            assert (await sub.next_data())["notificationAdded"] == {"title": "Hi", "type": "sale"}
        assert (await api.data("{ unreadCount }", token=reader)) == {"unreadCount": 1}


async def test_cli_send_reaches_an_open_bell_live(embedded: tuple[Server, Path]) -> None:
    """The README's "send a test notification from the shell": the CLI is another process, so it must go through
    the server for the server's subscribers to hear of it (the default broadcast is in memory)."""
    server, home = embedded
    tenant, user = unique("t"), unique("u")
    admin = cli(home, "token", "--user", "boss", "--tenant", tenant, "--role", "admin").stdout.strip()
    reader = cli(home, "token", "--user", user, "--tenant", tenant).stdout.strip()
    async with httpx.AsyncClient(timeout=30) as http:
        api = GraphQLClient(server.url, http)
        for title in ("first", "second"):
            await api.data(SEND, {"input": {"userId": user, "title": title, "message": "m"}}, token=admin)
        page = await api.data("{ notifications(first: 2) { edges { cursor } } }", token=reader)
        before_second = page["notifications"]["edges"][1]["cursor"]
        async with subscription(server, reader) as sub:
            # The subscription listens before it catches up: once "second" is in, anything later comes live.
            await sub.subscribe(
                "subscription($after: String) { notificationAdded(after: $after) { title message } }",
                {"after": before_second},
            )
            assert (await sub.next_data())["notificationAdded"]["title"] == "second"
            sent = cli(
                home,
                "send",
                "--user",
                user,
                "--tenant",
                tenant,
                "--title",
                "From the shell",
                "--message",
                "A sale of $100",
                "--url",
                server.url,
            )
            assert sent.returncode == 0, sent.stderr
            assert "delivered" in sent.stdout and "no server" not in sent.stderr
            assert "eyJ" not in sent.stdout + sent.stderr, "the token it made is never shown"
            live = (await sub.next_data())["notificationAdded"]
            assert live == {"title": "From the shell", "message": "A sale of $100"}


def test_cli_send_without_a_server_stores_directly_and_says_so(tmp_path: Path) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 8000)) == 0:
            pytest.skip("something listens on the default URL's port 8000")
    assert cli(tmp_path, "migrate").returncode == 0
    user, tenant = unique("u"), unique("t")
    sent = cli(tmp_path, "send", "--user", user, "--tenant", tenant, "--title", "Stored", "--message", "m")
    assert sent.returncode == 0, sent.stderr
    assert "delivered" in sent.stdout
    assert "no server answered at http://127.0.0.1:8000/graphql" in sent.stderr and "memory://" in sent.stderr


def test_cli_send_to_a_url_where_nothing_answers_fails(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/graphql"
    sent = cli(tmp_path, "send", "--user", "u", "--tenant", "t", "--title", "x", "--message", "m", "--url", url)
    assert sent.returncode != 0
    assert f"nothing answered at {url}" in sent.stderr and "Traceback" not in sent.stderr
    assert not (tmp_path / "notifications.db").exists(), "an explicit server's notification is not stored elsewhere"


def test_cli_send_reports_bad_input(embedded: tuple[Server, Path]) -> None:
    server, home = embedded
    sent = cli(home, "send", "--user", "u", "--tenant", "t", "--title", " ", "--message", "m", "--url", server.url)
    assert sent.returncode != 0
    assert "BAD_USER_INPUT" in sent.stderr and "title" in sent.stderr
    assert "Traceback" not in sent.stderr


def test_start_up_says_once_that_the_dev_secret_is_used_and_nothing_else_at_warning(tmp_path: Path) -> None:
    server = start_server(
        {},
        tmp_path,
        cwd=tmp_path,
        args=(sys.executable, str(MAIN), "serve", "--port", "{port}", "--log-level", "warning"),
    )
    server.stop()
    lines = server.log().splitlines()
    assert len(lines) == 1 and "JWT_SECRET is not set" in lines[0], lines


def test_postgres_without_secret_refuses_to_start(tmp_path: Path, database_url: str) -> None:
    result = cli(tmp_path, "serve", env={"DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "JWT_SECRET is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("serve",), ("token", "--user", "u", "--tenant", "t")])
@pytest.mark.parametrize("secret", ["ChangeMe", "Sh0rtS3cret!"])
def test_placeholder_or_short_secret_is_refused_without_showing_it(
    tmp_path: Path, secret: str, command: tuple[str, ...]
) -> None:
    result = cli(tmp_path, *command, env={"JWT_SECRET": secret})
    assert result.returncode != 0
    assert result.stderr.startswith("configuration error: JWT_SECRET") and len(result.stderr.splitlines()) == 1
    assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"DATABASE_URL": "not-a-url-Pa55word"}, "DATABASE_URL"),
        ({"BROADCAST_URL": "amqp://guest:Pa55word@127.0.0.1/"}, "BROADCAST_URL"),
        (
            {"DATABASE_POOL_SIZE": "many", "DATABASE_URL": "postgresql+asyncpg://u:Pa55word@127.0.0.1/db"},
            "DATABASE_POOL_SIZE",
        ),
    ],
)
def test_refused_settings_are_named_never_shown(tmp_path: Path, env: dict[str, str], setting: str) -> None:
    result = cli(tmp_path, "serve", env={**env, "JWT_SECRET": JWT_SECRET})
    assert result.returncode != 0
    assert result.stderr.startswith(f"configuration error: {setting}: ") and len(result.stderr.splitlines()) == 1
    assert "Pa55word" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["serve", "migrate"])
@pytest.mark.parametrize("problem", ["no such database", "server down"])
def test_a_database_that_cannot_be_used_is_one_line(tmp_path: Path, command: str, problem: str) -> None:
    base = database_named("x").replace("postgres@", "postgres:Pa55word@").rsplit("/", 1)[0]
    if problem == "server down":
        base = base.rsplit(":", 1)[0] + f":{free_port()}"
    url = f"{base}/{unique('missing')}"
    result = cli(tmp_path, command, env={"DATABASE_URL": url, "JWT_SECRET": JWT_SECRET})
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("database error: "), result.stderr
    reason = "does not exist" if problem == "no such database" else "Connect call failed"
    assert reason in result.stderr
    assert "Pa55word" not in result.stderr and "***@" in result.stderr
