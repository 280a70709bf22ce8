"""Headless Chromium driven over the DevTools protocol, for the tests of what the service shows in a browser."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.support import free_port

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DEADLINE = 30.0  # generous: only there so that a broken page fails the test instead of hanging it


class JavaScriptError(AssertionError):
    pass


class Page:
    """One browser tab over the Chrome DevTools Protocol: calls are sequential, so the responses are read in line
    and events seen meanwhile are kept (uncaught page exceptions fail the test at the end, and the URLs the page
    asked for are in `requests`).

    `helpers` are statements run before each evaluated expression; `ready` is what `open` waits for besides the
    document having loaded."""

    def __init__(self, ws: websockets.ClientConnection, helpers: str = "", ready: str = "true") -> None:
        self.ws = ws
        self.helpers = helpers
        self.ready = ready
        self.next_id = 0
        self.exceptions: list[str] = []
        self.requests: list[str] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        call_id = self.next_id
        await self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        async with asyncio.timeout(DEADLINE):
            while True:
                message = json.loads(await self.ws.recv())
                if message.get("id") == call_id:
                    if "error" in message:
                        raise AssertionError(f"{method}: {message['error']}")
                    result: dict[str, Any] = message["result"]
                    return result
                event = message.get("method")
                if event == "Runtime.exceptionThrown":
                    details = message["params"]["exceptionDetails"]
                    self.exceptions.append(details.get("exception", {}).get("description") or details["text"])
                elif event == "Network.requestWillBeSent":
                    self.requests.append(message["params"]["request"]["url"])
                elif event == "Network.webSocketCreated":
                    self.requests.append(message["params"]["url"])

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise), with the helpers in scope."""
        source = f"(async () => {{ {self.helpers}\nreturn ({expression}); }})()"
        result = await self.call("Runtime.evaluate", expression=source, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise JavaScriptError(details.get("exception", {}).get("description") or details["text"])
        return result["result"].get("value")

    async def run(self, statements: str) -> None:
        await self.evaluate(f"(() => {{ {statements} }})()")

    async def wait_for(self, expression: str, deadline: float = DEADLINE) -> Any:
        """Polls until the expression is truthy, and returns its value; fails with its last value at the deadline."""
        end = time.monotonic() + deadline
        while True:
            try:
                value = await self.evaluate(expression)
            except JavaScriptError as error:  # e.g. the element is not there yet
                value = error
            if value and not isinstance(value, JavaScriptError):
                return value
            if time.monotonic() > end:
                raise AssertionError(f"still not true after {deadline:.0f} s: {expression}\nlast value: {value!r}")
            await asyncio.sleep(0.05)

    async def open(self, url: str) -> None:
        """Navigates and waits for the page to have loaded and to be `ready`."""
        await self.call("Page.navigate", url=url)
        await self.wait_for(
            f"document.readyState === 'complete' && location.href.startsWith({json.dumps(url)}) && ({self.ready})"
        )


@contextlib.contextmanager
def chromium(directory: Path) -> Iterator[int]:
    """Headless Chromium in its own process group, its profile and log in `directory`; yields its DevTools port and
    always ends it. It resolves no host name but 127.0.0.1 and localhost: a page can reach nothing but the servers
    of the test."""
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); CI installs it")
    port = free_port()
    profile = directory / "chromium-profile"
    flags = [
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
        *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
        *("--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--remote-debugging-port={port}"),
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    ]
    log = (directory / "chromium.log").open("wb")
    process = subprocess.Popen(
        [CHROMIUM, *flags, "about:blank"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"chromium exited with {process.returncode}: {(directory / 'chromium.log').read_text()}"
                )
            try:
                if httpx.get(f"http://127.0.0.1:{port}/json/version", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        yield port
    finally:
        # The whole group: chromium forks renderer and GPU processes of its own.
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
        log.close()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


@contextlib.asynccontextmanager
async def open_tab(devtools_port: int, helpers: str = "", ready: str = "true") -> AsyncIterator[Page]:
    """The browser's tab, with page, runtime and network events on; fails if the page threw an uncaught exception."""
    async with httpx.AsyncClient(timeout=10) as client:
        targets = (await client.get(f"http://127.0.0.1:{devtools_port}/json/list")).json()
    url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
    async with websockets.connect(url, max_size=None) as ws:
        tab = Page(ws, helpers, ready)
        await tab.call("Page.enable")
        await tab.call("Runtime.enable")
        await tab.call("Network.enable")
        yield tab
        await tab.evaluate("1")  # reads what events are left
        assert not tab.exceptions, f"uncaught exceptions in the page: {tab.exceptions}"
