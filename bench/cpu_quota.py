"""CPU quotas for server processes, through the kernel's cgroups (root only).

The load client, PostgreSQL and Redis share this machine's two cores with the servers, so a second worker process
has no free core to show scaling on. Held to the same quota each (`hold`), one worker and two compare as one
share of a core against two, with the rest of the machine left to the client and the databases.

A short period (10 ms) keeps a throttled process from stalling for long: with the kernel's default of 100 ms, a
worker over its quota would stop for tens of milliseconds at a time, which would be measured as latency.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
PERIOD_US = 10_000


class QuotaUnavailable(RuntimeError):
    pass


def _v1() -> Path | None:
    path = ROOT / "cpu"
    return path if (path / "cpu.cfs_quota_us").exists() else None


def _v2() -> Path | None:
    controllers = ROOT / "cgroup.controllers"
    if controllers.exists() and "cpu" in controllers.read_text().split():
        return ROOT
    return None


def hold(name: str, pid: int, cpus: float) -> Path:
    """Put process `pid` (all its threads, and whatever it starts later) into a cgroup of its own named `name`,
    allowed `cpus` CPUs (0.5: half of one core). Returns the group, for `release`."""
    quota = str(max(1000, int(PERIOD_US * cpus)))
    try:
        if (base := _v1()) is not None:
            group = base / name
            group.mkdir(exist_ok=True)
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(quota)
        elif (base := _v2()) is not None:
            (base / "cgroup.subtree_control").write_text("+cpu")
            group = base / name
            group.mkdir(exist_ok=True)
            (group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        else:
            raise QuotaUnavailable("no cgroup CPU controller under /sys/fs/cgroup")
        (group / "cgroup.procs").write_text(str(pid))
    except OSError as error:
        raise QuotaUnavailable(f"cannot set a CPU quota (root and a writable cgroup are needed): {error}") from error
    return group


def release(group: Path) -> None:
    """Remove a group once its processes have exited (the kernel refuses while any is in it)."""
    with contextlib.suppress(OSError):
        group.rmdir()
