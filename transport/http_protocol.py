"""uvicorn's HTTP protocol (httptools) with the limits it lacks against connections that never finish.

uvicorn closes a keep-alive connection left idle after a response (`timeout_keep_alive`), but nothing else: a
connection that never sends a byte, or sends its headers a line at a time, is held for ever, each costing a file
descriptor, and once the process runs out of them every new request and websocket fails with nothing logged. Here:

- a request's headers must arrive within `HEADERS_TIMEOUT_SECONDS` of the connection opening (or of the request's
  first byte, on a kept-alive connection), and its body within `BODY_TIMEOUT_SECONDS` of its headers; otherwise the
  connection is closed. Headers over `MAX_HEADER_BYTES` are answered 431 (httptools itself sets no limit);
- an idle kept-alive connection is closed after `KEEP_ALIVE_TIMEOUT_SECONDS`;
- one client address may hold at most `MAX_CONNECTIONS_PER_ADDRESS` connections (websockets included); further ones
  are closed at once;
- each of these, and open connections nearing the process's descriptor limit, is logged (at most once per
  `REPORT_EVERY` seconds each, with how many since the last line).

`python main.py serve` uses it (`serving.UVICORN_OPTIONS`); with bare uvicorn pass `--http` `PROTOCOL`. It relies on
the parser callbacks of uvicorn's `HttpToolsProtocol`, checked when this module is imported.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import resource
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from settings import Settings

log = logging.getLogger("notifications.connections")

PROTOCOL = "transport.http_protocol:LimitedHttpProtocol"  # as uvicorn's `--http` takes it
REPORT_EVERY = 10.0
# Warn when open connections reach this share of the descriptor limit (the rest is the pool, Redis, files).
NEAR_LIMIT = 0.9
ENOUGH_DESCRIPTORS = 4096
MAX_HEADER_BYTES = 64 * 1024  # h11's default is 16 KiB; browsers send a few KiB at most, cookies included
_TOO_LARGE = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"

_USED = (
    "connection_made",
    "connection_lost",
    "on_message_begin",
    "on_headers_complete",
    "on_message_complete",
    "data_received",
    "handle_websocket_upgrade",
)
if missing := [name for name in _USED if not hasattr(HttpToolsProtocol, name)]:
    raise RuntimeError(f"this uvicorn's HttpToolsProtocol lacks {missing}: transport/http_protocol.py needs updating")


class Report:
    """One kind of limit being hit: logged at once, then at most every REPORT_EVERY seconds, with a count."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.count = 0
        self.next_at = 0.0

    def hit(self, address: str | None) -> None:
        self.count += 1
        now = time.monotonic()
        if now >= self.next_at:
            log.warning("%s (%d since the last report, the latest from %s)", self.message, self.count, address)
            self.count = 0
            self.next_at = now + REPORT_EVERY


class _Connections:
    """The connections this process holds, by client address."""

    def __init__(self) -> None:
        self.by_address: Counter[str] = Counter()
        self.total = 0

    def admit(self, address: str, limits: _Limits) -> bool:
        if limits.per_address and self.by_address[address] >= limits.per_address:
            return False
        self.by_address[address] += 1
        self.total += 1
        if self.total >= NEAR_LIMIT * limits.descriptors:
            _NEAR_LIMIT.hit(address)
        return True

    def release(self, address: str) -> None:
        self.total -= 1
        self.by_address[address] -= 1
        if not self.by_address[address]:
            del self.by_address[address]


_OPEN = _Connections()
_REFUSED = Report("refused a connection over MAX_CONNECTIONS_PER_ADDRESS")
_SLOW_HEADERS = Report("closed a connection whose request headers did not arrive within HEADERS_TIMEOUT_SECONDS")
_LARGE_HEADERS = Report("refused request headers over MAX_HEADER_BYTES")
_SLOW_BODY = Report("closed a connection whose request body did not arrive within BODY_TIMEOUT_SECONDS")
_NEAR_LIMIT = Report(
    "open connections are near the process's file descriptor limit (raise LimitNOFILE / ulimit -n, see README)"
)


@dataclass(frozen=True)
class _Limits:
    headers_timeout: float
    body_timeout: float
    keep_alive_timeout: float
    per_address: int  # 0: no cap
    descriptors: int


