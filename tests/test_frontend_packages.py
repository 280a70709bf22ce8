"""The frontend packages' own checks: operations generated from schema.graphql, types, and the Vitest suite."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.frontend import frontend_packages, run_npx

__all__ = ["frontend_packages"]

pytestmark = pytest.mark.slow


def test_operations_match_the_schema(frontend_packages: Path) -> None:
    """The generated documents and types are those of today's schema.graphql and operations.graphql."""
    result = subprocess.run(
        ["node", "client/scripts/generate-operations.mjs", "--check"],
        cwd=frontend_packages,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_packages_type_check(frontend_packages: Path) -> None:
    for package in ("client", "react", "element"):
        if (frontend_packages / package / "tsconfig.json").is_file():
            run_npx(frontend_packages, "tsc", "-p", package, "--noEmit")


def test_vitest_suite(frontend_packages: Path) -> None:
    output = run_npx(frontend_packages, "vitest", "run", "--reporter=dot")
    assert "passed" in output, output
