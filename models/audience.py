"""Who of a tenant a send reaches when it lists no users: everyone, the users following a topic, or those holding
one of some roles; and of those, for an event written per locale, the users whose stored locale is among (or not
among) the locales one rendering is for. Always a filter on `users`, so a send selects its recipients in SQL
whatever their number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, all_, and_, any_, bindparam, func, literal

from models import role, topic
from models.user import User

NO_LOCALE = ""  # how a user without a stored locale is named among `locales`

_NAMES = ARRAY(String)


@dataclass(frozen=True)
class Audience:
    topic: str | None = None
    roles: tuple[str, ...] | None = None
    # With `locales`: only the users whose locale is one of them (`other_locales`: none of them).
    locales: tuple[str, ...] | None = None
    other_locales: bool = False

    @property
    def everyone(self) -> bool:
        return self.topic is None and self.roles is None and self.locales is None

    @property
    def shape(self) -> tuple[str, str | None]:
        """What the statement for this audience looks like, its values aside: the key of a prepared statement."""
        kind = "topic" if self.topic is not None else "roles" if self.roles is not None else "tenant"
        locales = None if self.locales is None else "out" if self.other_locales else "in"
        return kind, locales

    def condition(self, tenant: str) -> ColumnElement[bool]:
        """This audience in `tenant`, with its values in the statement."""
        if self.topic is not None:
            chosen = topic.audience(tenant, self.topic)
        elif self.roles is not None:
            chosen = role.audience(tenant, list(self.roles))
        else:
            chosen = User.tenant_id == tenant
        if self.locales is None:
            return chosen
        stored = func.coalesce(User.locale, literal(NO_LOCALE))
        among = stored.not_in(list(self.locales)) if self.other_locales else stored.in_(list(self.locales))
        return and_(chosen, among)

    def stored(self) -> dict[str, Any] | None:
        """This audience as JSON (`outbox.Fanout.audience`); None: everyone."""
        if self.everyone:
            return None
        return {"topic": self.topic, "roles": self.roles, "locales": self.locales, "other_locales": self.other_locales}

    @classmethod
    def from_stored(cls, stored: dict[str, Any] | None) -> Audience:
        if stored is None:
            return EVERYONE
        roles, locales = stored.get("roles"), stored.get("locales")
        return cls(
            topic=stored.get("topic"),
            roles=None if roles is None else tuple(roles),
            locales=None if locales is None else tuple(locales),
            other_locales=bool(stored.get("other_locales")),
        )

    def parameters(self) -> dict[str, Any]:
        """The values `bound` leaves as parameters."""
        values: dict[str, Any] = {}
        if self.topic is not None:
            values["topic"] = self.topic
        if self.roles is not None:
            values["roles"] = list(self.roles)
        if self.locales is not None:
            values["locales"] = list(self.locales)
        return values


def bound(shape: tuple[str, str | None], tenant: Any) -> ColumnElement[bool]:
    """An audience of `shape` in `tenant` (a bound parameter) with its values as parameters (PostgreSQL's arrays)."""
    kind, locales = shape
    if kind == "topic":
        chosen = topic.audience(tenant, bindparam("topic", type_=String))
    elif kind == "roles":
        chosen = role.audience(tenant, bindparam("roles", type_=_NAMES))
    else:
        chosen = User.tenant_id == tenant
    if locales is None:
        return chosen
    stored = func.coalesce(User.locale, literal(NO_LOCALE))
    names = bindparam("locales", type_=_NAMES)
    return and_(chosen, stored != all_(names) if locales == "out" else stored == any_(names))


EVERYONE = Audience()
