"""Servers forked from a process that has imported the service already, one such process per test worker.

`python main.py serve` spends most of its start importing the service, and the suite starts dozens of them
(BENCHMARKS.md, *The test suite*). `start_server` forks them from here instead: the child runs the same `cli` with
the test's arguments, environment, directory and log, as the interpreter would have. What a fork cannot reproduce is
left to a real process: a command other than `python main.py ...`, and an environment that changes how the
interpreter starts. A server's spawned workers are fresh interpreters, as in production.

The forking process (`python -m tests.forked SOCKET`) is single-threaded and imports nothing after it says it is
ready. It answers each connection's request with the child's pid, and later with its wait status.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import random
import select
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from serving import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
# The app and what `serve` imports besides it: all but a few hundredths of a second of a server's imports.
_PRELOADED = ("main", "assumptions", "serving", "alembic.command", "alembic.config")
# Settings read when a module is imported (prometheus_client's), not when the server starts: a server given one is
# not forked. Nor is one whose interpreter would start differently (PYTHON*, the locale, the time zone) from this.
_READ_AT_IMPORT = frozenset(
    {"PROMETHEUS_MULTIPROC_DIR", "prometheus_multiproc_dir", "PROMETHEUS_DISABLE_CREATED_SERIES"}
)
_AT_START = ("PYTHON", "LANG", "LC_", "TZ")


# --- the forking process -------------------------------------------------------------------------------------------


def _become(request: dict[str, Any]) -> None:
    """In the child: become `python main.py <args>` as started with `request`'s environment, directory and log."""
    die_with_parent(signal.SIGKILL)  # its servers end with the forking process
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # SIGPIPE stays ignored, as the interpreter leaves it
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(null)
    sys.argv = list(request["argv"][1:])
    # main.py as `__main__`, as multiprocessing reads it: `--workers` spawns each worker from main.py, as deployed.
    script = types.ModuleType("__main__")
    script.__file__ = str(ROOT / "main.py")
    script.__spec__ = None
    sys.modules["__forked__"] = sys.modules["__main__"]  # this module, whose code runs on: kept, as it is in use
    sys.modules["__main__"] = script


def serve_forks(path: str) -> dict[str, Any] | None:
    """Import the service, then fork a server for each request on the Unix socket at `path`. Returns in a child,
    with the request it is to run, or once the test worker has closed this process's stdin (its servers killed).
    Not tied to its parent's death by a signal (that would be the death of the thread that started it)."""
    sys.path[0] = str(ROOT)  # as for `python main.py`: the script's directory, not the working one
    for name in _PRELOADED:
        importlib.import_module(name)
    inherited = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))
    if inherited[3:] and inherited != [0, 1, 2, inherited[3]]:  # listdir's own descriptor is the fourth
        raise RuntimeError(f"the imports left descriptors open that every server would inherit: {inherited}")
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(path)
    listening.listen(64)
    wakeup_read, wakeup_write = os.pipe()
    os.set_blocking(wakeup_write, False)
    signal.set_wakeup_fd(wakeup_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so that the wakeup fd hears of exits
    selector = selectors.DefaultSelector()
    selector.register(listening, selectors.EVENT_READ, "accept")
    selector.register(wakeup_read, selectors.EVENT_READ, "exited")
    selector.register(sys.stdin, selectors.EVENT_READ, "parent")
    children: dict[int, socket.socket] = {}
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        for key, _ in selector.select():
            if key.data == "parent":  # the test worker is gone or done: so are its servers
                for pid in children:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                return None
            if key.data == "exited":
                os.read(wakeup_read, 512)
                _report_exits(children)
                continue
            connection, _ = listening.accept()
            try:
                connection.settimeout(10)
                with connection.makefile("rb") as reading:
                    request: dict[str, Any] = json.loads(reading.readline())
                connection.settimeout(None)
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
            except Exception as error:  # that request fails; the servers of the others go on
                print(f"a request failed: {error!r}", file=sys.stderr, flush=True)
                connection.close()
                continue
            if pid == 0:
                signal.set_wakeup_fd(-1)
                selector.close()
                listening.close()
                os.close(wakeup_read)
                os.close(wakeup_write)
                for other in children.values():
                    other.close()
                connection.close()
                _become(request)
                return request
            children[pid] = connection
            with contextlib.suppress(OSError):  # the test gave up on it: its exit is reported to nobody
                connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _report_exits(children: dict[int, socket.socket]) -> None:
    while children:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            return
        connection = children.pop(pid, None)
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps({"status": status}).encode() + b"\n")
            connection.close()


# --- the test worker's side ----------------------------------------------------------------------------------------


