"""A small run of the benchmark harness (N = 50), so it keeps working. No timing is asserted: the machine is shared.

Each run creates a database and starts the servers, so the scenarios share one run. Its tenant broadcast holds bells
left behind (`--bells --behind 3`); the other fan-out scenarios hold plain `notificationAdded` subscriptions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.support import PG_ADMIN_URL, REDIS_URL, ROOT

pytestmark = pytest.mark.slow  # benchmark smoke: servers and a relay of their own

SCENARIOS = (
    "tenant_broadcast",
    "bulk_send",
    "reconnect",
    "single_send",
    "queries",
    "persist_tenant_send",
    "scaling",
    "channel_send",
    "email_drain",
    "webhook_drain",
    "metrics_overhead",
)


def quick_run(*args: str) -> dict[str, dict[str, Any]]:
    """`bench.run --quick` with `args`: each scenario's result by name."""
    command = [sys.executable, "-m", "bench.run", "--quick", *args]
    # Without wrk, as on a machine that has only what the README installs: the Python load client is what runs.
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if not os.path.exists(f"{p}/wrk"))
    env = {**os.environ, "PATH": path, "BENCH_PG_ADMIN_URL": PG_ADMIN_URL, "BENCH_REDIS_URL": REDIS_URL}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith('{"scenario"')]
    return {line["scenario"]: line for line in lines}


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return quick_run("--bells", "--behind", "3", *(arg for s in SCENARIOS for arg in ("--only", s)))


def test_quick_benchmark_delivers_everything_to_both_servers(results: dict[str, dict[str, Any]]) -> None:
    assert set(results) == set(SCENARIOS), results
    for name in ("tenant_broadcast", "bulk_send"):
        for server in ("service", "baseline"):
            figures = results[name][server]
            assert figures["missed"] == 0 and figures["disconnected"] == 0, results[name]
            assert figures["deliveries_per_s"] > 0 and figures["p99_ms"] is not None
        assert results[name]["ratio"] > 0
    reconnect = results["reconnect"]["service"]
    assert reconnect["missed"] == 0 and reconnect["disconnected"] == 0, results["reconnect"]  # all caught up
    assert results["single_send"]["service"]["missed"] == 0
    for query in ("unreadCount", "notifications_first_20"):
        figures = results["queries"][query]
        assert figures["tool"] == "python", figures  # the fallback ran, as where wrk is missing
        assert figures["requests_per_s"] > 0 and figures["errors"] == 0, figures
    assert results["persist_tenant_send"]["returned_ms"] > 0
    # Every send wrote one row for the channel, expanded into its 50; each drain sent everything (it raises
    # otherwise) on both sides.
    send = results["channel_send"]
    assert send["fanout_rows"] == send["rounds"] + 1 and send["outbox_rows"] == 50 * (send["rounds"] + 1), send
    assert send["ratio"] > 0 and send["expand_ms"] > 0, send
    for name in ("email_drain", "webhook_drain"):
        assert results[name]["service_per_s"] > 0 and results[name]["bare_per_s"] > 0, results[name]


def test_quick_scaling_runs_one_worker_then_two(results: dict[str, dict[str, Any]]) -> None:
    result = results["scaling"]
    # Without root or a cgroup CPU controller it runs without quotas, and says so.
    assert (result["cpus_per_worker"] is None) == ("no_quota" in result), result
    for workers in (1, 2):
        figures = result[f"workers_{workers}"]
        assert figures["missed"] == 0 and figures["disconnected"] == 0, result
        assert len(figures["reach_all_ms"]) == result["rounds"]
        # Each worker holds connections of its own: the port's sockets share them.
        assert len(figures["connections"]) == workers and min(figures["connections"]) > 0, result


def test_quick_metrics_overhead_runs_with_metrics_on_and_off(results: dict[str, dict[str, Any]]) -> None:
    result = results["metrics_overhead"]
    for label in ("metrics_on_1", "metrics_off_1"):  # one pair in a quick run
        assert result[label]["missed"] == 0 and result[label]["disconnected"] == 0, result
    assert result["ratio"] > 0


def test_quick_bells_left_behind_get_every_notification_and_their_counts(results: dict[str, dict[str, Any]]) -> None:
    result = results["tenant_broadcast"]
    assert result["bells"] and result["behind"] == 3, result
    figures = result["service"]
    assert figures["missed"] == 0 and figures["disconnected"] == 0, result
    assert figures["counts"] > 0, result  # the bells' new counts came too


def test_a_small_retention_run_purges_its_backlog_beside_sends() -> None:
    command = [sys.executable, "-m", "bench.retention", "--users", "20", "--messages", "3", "--seconds", "1"]
    env = {**os.environ, "BENCH_PG_ADMIN_URL": PG_ADMIN_URL, "BENCH_REDIS_URL": REDIS_URL}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    alone, beside = (json.loads(line) for line in run.stdout.splitlines())
    assert alone["errors"] == beside["errors"] == 0 and alone["sends_per_s"] > 0 and beside["sends_per_s"] > 0
    assert beside["purge"] == "deleted 60 inbox rows and 3 messages"
