"""The frontend packages (packages/: client, React bindings, custom element), installed with `npm ci` from their
committed lock file once per checkout of it, and their own tools (tsc, vitest, the builds) run from pytest."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGES = ROOT / "packages"


@pytest.fixture(scope="session")
def frontend_packages() -> Path:
    """packages/ with its dependencies installed; `npm ci` runs again only when the lock file has changed."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.fail("Node.js and npm are needed for the frontend's tests (apt-get install nodejs npm)")
    lock = hashlib.sha256((PACKAGES / "package-lock.json").read_bytes()).hexdigest()
    stamp = PACKAGES / "node_modules" / ".installed-from-lock"
    if not (stamp.is_file() and stamp.read_text() == lock):
        npm_ci = [npm, "ci", "--no-audit", "--no-fund"]
        try:
            subprocess.run(npm_ci, cwd=PACKAGES, check=True, capture_output=True, timeout=600)
        except subprocess.CalledProcessError as error:
            pytest.fail(f"npm ci in {PACKAGES} failed:\n{error.stderr.decode(errors='replace')}")
        stamp.write_text(lock)
    return PACKAGES


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
