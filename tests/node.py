"""Off-the-shelf JavaScript clients (tests/node/: graphql-ws, Apollo Client, subscriptions-transport-ws), installed
with `npm ci` from the committed lock file once per session and run as `node` processes against real servers.

A script reads the server's address and a token from its environment and prints JSON, one object a line."""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, STREAM_WAIT

NODE_CLIENTS = ROOT / "tests" / "node"


def npm_installed(directory: Path, *, timeout: float = 600) -> Path:
    """`directory` with its packages installed by `npm ci` from its committed lock file; it runs again only when
    the lock file has changed."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.fail("Node.js and npm are needed for the JavaScript tests (apt-get install nodejs npm)")
    lock = hashlib.sha256((directory / "package-lock.json").read_bytes()).hexdigest()
    stamp = directory / "node_modules" / ".installed-from-lock"
    # One `npm ci` at a time: pytest-xdist's workers, and other runs in this checkout, wait for it and reuse it.
    with (directory / ".npm-ci.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not (stamp.is_file() and stamp.read_text() == lock):
            try:
                subprocess.run(
                    [npm, "ci", "--no-audit", "--no-fund"],
                    cwd=directory,
                    check=True,
                    capture_output=True,
                    timeout=timeout,
                )
            except subprocess.CalledProcessError as error:
                pytest.fail(f"npm ci in {directory} failed:\n{error.stderr.decode(errors='replace')}")
            stamp.write_text(lock)
    return directory


@pytest.fixture(scope="session")
def node_clients() -> Path:
    """tests/node with its packages installed."""
    return npm_installed(NODE_CLIENTS, timeout=300)


class NodeClient:
    """One script running: its JSON lines as they come, and its end."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def line(self, within: float = STREAM_WAIT) -> dict[str, Any]:
        assert self.process.stdout is not None
        try:
            raw = await asyncio.wait_for(self.process.stdout.readline(), within)
        except TimeoutError:
            raise AssertionError(f"the node client printed nothing within {within} s") from None
        if not raw:
            code = await self.process.wait()
            raise AssertionError(f"the node client ended (exit code {code}):\n{await self.errors()}")
        line: dict[str, Any] = json.loads(raw)
        return line

    async def ends(self, within: float = STREAM_WAIT) -> None:
        """Until the script ends by itself, which it does only when its client has nothing left to do (no retry)."""
        try:
            code = await asyncio.wait_for(self.process.wait(), within)
        except TimeoutError:
            raise AssertionError(f"the node client was still running after {within} s (retrying?)") from None
        assert code == 0, f"the node client exited with {code}:\n{await self.errors()}"

    async def errors(self) -> str:
        assert self.process.stderr is not None
        with suppress(TimeoutError):
            return (await asyncio.wait_for(self.process.stderr.read(), 5)).decode(errors="replace")
        return ""


@asynccontextmanager
async def node_client(directory: Path, script: str, env: dict[str, str]) -> AsyncIterator[NodeClient]:
    """`node <script>` in `directory` (the `node_clients` fixture), with `env` added to this environment."""
    process = await asyncio.create_subprocess_exec(
        "node",
        script,
        cwd=directory,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield NodeClient(process)
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


async def run_node(directory: Path, script: str, env: dict[str, str], within: float = 60) -> list[dict[str, Any]]:
    """Runs a script to its end (it must end by itself, with exit code 0); the JSON lines it printed."""
    async with node_client(directory, script, env) as client:
        await client.ends(within)
        assert client.process.stdout is not None
        return [json.loads(line) for line in (await client.process.stdout.read()).splitlines() if line.strip()]
