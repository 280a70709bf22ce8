"""The embedded default: no environment at all, SQLite and the in-memory broadcast, via the README's commands."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import MAIN, SEND, GraphQLClient, Server, start_server, subscription, unique


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


async def test_cli_send_stores_a_notification(embedded: tuple[Server, Path]) -> None:
    server, home = embedded
    tenant, user = unique("t"), unique("u")
    sent = cli(home, "send", "--user", user, "--tenant", tenant, "--title", "From the shell", "--message", "m")
    assert sent.returncode == 0, sent.stderr
    assert "delivered" in sent.stdout
    reader = cli(home, "token", "--user", user, "--tenant", tenant).stdout.strip()
    async with httpx.AsyncClient(timeout=30) as http:
        titles = await GraphQLClient(server.url, http).data("{ recentNotifications { title } }", token=reader)
    assert titles == {"recentNotifications": [{"title": "From the shell"}]}


def test_cli_send_reports_bad_input(embedded: tuple[Server, Path]) -> None:
    _, home = embedded
    sent = cli(home, "send", "--user", "u", "--tenant", "t", "--title", " ", "--message", "m")
    assert sent.returncode != 0
    assert "BAD_USER_INPUT" in sent.stderr and "title" in sent.stderr
    assert "Traceback" not in sent.stderr


def test_postgres_without_secret_refuses_to_start(tmp_path: Path, database_url: str) -> None:
    result = cli(tmp_path, "serve", env={"DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "JWT_SECRET is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("secret", ["changeme", "short"])
def test_placeholder_or_short_secret_is_refused(tmp_path: Path, secret: str) -> None:
    result = cli(tmp_path, "token", "--user", "u", "--tenant", "t", env={"JWT_SECRET": secret})
    assert result.returncode != 0
    assert "JWT_SECRET" in result.stderr
    assert "Traceback" not in result.stderr
