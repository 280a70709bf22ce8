"""Log lines: plain text, or with LOG_FORMAT=json one JSON object per line, each with the request id of the HTTP
request or websocket it came from and the tenant and user where known.

The ids live in context variables: set where a request or websocket enters the app (`enter`) and where its caller is
authenticated (`identify`), and inherited by the tasks it starts. Tasks that serve everyone (a tenant's feed, the
outbox worker) start from an empty context (`unattributed`), so they never carry one caller's ids.

Nothing a caller sends is logged as such: request lines lose their query strings (`transport.http_protocol`),
SQLAlchemy errors hide their parameters (`models.base.create_engine`), and what still looks like a token is masked.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
TENANT: contextvars.ContextVar[str | None] = contextvars.ContextVar("tenant", default=None)
USER: contextvars.ContextVar[str | None] = contextvars.ContextVar("user", default=None)

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"
JSON_FIELDS = ("asctime", "levelname", "name", "message")
# A JWT (three base64url parts, the first a JSON header) or a bearer credential, wherever it appears in a line.
_SECRET_LOOKING = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]*|(?i:bearer)\s+\S+")


def enter() -> None:
    """A request or websocket starts: a fresh id, no caller yet."""
    REQUEST_ID.set(os.urandom(8).hex())
    TENANT.set(None)
    USER.set(None)


def identify(tenant: str, user: str) -> None:
    TENANT.set(tenant)
    USER.set(user)


def unattributed() -> contextvars.Context:
    """A context for a task that serves every caller (`asyncio.create_task(..., context=unattributed())`)."""
    return contextvars.Context()


def mask(text: str) -> str:
    return _SECRET_LOOKING.sub("[masked]", text)


class _Attributed(logging.Filter):
    """Adds the context's ids to each record, and masks what looks like a token in its message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id, record.tenant, record.user = REQUEST_ID.get(), TENANT.get(), USER.get()
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class _Text(logging.Formatter):
    def formatException(self, ei: Any) -> str:
        return mask(super().formatException(ei))


class JsonLines(JsonFormatter):
    """One JSON object per line: time, level, logger, message, the context's ids where set, and any traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            list(JSON_FIELDS),
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            json_ensure_ascii=False,
        )

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        for name in ("request_id", "tenant", "user"):
            value = getattr(record, name, None)
            if value is not None:
                log_data[name] = value
            else:
                log_data.pop(name, None)
        # uvicorn's request lines carry their parts as extra fields too: the message says them once.
        for name in ("color_message", "taskName"):
            log_data.pop(name, None)

    def formatException(self, ei: Any) -> str:
        formatted = super().formatException(ei)  # a list of lines with `exc_info_as_array`
        return mask(formatted if isinstance(formatted, str) else "\n".join(formatted))


def json_wanted() -> bool:
    return os.environ.get("LOG_FORMAT", "text").strip().lower() == "json"


def configure(level: str = "info") -> None:
    """The root logger at `level`, in the format LOG_FORMAT asks for; every handler attributes and masks."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if json_wanted() else _Text(TEXT_FORMAT))
    handler.addFilter(_Attributed())
    logging.basicConfig(level=level.upper(), handlers=[handler])


def uvicorn_config() -> dict[str, Any] | None:
    """uvicorn's `log_config` for JSON lines (None: uvicorn's own, for text): its loggers write through the root's
    handler, so their lines are attributed, masked and formatted as the service's."""
    if not json_wanted():
        return None
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": True},
        },
    }