@functools.cache
def _limits() -> _Limits:
    """Read once per process, at its first connection (after `raise_descriptor_limit`)."""
    settings = Settings()
    descriptors = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if descriptors < ENOUGH_DESCRIPTORS:
        log.warning("the file descriptor limit is %d, one per connection: see README (LimitNOFILE)", descriptors)
    per_address = settings.max_connections_per_address
    if per_address is None:
        per_address = min(1000, descriptors // 4)
    return _Limits(
        settings.headers_timeout_seconds,
        settings.body_timeout_seconds,
        settings.keep_alive_timeout_seconds,
        per_address,
        descriptors,
    )


def raise_descriptor_limit() -> None:
    """Raise this process's soft limit on open files to its hard limit (inherited by its workers). systemd's default
    is 1,024 soft and 524,288 hard, for programs that use select(); asyncio does not."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft >= hard:
        return
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError) as error:
        log.warning("could not raise the file descriptor limit from %d to %d: %s", soft, hard, error)


class LimitedHttpProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = limits = _limits()
        self.timeout_keep_alive = limits.keep_alive_timeout  # type: ignore[assignment]
        self._deadline: asyncio.TimerHandle | None = None
        self._address: str | None = None  # counted in _OPEN until released
        self._header_bytes: int | None = None  # while a request's headers are being read
        self._refusing = False  # answered 431: waiting for the client to close

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else None
        if address is not None:
            if not _OPEN.admit(address, self._limits):
                _REFUSED.hit(address)
                self.transport = transport
                transport.close()
                return
            self._address = address
        super().connection_made(transport)
        self._expect_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        self._release()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # Only chunks that begin and end within one request's headers are counted, so a body is never taken for
        # headers (a request's first chunk, which may also end the one before, is left out).
        if self._refusing:
            return
        counting = self._header_bytes is not None
        super().data_received(data)
        if counting and self._header_bytes is not None:
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
                _LARGE_HEADERS.hit(self._address)
                self.transport.write(_TOO_LARGE)
                if not self.transport.can_write_eof():
                    self.transport.close()
                    return
                # Half-closed, and whatever else the client sends dropped until it closes (or the headers deadline
                # passes): closing at once, with its data unread, would reset the connection before it read the 431.
                self.transport.write_eof()
                self._refusing = True

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # a kept-alive connection's next request (the first one's runs from connecting)
            self._expect_headers()

    def on_headers_complete(self) -> None:
        self._cancel()
        self._header_bytes = None
        super().on_headers_complete()
        self._expect(self._limits.body_timeout, _SLOW_BODY)  # an upgrade cancels it (`handle_websocket_upgrade`)

    def on_message_complete(self) -> None:
        self._cancel()
        super().on_message_complete()

    def handle_websocket_upgrade(self) -> None:
        self._cancel()
        super().handle_websocket_upgrade()
        # The connection is the websocket protocol's now, and this one never hears of it again: the websocket
        # protocol releases its place in the count when it closes (`websocket_transport`), or it is released now.
        websocket = self.transport.get_protocol()
        address, self._address = self._address, None
        if address is not None:
            if hasattr(websocket, "on_lost"):
                websocket.on_lost = functools.partial(_OPEN.release, address)
            else:
                _OPEN.release(address)

    def _expect_headers(self) -> None:
        self._expect(self._limits.headers_timeout, _SLOW_HEADERS)
        self._header_bytes = 0

    def _expect(self, seconds: float, report: Report) -> None:
        self._deadline = self.loop.call_later(seconds, self._too_slow, report)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self, report: Report) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            if not self._refusing:
                report.hit(self._address)
            self.transport.close()

    def _release(self) -> None:
        if self._address is not None:
            _OPEN.release(self._address)
            self._address = None


class _WithoutQueryStrings(logging.Filter):
    """uvicorn's request lines (`"GET /path?query HTTP/1.1"`, `"WebSocket /path?query"`) without the query string:
    a query sent over GET holds its document and variables (a mutation's message, refused but logged), and some
    clients put tokens in a websocket's URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        message, args = record.msg, record.args
        if isinstance(message, str) and isinstance(args, tuple) and ("HTTP/%s" in message or "WebSocket %s" in message):
            record.args = tuple(a.partition("?")[0] if isinstance(a, str) and a.startswith("/") else a for a in args)
        return True


# Where uvicorn logs request lines (the access log; the websocket handshake's line goes to its error log). Kept on
# the loggers when uvicorn configures logging, which adds filters and removes none.
for _name in ("uvicorn.access", "uvicorn.error"):
    logging.getLogger(_name).addFilter(_WithoutQueryStrings())
