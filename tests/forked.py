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
import ctypes
import importlib
import json
import logging
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_PR_SET_PDEATHSIG = 1
# The app and what `serve` imports besides it: all but a few hundredths of a second of a server's imports.
_PRELOADED = ("main", "assumptions", "serving", "alembic.command", "alembic.config")
# A setting read when a module is imported, not when the server starts: a server given it is not forked. So are the
# interpreter's own settings (PYTHON*), read as it starts, where they differ from the forking process's.
_READ_AT_IMPORT = frozenset({"PROMETHEUS_MULTIPROC_DIR"})


def _die_with_parent() -> None:
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


# --- the forking process -------------------------------------------------------------------------------------------


def _run_child(request: dict[str, Any]) -> int:
    """In the child: become `python main.py <args>` as started with `request`'s environment, directory and log."""
    _die_with_parent()
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.set_wakeup_fd(-1)
    random.seed()
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

    from cli import cli

    try:
        cli(sys.argv[1:])
        return 0
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BaseException:
        import traceback

        traceback.print_exc()
        return 1
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()


def serve_forks(path: str) -> None:
    """Import the service, then fork a server for each request on the Unix socket at `path`. Not tied to its
    parent's death by a signal (that would be the death of the thread that started it): its stdin's end is."""
    sys.path[0] = str(ROOT)  # as for `python main.py`: the script's directory, not the working one
    for name in _PRELOADED:
        importlib.import_module(name)

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
                return
            if key.data == "exited":
                os.read(wakeup_read, 512)
                while children:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                    if pid == 0:
                        break
                    connection = children.pop(pid, None)
                    if connection is not None:
                        with contextlib.suppress(OSError):
                            connection.sendall(json.dumps({"status": status}).encode() + b"\n")
                        connection.close()
                continue
            connection, _ = listening.accept()
            with connection.makefile("rb") as reading:
                request = json.loads(reading.readline())
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                selector.close()
                listening.close()
                os.close(wakeup_read)
                os.close(wakeup_write)
                for other in children.values():
                    other.close()
                connection.close()
                os._exit(_run_child(request))
            children[pid] = connection
            connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


# --- the test worker's side ----------------------------------------------------------------------------------------


class Forked:
    """A forked server, with what tests use of `subprocess.Popen`."""

    def __init__(self, args: Sequence[str], connection: socket.socket) -> None:
        self.args = list(args)
        self.returncode: int | None = None
        self._connection = connection
        self._buffer = b""
        line = self._line(60)
        if not line:
            raise RuntimeError("the forking process started no server")
        self.pid: int = json.loads(line)["pid"]

    def _line(self, timeout: float | None) -> bytes | None:
        """The forking process's next line; None if none came within `timeout` s, b"" if it closed the connection."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self._connection], [], [], remaining)[0]:
                return None
            chunk = self._connection.recv(4096)
            if not chunk:
                return b""
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def wait(self, timeout: float | None = None) -> int:
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
        if self.poll() is None:
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

    def applies(self, command: Sequence[str], cwd: Path, env: dict[str, str], base: dict[str, str]) -> bool:
        """Whether `command`, run in `cwd` with `env`, can be forked from a process started with `base`."""
        interpreter = {key for key in env.keys() | base.keys() if key.startswith("PYTHON")}
        return (
            len(command) > 1
            and command[0] == sys.executable
            and (cwd / command[1]).resolve() == ROOT / "main.py"
            and not _READ_AT_IMPORT.intersection(env)
            and all(env.get(key) == base.get(key) for key in interpreter)
        )

    def start(
        self, command: Sequence[str], env: dict[str, str], cwd: Path, log: Path, *, base: dict[str, str]
    ) -> Forked:
        """`command` forked with `env`, in `cwd`, writing to `log`; `base` is the environment the forking process
        starts with, if it is not running yet."""
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(self._started(base))
        request = {"argv": list(command), "env": env, "cwd": str(cwd), "log": str(log)}
        connection.sendall(json.dumps(request).encode() + b"\n")
        return Forked(command, connection)

    def _started(self, env: dict[str, str]) -> str:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                directory = Path(os.environ.get("TMPDIR", "/tmp"))
                self._path = str(directory / f"forks-{os.getpid()}-{random.getrandbits(32):08x}.sock")
                self._log = directory / f"forks-{os.getpid()}.log"
                with self._log.open("wb") as log:
                    self._process = subprocess.Popen(
                        [sys.executable, "-m", "tests.forked", self._path],
                        cwd=ROOT,
                        env=env,
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
                self._process.wait()
                self._process = None
                Path(self._path).unlink(missing_ok=True)
                self._log.unlink(missing_ok=True)


if __name__ == "__main__":
    serve_forks(sys.argv[1])
