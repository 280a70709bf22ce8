"""The bell end to end: playwright-core driving Debian's Chromium (packages/e2e/bell.mjs) against the real server,
for the custom element at /ui/ and for <NotificationCenter /> in the example app under React 19 and React 18."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM
from tests.frontend import frontend_packages
from tests.support import Server, token, unique

__all__ = ["frontend_packages"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_app(frontend_packages: Path) -> Path:
    """The example app bundled with React 19 and with React 18 (under packages/example/dist, gitignored)."""
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
