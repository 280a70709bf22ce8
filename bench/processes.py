"""Server processes as /proc shows them (Linux, IPv4): the workers of `python main.py serve --workers N`, how many
sockets listen on a port, and which worker a connection went to. The benchmark and the tests of `serve --workers`
both ask."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LISTEN, ESTABLISHED = "0A", "01"


def children(pid: int) -> list[int]:
    """The child processes of `pid`; none once it has gone."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def workers(supervisor: int) -> list[int]:
    """The worker processes of `supervisor` (multiprocessing's, not its resource tracker)."""
    return [pid for pid in children(supervisor) if is_worker(pid)]


def is_worker(pid: int) -> bool:
    """Whether `pid` is a running worker process."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:  # exited meanwhile
        return False


@dataclass(frozen=True)
class TcpSocket:
    local_port: int
    remote_port: int
    state: str
    inode: str


def on_port(port: int) -> list[TcpSocket]:
    """The sockets whose local port is `port`: its listeners, and the server's side of its connections."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(address.rsplit(":", 1)[1], 16) for address in fields[1:3])
        if local == port:
            found.append(TcpSocket(local, remote, fields[3], fields[9]))
    return found


def listening(port: int) -> int:
    """How many sockets listen on `port`: one per worker process when they share it with SO_REUSEPORT."""
    return sum(1 for sock in on_port(port) if sock.state == LISTEN)


def inodes(pid: int) -> set[str]:
    """The inodes of the sockets process `pid` has open."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    return held


def holders(port: int, pids: list[int]) -> dict[int, int]:
    """For each connection to `port`, by the client's port: which of `pids` holds the server's side of it."""
    owner = {inode: pid for pid in pids for inode in inodes(pid)}
    return {
        sock.remote_port: owner[sock.inode]
        for sock in on_port(port)
        if sock.state == ESTABLISHED and sock.inode in owner
    }
