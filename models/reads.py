"""Reads asked for on every request, built once and, on PostgreSQL, run on asyncpg's own connection.

The badge's count and the inbox page are one short SELECT each, yet SQLAlchemy's execution of one (session,
connection, execution context, events, result) costs several times what asyncpg itself spends (BENCHMARKS.md,
*Reads on asyncpg*). A `Read` is a Core SELECT compiled once per dialect. Given a `Reader` on PostgreSQL, it
runs the compiled SQL with asyncpg on a connection of the engine's own pool, converting parameters and columns
with their SQLAlchemy types as SQLAlchemy would (the driver's JSON codecs are SQLAlchemy's), and deals with a
broken connection as SQLAlchemy would. Given a session or a connection (inside a transaction), or on SQLite, it is
an ordinary `execute` of the same statement.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import Select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.pool import PoolProxiedConnection

_Convert = Callable[[Any], Any] | None
_GIVEN: Any = object()


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the parameters, in the order of $1, $2, ...
    values: tuple[Any, ...]  # their values in the statement itself (literals), or _GIVEN: the caller's to give
    binds: tuple[_Convert, ...]
    columns: tuple[_Convert, ...]


class Read:
    """A SELECT whose values are bind parameters, run as often as requests come. One with parameters whose SQL
    changes with their values (an IN list, `literal_execute`) runs through SQLAlchemy everywhere."""

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        self.statement = statement
        # Compiled for the one dialect that runs it directly, PostgreSQL with asyncpg; None: not compiled yet.
        self._compiled: _Compiled | None = None
        # Parameters whose SQL changes with their value (IN lists, literal_execute) are left to SQLAlchemy.
        self._direct_ok = not any(b.expanding or b.literal_execute for b in statement.compile().binds.values())

    async def rows(self, bind: Bind, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        if isinstance(bind, Reader):
            if self._direct_ok and bind.engine.dialect.name == "postgresql":
                compiled = self._compiled or self._compile(bind.engine.dialect)
                if compiled is not None:
                    return await self._direct(bind, compiled, params)
            async with bind.engine.connect() as connection:
                return await self.rows(connection, params)
        return [tuple(row) for row in await bind.execute(self.statement, params)]

    async def first(self, bind: Bind, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        found = await self.rows(bind, params)
        return found[0] if found else None

    async def _direct(self, reader: Reader, compiled: _Compiled, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        values = []
        for name, value, convert in zip(compiled.names, compiled.values, compiled.binds, strict=True):
            value = params[name] if value is _GIVEN or name in params else value
            values.append(value if convert is None else convert(value))
        raw = await reader.checkout()
        try:
            driver: asyncpg.Connection = raw.driver_connection
            records = await driver.fetch(compiled.sql, *values)
        except BaseException as error:
            if _lost(driver, error):
                reader.lost(raw, error)
                if isinstance(error, Exception):
                    raise sa_exc.DisconnectionError(str(error)) from error
            elif isinstance(error, asyncpg.PostgresError | asyncpg.InterfaceError):
                # The server refused the statement, or the driver refused a value before sending it: the connection
                # is as it was.
                reader.checkin(raw)
            else:
                # Cancelled or timed out mid-statement: not handed to the next request.
                reader.discard(raw)
            raise
        reader.checkin(raw)
        converters = [(i, convert) for i, convert in enumerate(compiled.columns) if convert is not None]
        if not converters:
            return [tuple(record) for record in records]
        rows = []
        for record in records:
            row = list(record)
            for i, convert in converters:
                row[i] = convert(row[i])
            rows.append(tuple(row))
        return rows

    def _compile(self, dialect: Dialect) -> _Compiled | None:
        """The statement for asyncpg, or None (and SQLAlchemy runs it from now on) if a column's type needs the
        driver's description of the result to convert it (Numeric, for one)."""
        compiled = self.statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ())
        binds = [compiled.binds[name] for name in names]
        try:
            columns = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in self.statement.selected_columns
            )
        except TypeError:
            self._direct_ok = False
            return None
        self._compiled = _Compiled(
            sql=str(compiled),
            names=names,
            values=tuple(_GIVEN if bind.required else bind.effective_value for bind in binds),
            binds=tuple(bind.type.dialect_impl(dialect).bind_processor(dialect) for bind in binds),
            columns=columns,
        )
        return self._compiled


class Reader:
    """Where `Read`s run on their own, outside any transaction: on PostgreSQL, connections of the engine's pool,
    checked out for one read each, so that requests waiting on the pool get them in turn (BENCHMARKS.md, *Reads on
    asyncpg*)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._closing: set[asyncio.Task[None]] = set()

    async def checkout(self) -> PoolProxiedConnection:
        return await self.engine.raw_connection()

    def checkin(self, raw: PoolProxiedConnection) -> None:
        raw.close()

    def lost(self, raw: PoolProxiedConnection, error: BaseException) -> None:
        """`raw` was found disconnected. As SQLAlchemy does on a disconnect, every connection opened before it is
        replaced at its next checkout, so after a database restart one read fails rather than one per pooled
        connection."""
        self.engine.sync_engine.pool._invalidate(raw, error)
        raw.close()

    def discard(self, raw: PoolProxiedConnection) -> None:
        """Close a connection whose statement was cancelled or timed out, in the background: asyncpg's graceful
        close first has the server cancel the statement, which would otherwise run on to its end (terminating the
        connection at once drops that request). The pool opens a new connection in its place."""
        task = asyncio.get_running_loop().create_task(_close(raw))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def settle(self) -> None:
        """Wait for the connections being closed in the background (`discard`) to be closed and back in the pool."""
        await asyncio.gather(*self._closing, return_exceptions=True)


async def _close(raw: PoolProxiedConnection) -> None:
    try:
        driver: asyncpg.Connection | None = raw.driver_connection
        if driver is not None:
            with suppress(Exception):
                await driver.close(timeout=5)
    finally:
        raw.invalidate()  # already closed: only the pool's record of it goes, replaced at its next checkout
        raw.close()


def _lost(driver: asyncpg.Connection, error: BaseException) -> bool:
    """Whether `error` means the connection is gone: closed under the statement; the session ended by the server
    (class 08 or 57P, possibly before the driver has seen the socket close); or the driver stuck consuming the end
    of a session it has not noticed (InternalClientError)."""
    if driver.is_closed() or isinstance(error, asyncpg.InternalClientError | asyncpg.ConnectionDoesNotExistError):
        return True
    state = getattr(error, "sqlstate", None) or ""
    return isinstance(error, asyncpg.PostgresError) and state.startswith(("08", "57P"))


# Where a read may run: a reader (a connection of its own, in autocommit) or an open session or connection.
Bind = Reader | AsyncSession | AsyncConnection
