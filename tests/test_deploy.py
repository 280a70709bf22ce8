"""The deployment examples in deploy/, run here as far as this machine allows: no image can be pulled or built, so
the compose file's and the systemd unit's command lines run as processes, with their environment, against the
tests' PostgreSQL and Redis in place of the containers' and the hosts'."""

from __future__ import annotations

import asyncio
import configparser
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from tests.conftest import migrated_database
from tests.support import (
    JWT_SECRET,
    REDIS_URL,
    ROOT,
    send_reaches,
    start_server,
)

DEPLOY = ROOT / "deploy"
pytestmark = pytest.mark.slow


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def interpolated(value: str, given: dict[str, str]) -> str:
    """Compose's `${NAME}`, `${NAME:?message}` and `${NAME:-default}`."""

    def one(match: re.Match[str]) -> str:
        name, kind, rest = match.group(1), match.group(2), match.group(3)
        if name in given:
            return given[name]
        assert kind == ":-", f"{name} must be given ({rest})"
        return rest

    return re.sub(r"\$\{(\w+)(?:(:[?-])([^}]*))?\}", one, value)


def here(environment: dict[str, str], database_url: str) -> dict[str, str]:
    """The containers' environment pointed at this machine's services: the database's and Redis's host, port and
    credentials replaced, everything else as written."""
    env = dict(environment)
    ours = make_url(database_url)
    theirs = make_url(env["DATABASE_URL"])
    assert theirs.drivername == ours.drivername
    env["DATABASE_URL"] = ours.render_as_string(hide_password=False)
    redis = make_url(REDIS_URL)
    assert env["BROADCAST_URL"].startswith("redis://")
    env["BROADCAST_URL"] = re.sub(r"redis://[^/]+", f"redis://{redis.host}:{redis.port or 6379}", env["BROADCAST_URL"])
    return env


def on_any_port(command: list[str]) -> tuple[str, ...]:
    """`command` run from this checkout on a free port: `python` is this interpreter, `--port 8000` a placeholder."""
    assert command[0] == "python", command
    out = [sys.executable, *command[1:]]
    if "--port" in out:
        out[out.index("--port") + 1] = "{port}"
    if "--host" in out:
        out[out.index("--host") + 1] = "127.0.0.1"
    return tuple(out)


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def fresh_database() -> Iterator[str]:
    with migrated_database() as url:
        yield url


async def test_the_compose_files_migrate_and_two_servers_run_as_written(fresh_database: str, logs: Path) -> None:
    services = compose()["services"]
    assert {"postgres", "redis", "migrate", "server-1", "server-2"} <= set(services)
    given = {"POSTGRES_PASSWORD": "unused-here", "JWT_SECRET": JWT_SECRET}
    environment = {k: interpolated(str(v), given) for k, v in services["migrate"]["environment"].items()}
    env = here(environment, fresh_database)
    # Migrations as their own step, then the servers, as compose orders them (depends_on).
    assert services["server-1"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    migrate = on_any_port(services["migrate"]["command"])
    full_env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env}
    done = await asyncio.to_thread(
        subprocess.run, migrate, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    servers = []
    try:
        for name in ("server-1", "server-2"):
            assert services[name]["environment"] == services["migrate"]["environment"]
            servers.append(start_server(env, logs, args=on_any_port(services[name]["command"])))
        # The containers' health check, as written, against each server's port.
        for server in servers:
            check = services["server-1"]["healthcheck"]["test"]
            assert check[0] == "CMD"
            probe = [c.replace("8000", str(server.port)) for c in on_any_port(check[1:])]
            probed = await asyncio.to_thread(subprocess.run, probe, env=full_env, capture_output=True, timeout=30)
            assert probed.returncode == 0
        await send_reaches(servers[0], servers[1])
        await send_reaches(servers[1], servers[0])
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        # uvicorn ends a process stopped by SIGTERM with that signal, after a clean shutdown.
        assert server.process.returncode in (0, -15) and "Application shutdown complete" in server.log(), server.log()
        assert "Traceback" not in server.log()


def unit() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "notifications.service")
    return parser


async def test_the_systemd_units_command_line_serves_with_its_workers_and_stops_cleanly(
    database_url: str, logs: Path
) -> None:
    service = unit()["Service"]
    assert service["KillMode"] == "mixed" and int(service["LimitNOFILE"]) >= 65536
    command = service["ExecStart"].split()
    assert command[0] == "/opt/notifications/.venv/bin/python" and service["WorkingDirectory"] == "/opt/notifications"
    name, _, value = service["Environment"].partition("=")
    # EnvironmentFile's settings, as the unit's comment lists them, for this machine.
    env = {"DATABASE_URL": database_url, "BROADCAST_URL": REDIS_URL, "JWT_SECRET": JWT_SECRET, name: value}
    server = start_server(env, logs, args=on_any_port(["python", *command[1:]]))
    try:
        second = start_server({**env}, logs)
        try:
            await send_reaches(server, second)
        finally:
            second.stop()
    finally:
        server.stop()  # SIGTERM to `serve` alone, as KillMode=mixed sends it
    assert server.process.returncode in (0, -15), server.log()
    assert "Traceback" not in server.log()


def test_the_dockerfile_copies_what_exists_and_runs_the_servers_command() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    for line in text.splitlines():
        if line.startswith("COPY ") and not line.startswith("COPY . "):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), source
    cmd = next(line for line in text.splitlines() if line.startswith("CMD "))
    assert yaml.safe_load(cmd.removeprefix("CMD ")) == compose()["services"]["server-1"]["command"]
