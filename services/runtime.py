"""The long-lived resources of one process: the database engine, the broadcast, and the live inboxes.

Opened once (the ASGI lifespan, the CLI, or your own code through `open_runtime`) and closed at the end.
Each unit of work opens its own session from `sessions`: an AsyncSession is never shared between tasks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from models.base import create_engine
from pubsub import Channels, open_channels
from services.errors import Unavailable
from services.live import LiveInboxes
from settings import Settings


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    channels: Channels
    live: LiveInboxes
    jwt_secret: str
    # (tenant, external id) -> internal user id; users are never renumbered, so this never goes stale.
    user_ids: dict[tuple[str, str], int] = field(default_factory=dict)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits when the block ends, rolls back on error, and reports an unreachable
        database as `Unavailable` (retryable) rather than as an internal error."""
        try:
            async with self.sessions() as session, session.begin():
                yield session
        except (TimeoutError, sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, OSError) as e:
            raise Unavailable("The database is unavailable; try again shortly.") from e
        except sa_exc.DBAPIError as e:
            if e.connection_invalidated:
                raise Unavailable("The database connection was lost; try again shortly.") from e
            raise


@asynccontextmanager
async def open_runtime(settings: Settings | None = None) -> AsyncIterator[Runtime]:
    settings = settings or Settings()
    secret = settings.resolved_jwt_secret()
    engine = create_engine(settings.database_url)
    try:
        async with open_channels(settings.broadcast_url) as channels:
            sessions = async_sessionmaker(engine, expire_on_commit=False)
            yield Runtime(
                settings=settings,
                engine=engine,
                sessions=sessions,
                channels=channels,
                live=LiveInboxes(sessions, channels, settings.subscriber_buffer),
                jwt_secret=secret,
            )
    finally:
        await engine.dispose()
