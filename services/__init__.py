"""The notification logic, for resolvers and for Python callers: sending, inboxes, preferences, live streams.

Python callers use `open_runtime` and the three sending functions, as the seed's `NotificationService` did, and
`trigger_event` to send what an event's template writes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.events import trigger_event
    from services.runtime import Runtime, open_runtime
    from services.sending import SendResult, send_bulk_notifications, send_notification, send_tenant_notification

# Imported on first use, so that a command that needs one service module (`main.py token`, `migrate`) does not load
# every one, and the schema with them.
_HOMES = {
    "Runtime": "services.runtime",
    "SendResult": "services.sending",
    "open_runtime": "services.runtime",
    "send_bulk_notifications": "services.sending",
    "send_notification": "services.sending",
    "send_tenant_notification": "services.sending",
    "trigger_event": "services.events",
}

__all__ = [
    "Runtime",
    "SendResult",
    "open_runtime",
    "send_bulk_notifications",
    "send_notification",
    "send_tenant_notification",
    "trigger_event",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # AttributeError lets `from services import inbox` go on to import the submodule
        raise AttributeError(f"module 'services' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
