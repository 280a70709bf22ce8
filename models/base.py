"""Declarative base, column types shared by every table, expressions shared by queries, and the engine factory."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    DateTime,
    Integer,
    MetaData,
    SQLColumnExpression,
    TypeDecorator,
    any_,
    bindparam,
    literal_column,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from models.pool import FairPool

# SQLite only auto-increments an INTEGER PRIMARY KEY, so the 64-bit ids become INTEGER there (still 64-bit).
Id = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps are stored and returned as aware UTC datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_for(session: AsyncSession) -> Any:
    """The dialect's INSERT (PostgreSQL's or SQLite's), for `ON CONFLICT` clauses."""
    dialect = session.bind.dialect.name if session.bind is not None else "postgresql"
    return pg_insert if dialect == "postgresql" else sqlite_insert


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# A list of ids as one parameter on PostgreSQL (`column == any_(...)`): `one_of`, and statements built once.
ID_ARRAY = ARRAY(BigInteger)


def one_of(
    session: AsyncSession | AsyncConnection, column: SQLColumnExpression[int], ids: Iterable[int]
) -> ColumnElement[bool]:
    """`column` is one of `ids`, which may number in the tens of thousands (every local subscriber of a tenant):
    one array parameter on PostgreSQL, rather than one parameter each, which caps at 32,767 and makes each list
    length a statement of its own to compile and prepare."""
    bind = session.bind if isinstance(session, AsyncSession) else session
    if bind is not None and bind.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ID_ARRAY))
    return column.in_(list(ids))


def limit_in_sql(limit: int) -> ColumnElement[int]:
    """A LIMIT written into the statement: as a parameter it is hidden from the planner, which then costs the plan
    for rows it cannot bound (see `models.listing._listing` and `models.unread._kept`)."""
    return literal_column(str(int(limit)))


# The PostgreSQL advisory lock `migrations/env.py` holds while it migrates ("NotMig"). A single 64-bit key: never
# the same lock as the two-key ones taken per tenant (services/runtime.py).
MIGRATIONS_LOCK = 0x4E6F744D6967


def create_engine(url: str, pool_size: int = 20, **kwargs: Any) -> AsyncEngine:
    """The one place engines are made, so every process gets the same pool and SQLite settings."""
    # A failed statement's error would otherwise quote its parameters (message bodies, contacts) into the logs.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        from sqlalchemy import event

        engine = create_async_engine(url, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("poolclass", FairPool)
    # No pre-ping (a round trip per checkout): a connection found broken invalidates the whole pool, so after a
    # database restart one request answers SERVICE_UNAVAILABLE and the next ones reconnect.
    kwargs.setdefault("pool_timeout", 5)
    kwargs.setdefault("connect_args", {"timeout": 5, "command_timeout": 30})
    return create_async_engine(url, pool_size=pool_size, **kwargs)
