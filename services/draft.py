"""A notification about to be sent: its content, checked once, whoever sends it (GraphQL or Python)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import orjson

from models.message import Priority
from services.errors import BadInput
from services.ids import MAX_ID, is_id

TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{0,49}")  # used with fullmatch: `$` would accept "sale\n"
MAX_TITLE = 200
MAX_MESSAGE = 5_000
MAX_ACTION_TEXT = 100
MAX_URL = 2_048
MAX_METADATA_BYTES = 16 * 1024
MAX_IDEMPOTENCY_KEY = 200
MAX_GROUP_KEY = 200
MAX_RECIPIENTS = 1_000


@dataclass(frozen=True)
class Draft:
    type: str
    title: str
    message: str
    priority: Priority = Priority.NORMAL
    action_url: str | None = None
    action_text: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    expires_at: datetime | None = None
    idempotency_key: str | None = None
    group_key: str | None = None

    def __post_init__(self) -> None:
        check_type(self.type)
        _check_text("title", self.title, MAX_TITLE)
        _check_text("message", self.message, MAX_MESSAGE)
        if not isinstance(self.priority, Priority):
            raise BadInput("`priority` must be one of LOW, NORMAL, HIGH, URGENT.")
        if self.action_url is not None:
            check_action_url(self.action_url)
        if self.action_text is not None:
            _check_text("actionText", self.action_text, MAX_ACTION_TEXT)
        check_metadata(self.metadata)
        if self.expires_at is not None:
            if self.expires_at.tzinfo is None:
                raise BadInput("`expiresAt` must include a time zone, e.g. 2030-01-01T00:00:00Z.")
            now = datetime.now(UTC)
            if self.expires_at <= now:
                raise BadInput("`expiresAt` is in the past; a notification must expire in the future.")
            try:
                self.expires_at.astimezone(UTC)
            except OverflowError:
                raise BadInput("`expiresAt` is beyond the last representable date (year 9999).") from None
        key = self.idempotency_key
        if key is not None and not (0 < len(key) <= MAX_IDEMPOTENCY_KEY and storable(key)):
            raise BadInput(f"`idempotencyKey` must be 1 to {MAX_IDEMPOTENCY_KEY} characters of printable text.")
        if self.group_key is not None:
            check_group_key(self.group_key)


def check_group_key(key: str) -> None:
    if not (0 < len(key) <= MAX_GROUP_KEY and storable(key)):
        raise BadInput(f"`groupKey` must be 1 to {MAX_GROUP_KEY} characters of printable text.")


def check_type(value: str) -> None:
    if not TYPE_PATTERN.fullmatch(value):
        raise BadInput(
            f"`type` {value[:60]!r} is not a valid type: use a short lowercase slug such as "
            "`sale`, `inventory`, `customer`, `security` or `system` (a-z, 0-9, `_`, `-`, `.`, at most 50)."
        )


def check_action_url(url: str) -> None:
    if len(url) > MAX_URL or not storable(url) or any(c.isspace() or ord(c) < 32 for c in url):
        raise BadInput(f"`actionUrl` must be at most {MAX_URL} characters with no spaces or control characters.")
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return
    # A relative path: must start with one slash ("//host" would be protocol-relative, i.e. another site).
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return
    raise BadInput("`actionUrl` must be an http(s):// URL or a path starting with `/`.")


def check_metadata(value: object) -> None:
    if not isinstance(value, dict):
        raise BadInput("`metadata` must be a JSON object.")
    try:
        # The same encoder the database driver uses, so what passes here is what gets stored.
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
        orjson.dumps(value)  # what live events are encoded with: it also refuses integers beyond 64 bits
    except (TypeError, ValueError, UnicodeEncodeError):
        raise BadInput(
            "`metadata` must contain only JSON values: no NaN or Infinity, integers within 64 bits, valid Unicode."
        ) from None
    if b"\\u0000" in encoded:
        raise BadInput("`metadata` must not contain NUL characters.")
    size = len(encoded)
    if size > MAX_METADATA_BYTES:
        raise BadInput(f"`metadata` is {size} bytes; the limit is {MAX_METADATA_BYTES} bytes of JSON.")


def check_recipients(ids: list[str]) -> list[str]:
    if not ids:
        raise BadInput("Give at least one user id.")
    if len(ids) > MAX_RECIPIENTS:
        raise BadInput(f"At most {MAX_RECIPIENTS} user ids per call; got {len(ids)}.")
    for user_id in ids:
        check_external_id("user id", user_id)
    return list(dict.fromkeys(ids))


def check_external_id(what: str, value: str) -> None:
    if not is_id(value):
        raise BadInput(f"A {what} must be 1 to {MAX_ID} printable characters with no surrounding spaces.")


# Control characters but tab, newline and carriage return; one regex search instead of a test per character
# (a bulk send checks 1,000 ids).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable(value: str) -> bool:
    """Text any database can store: valid Unicode, no control characters but tab and newline."""
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return _CONTROL.search(value) is None


def _check_text(name: str, value: str, limit: int) -> None:
    if not value.strip():
        raise BadInput(f"`{name}` must not be empty.")
    if not storable(value):
        raise BadInput(f"`{name}` must be valid Unicode text without control characters.")
    if len(value) > limit:
        raise BadInput(f"`{name}` is {len(value)} characters; the limit is {limit}.")
