"""A small run of the benchmark harness (N = 50), so it keeps working. No timing is asserted: the machine is shared."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support import PG_ADMIN_URL, REDIS_URL, ROOT


def test_quick_benchmark_delivers_everything_to_both_servers() -> None:
    scenarios = ("tenant_broadcast", "bulk_send", "single_send", "persist_tenant_send")
    command = [sys.executable, "-m", "bench.run", "--quick", *(arg for s in scenarios for arg in ("--only", s))]
    env = {**os.environ, "BENCH_PG_ADMIN_URL": PG_ADMIN_URL, "BENCH_REDIS_URL": REDIS_URL}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    results = {line["scenario"]: line for line in lines if "scenario" in line}
    assert set(results) == set(scenarios), run.stdout
    for name in ("tenant_broadcast", "bulk_send"):
        for server in ("service", "baseline"):
            figures = results[name][server]
            assert figures["missed"] == 0 and figures["disconnected"] == 0, results[name]
            assert figures["deliveries_per_s"] > 0 and figures["p99_ms"] is not None
        assert results[name]["ratio"] > 0
    assert results["single_send"]["service"]["missed"] == 0
    assert results["persist_tenant_send"]["returned_ms"] > 0


def test_quick_scaling_runs_one_worker_then_two() -> None:
    command = [sys.executable, "-m", "bench.run", "--quick", "--only", "scaling"]
    env = {**os.environ, "BENCH_PG_ADMIN_URL": PG_ADMIN_URL, "BENCH_REDIS_URL": REDIS_URL}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    (result,) = [json.loads(line) for line in run.stdout.splitlines() if line.startswith('{"scenario"')]
    # Without root or a cgroup CPU controller it runs without quotas, and says so.
    assert (result["cpus_per_worker"] is None) == ("no_quota" in result), result
    for workers in (1, 2):
        figures = result[f"workers_{workers}"]
        assert figures["missed"] == 0 and figures["disconnected"] == 0, result
        assert len(figures["reach_all_ms"]) == result["rounds"]
        # Each worker holds connections of its own: the port's sockets share them.
        assert len(figures["connections"]) == workers and min(figures["connections"]) > 0, result
