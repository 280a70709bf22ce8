"""The errors the service reports to callers. The schema turns them into GraphQL errors with `extensions.code`."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def extensions(self) -> dict[str, Any]:
        """What a client gets in `extensions` beside `code`."""
        return {}


class BadInput(ServiceError):
    code = "BAD_USER_INPUT"


class SnoozeInPast(BadInput):
    code = "SNOOZE_IN_PAST"


class Unauthenticated(ServiceError):
    code = "UNAUTHENTICATED"


class Forbidden(ServiceError):
    code = "FORBIDDEN"


class NotFound(ServiceError):
    code = "NOT_FOUND"


class Unavailable(ServiceError):
    """A dependency (the database) is down; the caller may retry."""

    code = "SERVICE_UNAVAILABLE"


class TooSlow(ServiceError):
    """A subscriber stopped reading and its buffer filled; it must reconnect and catch up with `after`."""

    code = "SUBSCRIBER_TOO_SLOW"
