"""The frontend packages' own checks: operations generated from schema.graphql, types, and the Vitest suite."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.frontend import frontend_packages, run_npx

__all__ = ["frontend_packages"]

# Both frontend modules build into packages/ (dist/, example/dist/): one worker runs them, in turn.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("frontend")]


def test_operations_match_the_schema(frontend_packages: Path) -> None:
    """The generated documents and types are those of today's schema.graphql and operations.graphql."""
    result = subprocess.run(
        ["node", "client/scripts/generate-operations.mjs", "--check"],
        cwd=frontend_packages,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_packages_type_check_and_declare_their_types(frontend_packages: Path) -> None:
    """Each package's JSDoc types check (the React bindings and the element against the client's emitted .d.ts),
    and a TSX file knows <notification-bell> in JSX and from document.querySelector."""
    run_npx(frontend_packages, "tsc", "-p", "client")  # writes dist/, which the others read
    (frontend_packages / "client" / "dist" / "operations.generated.d.ts").write_bytes(
        (frontend_packages / "client" / "src" / "operations.generated.d.ts").read_bytes()
    )
    for package in ("react", "element"):
        run_npx(frontend_packages, "tsc", "-p", package)
    run_npx(frontend_packages, "tsc", "-p", "element/types-test")


def test_served_bundle_is_built_from_the_sources(frontend_packages: Path) -> None:
    """web/notification-bell.js, served at /ui/ with no build step, is what packages/element builds to today."""
    result = subprocess.run(
        ["node", "element/build.mjs", "--check"], cwd=frontend_packages, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_vitest_suite(frontend_packages: Path) -> None:
    output = run_npx(frontend_packages, "vitest", "run", "--reporter=dot")
    assert "passed" in output, output


def test_element_with_its_client_stays_under_30_kb(frontend_packages: Path) -> None:
    """The size budget of the bell (minified, gzipped); BENCHMARKS.md has it beside other clients."""
    result = subprocess.run(
        ["node", "element/build.mjs", "--size"], cwd=frontend_packages, capture_output=True, text=True, check=True
    )
    size = json.loads(result.stdout)
    assert size["gzipped"] < 30 * 1024, size
