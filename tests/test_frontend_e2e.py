"""The bell end to end: playwright-core driving Debian's Chromium (packages/e2e/bell.mjs) against the real server,
for the custom element at /ui/ and for <NotificationCenter /> in the example app under React 19 and React 18."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM
from tests.frontend import frontend_packages
from tests.support import GraphQLClient, Server, free_port, token, unique
from tests.test_web import send, serve_on

__all__ = ["frontend_packages"]

# Both frontend modules build into packages/ (dist/, example/dist/): one worker runs them, in turn.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("frontend")]


@pytest.fixture(scope="module")
def example_app(frontend_packages: Path) -> Path:
    """The example app bundled with React 19, React 18 and React 19's development build (StrictMode mounts twice),
    under packages/example/dist (gitignored)."""
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); CI installs it")
    subprocess.run(["node", "example/build.mjs"], cwd=frontend_packages, check=True, capture_output=True, timeout=120)
    return frontend_packages


def run_scenario(packages: Path, server: Server, scenario: str, **env: str) -> dict[str, Any]:
    tenant, user = unique("t"), unique("u")
    variables = {
        "BASE": server.base("").rstrip("/"),
        "USER": user,
        "USER_TOKEN": token(user, tenant),
        "ADMIN_TOKEN": token("boss", tenant, "admin"),
        "SCENARIO": scenario,
        **env,
    }
    result = subprocess.run(
        ["node", "e2e/bell.mjs"],
        cwd=packages,
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, f"{scenario}:\n{result.stdout}\n{result.stderr}"
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("scenario", ["element", "react19", "react18"])
def test_bell_live_read_in_two_tabs_keyboard_and_axe(example_app: Path, server: Server, scenario: str) -> None:
    """A send raises the badge with no reload; a click marks read and the badge falls in a second tab; keyboard
    only opens, moves and closes (focus in and back); a polite announcement; French labels; and axe-core finds no
    serious or critical violation in the open panel, light or dark."""
    report = run_scenario(example_app, server, scenario)
    for scheme, violations in report["axe"].items():
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, (scheme, serious)
    assert report["frenchLabel"] == "Notifications, 2 non lues"
    assert report["errors"] == []


@pytest.mark.parametrize("scenario", ["element", "react19"])
def test_bell_seen_on_open_archive_filter_tabs_and_preferences(
    example_app: Path, server: Server, scenario: str
) -> None:
    """Opening the panel marks what it shows seen (unread stays); an item archived from the keyboard leaves the
    list and the count and is archived on the server; the Archived tab lists it alone; a type tab lists that type;
    the preferences centre's switches change the server's preferences; axe finds no serious or critical violation
    with the new controls."""
    report = run_scenario(example_app, server, scenario, INBOX="1")
    ids = report["ids"]
    assert report["unseenAfterOpen"] == 0
    assert report["unreadAfterOpen"] == 3
    assert report["afterArchive"] == [ids["stock"], ids["sale"]]
    assert report["archivedOnServer"] == [ids["newest"]]
    assert report["archivedTab"] == [ids["newest"]]
    assert report["focusAfterTab"] == "Archived"
    assert report["inventoryTab"] == [ids["stock"]]
    assert report["saleTab"] == [ids["sale"]]
    assert report["focusInPanelAfterMore"]
    if scenario == "element":  # React keeps its nodes; the element sets its switches in place
        assert report["switchKept"]  # not built again by the render that showed the first change
    assert report["preferences"] == {
        "email": {"enabled": True},
        "typeOverrides": [{"type": "inventory", "inApp": False}],
    }
    for scan in ("axe", "axePreferences"):
        serious = [v for v in report[scan] if v["impact"] in ("serious", "critical")]
        assert not serious, (scan, serious)
    assert report["errors"] == []


@pytest.mark.parametrize("scenario", ["element", "react19"])
def test_bell_groups_delete_bulk_by_tab_and_quiet_hours(example_app: Path, server: Server, scenario: str) -> None:
    """From the keyboard: a grouped entry opens to its other notifications and closes; a delete removes one on the
    server; "mark all in this tab read" and "archive all in this tab" change the server's inbox by the tab's filter;
    quiet hours and their time zone are saved; axe finds no serious or critical violation."""
    report = run_scenario(example_app, server, scenario, MORE="1")
    ids = report["ids"]
    assert report["collapsed"] == [ids["delivered"], ids["lone"]]
    assert report["unseenAfterOpen"] == 0
    assert report["expanded"] == [ids["delivered"], ids["shipped"], ids["paid"], ids["lone"]]
    assert report["toggleExpanded"] == "true"
    assert report["focusAfterExpand"] == "Hide the group: Order delivered"
    assert report["focusInPanelAfterBulk"]
    assert report["groupOnServer"] == [ids["delivered"], ids["paid"]]
    assert report["unreadAfterBulk"] == 0
    assert sorted(report["archivedOnServer"]) == sorted([ids["delivered"], ids["paid"], ids["lone"]])
    assert report["quietHours"] == {"quietHours": {"start": "21:30", "end": "06:45"}, "timeZone": "Europe/Paris"}
    for scan in ("axeExpanded", "axePreferences"):
        serious = [v for v in report[scan] if v["impact"] in ("serious", "critical")]
        assert not serious, (scan, serious)
    assert report["errors"] == []


@pytest.mark.parametrize("scenario", ["element", "react19", "react19-dev"])
def test_bell_tabs_share_one_socket_and_hand_it_over(example_app: Path, server: Server, scenario: str) -> None:
    """Two tabs of one user hold one websocket, the first tab's; a send shows in both. The first tab closes: the
    other opens the one socket, and shows what was sent meanwhile and after, each once. "react19-dev": React's
    development build, whose StrictMode mounts the app, unmounts it and mounts it again."""
    report = run_scenario(example_app, server, scenario, TABS="1")
    assert report["socketsWithTwoTabs"] == 1
    assert report["leaderIsFirst"]
    assert report["socketsAfterClose"] == 1
    assert report["leaderIsSecond"]
    assert report["shown"] == report["ids"][::-1]  # each once, newest first
    assert report.get("intervalsLeft", 0) == 0
    assert report["errors"] == []


async def test_react_bell_through_a_server_restart_shows_each_notification_once(
    example_app: Path, api: GraphQLClient, server_env: dict[str, str], logs_dir: Path
) -> None:
    """The server behind the React example app is stopped (1001) and started again on its port while notifications
    are sent before, during and after: the badge counts them all and the list shows each once."""
    tenant, user = unique("t"), unique("u")
    admin = token("boss", tenant, "admin")
    port = free_port()
    first = serve_on(port, server_env, logs_dir)
    second: Server | None = None
    variables = {
        "BASE": first.base("").rstrip("/"),
        "USER": user,
        "USER_TOKEN": token(user, tenant),
        "ADMIN_TOKEN": admin,
        "SCENARIO": "react19",
        "RESTART": "1",
    }
    node = await asyncio.create_subprocess_exec(
        "node",
        "e2e/bell.mjs",
        cwd=example_app,
        env={**os.environ, **variables},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert node.stdin is not None and node.stdout is not None and node.stderr is not None
    try:
        ready = await asyncio.wait_for(node.stdout.readline(), 60)
        assert json.loads(ready or b"null") == {"ready": True}, (await node.stderr.read()).decode()
        ids = [await send(api, admin, user, "Before")]
        first.stop()
        ids += [await send(api, admin, user, f"While down {i}") for i in range(2)]
        second = serve_on(port, server_env, logs_dir)
        ids.append(await send(api, admin, user, "After"))
        node.stdin.write(json.dumps(ids).encode() + b"\n")
        await node.stdin.drain()
        out = await asyncio.wait_for(node.stdout.read(), 120)
        assert await node.wait() == 0, (await node.stderr.read()).decode()
        report = json.loads(out.strip().splitlines()[-1])
        assert report["shown"] == ids[::-1], report  # each once, newest first
        assert report["errors"] == []
    finally:
        if node.returncode is None:
            node.kill()
            await node.wait()
        first.stop()
        if second is not None:
            second.stop()
