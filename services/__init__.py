"""The notification logic, for resolvers and for Python callers: sending, inboxes, preferences, live streams.

Python callers use `open_runtime` and the three sending functions, as the seed's `NotificationService` did, and
`trigger_event` to send what an event's template writes.
"""

from services.events import trigger_event
from services.runtime import Runtime, open_runtime
from services.sending import SendResult, send_bulk_notifications, send_notification, send_tenant_notification

__all__ = [
    "Runtime",
    "SendResult",
    "open_runtime",
    "send_bulk_notifications",
    "send_notification",
    "send_tenant_notification",
    "trigger_event",
]