class Forked:
    """A forked server, with what tests use of `subprocess.Popen` (thread-safe, as Popen's waits are)."""

    def __init__(self, args: Sequence[str], connection: socket.socket) -> None:
        self.args = list(args)
        self.returncode: int | None = None
        self._connection = connection
        self._buffer = b""
        self._lock = threading.Lock()
        line = self._line(60)
        if not line:
            raise RuntimeError("the forking process started no server (its log: $TMPDIR/forks-<worker pid>.log)")
        self.pid: int = json.loads(line)["pid"]

    def _line(self, timeout: float | None) -> bytes | None:
        """The forking process's next line; None if none came within `timeout` s, b"" if it closed the connection."""
        deadline = None if timeout is None else time.monotonic() + timeout
        readable = select.poll()  # not select.select: a worker's descriptors may number more than 1,024
        readable.register(self._connection, select.POLLIN)
        while b"\n" not in self._buffer:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
            if not readable.poll(remaining):
                return None
            chunk = self._connection.recv(4096)
            if not chunk:
                return b""
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def wait(self, timeout: float | None = None) -> int:
        with self._lock:
            if self.returncode is None:
                line = self._line(timeout)
                if line is None:
                    raise subprocess.TimeoutExpired(self.args, timeout or 0)
                if not line:
                    raise RuntimeError(f"the forking process did not report server {self.pid}'s exit")
                self.returncode = os.waitstatus_to_exitcode(json.loads(line)["status"])
                self._connection.close()
            return self.returncode

    def poll(self) -> int | None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.wait(0)
        return None

    def send_signal(self, signum: int) -> None:
        # The forking process reaps a server as it exits: its pid is free before its status is read here.
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Forks:
    """This worker's forking process, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._path = ""
        self._log = Path()
        self._environment: dict[str, str] = {}

    def applies(self, command: Sequence[str], cwd: Path, env: dict[str, str], base: dict[str, str]) -> bool:
        """Whether `command`, run in `cwd` with `env`, can be forked from the forking process, which starts with
        `base` if it is not running yet."""
        with self._lock:
            started = self._environment if self._process is not None else base
        at_start = {key for key in env.keys() | started.keys() if key.startswith(_AT_START)}
        return (
            len(command) > 1
            and command[0] == sys.executable
            and (cwd / command[1]).resolve() == ROOT / "main.py"
            and not _READ_AT_IMPORT.intersection(env)
            and all(env.get(key) == started.get(key) for key in at_start)
        )

    def start(
        self, command: Sequence[str], env: dict[str, str], cwd: Path, log: Path, *, base: dict[str, str]
    ) -> Forked:
        """`command` forked with `env`, in `cwd`, writing to `log`."""
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(self._started(base))
        request = {"argv": list(command), "env": env, "cwd": str(cwd), "log": str(log)}
        connection.sendall(json.dumps(request).encode() + b"\n")
        return Forked(command, connection)

    def _started(self, base: dict[str, str]) -> str:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                for pipe in (self._process.stdin, self._process.stdout) if self._process is not None else ():
                    if pipe is not None:
                        pipe.close()
                directory = Path(os.environ.get("TMPDIR", "/tmp"))
                self._path = str(directory / f"forks-{os.getpid()}-{random.getrandbits(32):08x}.sock")
                self._log = directory / f"forks-{os.getpid()}.log"
                self._environment = dict(base)
                with self._log.open("wb") as log:
                    self._process = subprocess.Popen(
                        [sys.executable, "-m", "tests.forked", self._path],
                        cwd=ROOT,
                        env=base,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=log,
                    )
                assert self._process.stdout is not None
                if self._process.stdout.readline() != b"ready\n":
                    raise RuntimeError(f"the forking process did not start:\n{self._output()}")
                # What the imports printed (a warning, say) a server started the usual way would have logged.
                if self._output():
                    raise RuntimeError(f"importing the service printed:\n{self._output()}")
            return self._path

    def _output(self) -> str:
        return self._log.read_text(errors="replace")

    def stop(self) -> None:
        with self._lock:
            if self._process is not None:
                assert self._process.stdin is not None
                self._process.stdin.close()  # it kills the servers still running, and ends
                try:
                    self._process.wait(10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
                assert self._process.stdout is not None
                self._process.stdout.close()
                self._process = None
                Path(self._path).unlink(missing_ok=True)
                self._log.unlink(missing_ok=True)


if __name__ == "__main__":
    if serve_forks(sys.argv[1]) is not None:  # a forked child: the rest is the interpreter's, as for `python main.py`
        from cli import cli

        cli()
