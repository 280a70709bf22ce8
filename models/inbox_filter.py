"""Which of a user's inbox rows a filter selects: the one definition that listings, counts and bulk changes share.

A filter's conditions are built from its shape (which conditions it has), with its values as bind parameters, so
that each shape is one statement built once (`models.listing`) however the values change. Every filter leaves out
expired and snoozed rows (`models.inbox.shown`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, bindparam

from models.base import Id, UtcDateTime
from models.inbox import InboxEntry, shown
from models.message import Priority


@dataclass(frozen=True)
class Filter:
    """None: either way. `archived` is False by default: archived rows leave what is listed and counted."""

    unread: bool | None = None
    seen: bool | None = None
    archived: bool | None = False
    types: Sequence[str] | None = None
    min_priority: int | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    group_key: str | None = None

    @property
    def shape(self) -> Shape:
        return Shape(
            unread=self.unread,
            seen=self.seen,
            archived=self.archived,
            typed=bool(self.types),
            floored=self.min_priority is not None and self.min_priority > Priority.LOW,
            after=self.created_after is not None,
            before=self.created_before is not None,
            grouped=self.group_key is not None,
        )

    @property
    def is_unread_badge(self) -> bool:
        """Whether this counts what the kept unread count counts (`models.unread`)."""
        return self == Filter(unread=True)

    def values(self, user_id: int, now: datetime) -> dict[str, Any]:
        """The bind parameters of `conditions(self.shape)`."""
        values: dict[str, Any] = {"user": user_id, "now": now}
        if self.types:
            values["types"] = list(self.types)
        if self.shape.floored:
            values["min_priority"] = self.min_priority
        if self.created_after is not None:
            values["created_after"] = self.created_after
        if self.created_before is not None:
            values["created_before"] = self.created_before
        if self.group_key is not None:
            values["in_group"] = self.group_key
        return values


class Shape(NamedTuple):
    unread: bool | None
    seen: bool | None
    archived: bool | None
    typed: bool
    floored: bool
    after: bool
    before: bool
    grouped: bool


def conditions(shape: Shape, entry: Any = InboxEntry) -> list[ColumnElement[bool]]:
    """The user's rows that a filter of this shape selects; parameters `user`, `now` and the filter's values.
    `entry`: the inbox table or an alias of it (a group's other rows, `models.listing`)."""
    clauses = [entry.user_id == bindparam("user", type_=Id), *shown(bindparam("now", type_=UtcDateTime), entry)]
    if shape.unread is True:
        clauses.append(entry.read_at.is_(None))
    elif shape.unread is False:
        clauses.append(entry.read_at.is_not(None))
    if shape.seen is True:
        clauses.append(entry.seen_at.is_not(None))
    elif shape.seen is False:
        # A read row is always seen: saying so keeps the unseen rows to the unread partition on PostgreSQL.
        clauses += [entry.seen_at.is_(None), entry.read_at.is_(None)]
    if shape.archived is True:
        clauses.append(entry.archived_at.is_not(None))
    elif shape.archived is False:
        clauses.append(entry.archived_at.is_(None))
    if shape.typed:
        clauses.append(entry.type.in_(bindparam("types", expanding=True)))
    if shape.floored:
        clauses.append(entry.priority >= bindparam("min_priority"))
    if shape.after:
        clauses.append(entry.created_at >= bindparam("created_after", type_=UtcDateTime))
    if shape.before:
        clauses.append(entry.created_at < bindparam("created_before", type_=UtcDateTime))
    if shape.grouped:
        clauses.append(entry.group_key == bindparam("in_group"))
    return clauses
