"""Cancelled asyncio tasks, let go of without leaving cycles behind."""

from __future__ import annotations

import asyncio
import traceback
from typing import Any


def forget_cancellation(task: asyncio.Task[Any]) -> None:
    """Take the CancelledError a cancelled `task` keeps out of it, and clear the locals of its traceback's frames.

    Those frames refer back to the task (through whatever holds it: a feed, an operation) or, where a library
    re-raises from a local (SQLAlchemy's `safe_reraise`), to the error itself: kept, they make the task, the error
    and everything the frames held cyclic garbage, which a server rarely collects (`lifecycle.collect_less`)."""
    if not task.cancelled():
        return
    try:
        task.result()  # raises the task's own error, which it keeps no more
    except asyncio.CancelledError as cancelled:
        traceback.clear_frames(cancelled.__traceback__)
