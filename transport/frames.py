"""Text frames written straight to a socket (`transport.ws_protocol.WRITE_NOW`): their RFC 6455 headers, and the
outlet through which a tenant's feed writes a live operation's messages (`services.subscriptions.Outlet`).

The feed hands an outlet values; the outlet renders, frames and writes them, all in the feed's own loop iteration
(BENCHMARKS.md, *Direct writes*). Nothing else in the service makes frames.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
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


_HEADER_16 = struct.Struct("!BBH")
_HEADER_64 = struct.Struct("!BBQ")


class SocketOutlet(Generic[T]):
    """One live operation's socket, as the feed sees it (`services.subscriptions.Outlet`): values written at once as
    messages `prefix + render(value) + suffix`, one frame each, all in one write.

    Only while the operation is current, `operations[operation_id] is operation`: the client's `complete` ends it
    before its task has closed its stream, and no message may follow the `complete`."""

    __slots__ = ("_id", "_operation", "_operations", "_parts", "_write_now")

    def __init__(
        self,
        write_now: WriteNow,
        operations: Mapping[str, object],
        operation_id: str,
        operation: object,
        prefix: bytes,
        render: Callable[[T], bytes],
        suffix: bytes,
    ) -> None:
        self._write_now = write_now
        self._operations = operations
        self._id = operation_id
        self._operation = operation
        # One attribute for the four: the feed writes to each of a tenant's sockets in turn, and every load counts.
        self._parts = (prefix, render, suffix, len(prefix) + len(suffix))

    def write(self, values: Sequence[T]) -> bool:
        """Whether `values` were written (or dropped, the operation having ended); False leaves them to be sent
        through ASGI, which waits for the socket to drain."""
        if self._operations.get(self._id) is not self._operation:
            return True
        prefix, render, suffix, around = self._parts
        frames = []
        for value in values:
            # Joined once (header, prefix, payload, suffix): a payload sent to 10,000 subscribers makes each copy
            # count.
            body = render(value)
            frames.append(b"".join((frame_header(around + len(body)), prefix, body, suffix)))
        return self._write_now(frames)
