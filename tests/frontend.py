"""The frontend packages (packages/: client, React bindings, custom element), installed with `npm ci` from their
committed lock file once per checkout of it, and their own tools (tsc, vitest, the builds) run from pytest."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.node import npm_installed
from tests.support import ROOT

PACKAGES = ROOT / "packages"


@pytest.fixture(scope="session")
def frontend_packages() -> Path:
    """packages/ with its dependencies installed."""
    return npm_installed(PACKAGES)


def run_npx(packages: Path, *command: str, timeout: float = 300) -> str:
    """A tool of packages/node_modules/.bin run in packages/; fails the test with its output if it fails."""
    result = subprocess.run(
        [str(packages / "node_modules" / ".bin" / command[0]), *command[1:]],
        cwd=packages,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout
