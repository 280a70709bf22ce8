"""Text frames written straight to a socket (`transport.ws_protocol.WRITE_NOW`): their RFC 6455 headers, and the
outlet through which a tenant's feed writes a live operation's messages (`services.subscriptions.Outlet`).

The feed hands an outlet values; the outlet renders, frames and writes them, all in the feed's own loop iteration
(BENCHMARKS.md, *Direct writes*). Nothing else in the service makes frames.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
# `DirectWritesProtocol.write_now`: writes whole frames in one write if the socket takes them now, and says whether
# it did.
WriteNow = Callable[[Sequence[bytes]], bool]


def frame_header(length: int) -> bytes:
    """The header of an unmasked, unfragmented text frame of `length` bytes (RFC 6455 5.2), as a server sends it
    without extensions. Apart from its data, so that a frame made of several parts is joined once."""
    if length < 126:
        return bytes((0x81, length))
    if length < 1 << 16:
        return _HEADER_16.pack(0x81, 126, length)
    return _HEADER_64.pack(0x81, 127, length)


def text_frame(data: bytes) -> bytes:
    return frame_header(len(data)) + data


def text_frames(prefix: bytes, bodies: Iterable[bytes], suffix: bytes) -> list[bytes]:
    """A text frame of `prefix + body + suffix` for each body, joined once with its header: a payload sent to
    10,000 subscribers makes each copy count."""
    around = len(prefix) + len(suffix)
    return [b"".join((frame_header(around + len(body)), prefix, body, suffix)) for body in bodies]


_HEADER_16 = struct.Struct("!BBH")
_HEADER_64 = struct.Struct("!BBQ")


class SocketOutlet(Generic[T]):
    """One live operation's socket, as the feed sees it (`services.subscriptions.Outlet`): values written at once as
    messages `prefix + render(value) + suffix`, one frame each, all in one write."""

    __slots__ = ("_current", "_prefix", "_render", "_suffix", "_write_now")

    def __init__(
        self,
        write_now: WriteNow,
        prefix: bytes,
        render: Callable[[T], bytes],
        suffix: bytes,
        current: Callable[[], bool],
    ) -> None:
        self._write_now = write_now
        self._prefix = prefix
        self._render = render
        self._suffix = suffix
        # Whether the operation is still the connection's: the client's `complete` ends it before its task has
        # closed its stream, and no message may follow the `complete`.
        self._current = current

    def write(self, values: Sequence[T]) -> bool:
        """Whether `values` were written (or dropped, the operation having ended); False leaves them to be sent
        through ASGI, which waits for the socket to drain."""
        if not self._current():
            return True
        return self._write_now(text_frames(self._prefix, map(self._render, values), self._suffix))
