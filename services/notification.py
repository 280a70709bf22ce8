"""What a recipient sees of a notification, and how it travels between processes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from models.listing import Listed
from models.message import Message, Priority


@dataclass(frozen=True, slots=True)
class Notification:
    id: int
    type: str
    title: str
    message: str
    priority: Priority
    action_url: str | None
    action_text: str | None
    metadata: dict[str, Any]
    created_at: datetime
    expires_at: datetime | None
    read_at: datetime | None = None
    seen_at: datetime | None = None
    archived_at: datetime | None = None
    snoozed_until: datetime | None = None
    group_key: str | None = None
    group_count: int | None = None  # in a grouped listing, how many its group holds
    # Back from a snooze (`services.snooze`): delivered live again, though older than what a subscriber has had.
    woke: bool = False

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @classmethod
    def of(cls, message: Message) -> Notification:
        """A message as its sender sees it (unread): sends and the sent history. Inboxes read `listed` rows."""
        return cls(
            id=message.id,
            type=message.type,
            title=message.title,
            message=message.body,
            priority=Priority(message.priority),
            action_url=message.action_url,
            action_text=message.action_text,
            metadata=message.data,
            created_at=message.created_at,
            expires_at=message.expires_at,
            group_key=message.group_key,
        )

    @classmethod
    def listed(cls, row: Listed, group_count: int | None = None, *, woke: bool = False) -> Notification:
        """From a row of `models.listing.LISTED` (the same fields in the same order)."""
        nid, type_, title, body, priority, url, text, data, created, expires, read, seen, archived, snoozed, key = row
        return cls(
            nid,
            type_,
            title,
            body,
            Priority(priority),
            url,
            text,
            data,
            created,
            expires,
            read,
            seen,
            archived,
            snoozed,
            key,
            group_count,
            woke,
        )


# Events on a tenant's channel. Kept small and flat: one JSON object per event, one event per send.
def added_event(notification: Notification, user_ids: list[int] | None, seq: int, *, whole_tenant: bool = False) -> str:
    """A new notification for `user_ids`; None: for the tenant's users who accepted it, or, with `whole_tenant`,
    for every user of the tenant (no preference turned it away), which spares each process a lookup. `seq`: the
    tenant's event number (`models.sequence`)."""
    body = {"k": "added", "s": seq, "t": time.time(), "u": user_ids, "all": whole_tenant, "n": _fields(notification)}
    if notification.group_key is not None:
        body["g"] = notification.group_key  # beside `n`, whose length processes of an earlier version expect
    return orjson.dumps(body).decode()


def woke_event(notification: Notification, user_ids: list[int]) -> str:
    """`notification` is back from a snooze for `user_ids` (`services.snooze`). Not numbered: it adds no row, so a
    catch-up has nothing to bring; the lists and counts show it whether or not this arrives."""
    body = {"k": "woke", "u": user_ids, "n": _fields(notification), "g": notification.group_key}
    return orjson.dumps(body).decode()


def _fields(n: Notification) -> list[Any]:
    return [
        n.id,
        n.type,
        n.title,
        n.message,
        int(n.priority),
        n.action_url,
        n.action_text,
        n.metadata,
        n.created_at.isoformat(),
        n.expires_at.isoformat() if n.expires_at else None,
    ]


def count_event(user_id: int, unread: int) -> str:
    return orjson.dumps({"k": "count", "u": user_id, "c": unread}).decode()


def decode_event(raw: str) -> dict[str, Any]:
    event: dict[str, Any] = orjson.loads(raw)
    kind = event.get("k")
    if kind == "added" or kind == "woke":
        (nid, type_, title, message, priority, url, text, metadata, created, expires) = event["n"]
        event["n"] = Notification(
            id=nid,
            type=type_,
            title=title,
            message=message,
            priority=Priority(priority),
            action_url=url,
            action_text=text,
            metadata=metadata,
            created_at=datetime.fromisoformat(created),
            expires_at=datetime.fromisoformat(expires) if expires else None,
            group_key=event.get("g"),
            woke=kind == "woke",
        )
    return event


def tenant_channel(tenant_id: str) -> str:
    return f"tenant:{tenant_id}"
