"""Alembic environment: async engine on DATABASE_URL (or the URL a caller put in the config)."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from models import Base
from models.autogenerate import compared_by_autogenerate
from models.base import MIGRATIONS_LOCK, create_engine
from settings import Settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _url() -> str:
    return config.attributes.get("database_url") or Settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    # Batch mode lets later migrations alter tables on SQLite, which has no ALTER COLUMN. PostgreSQL's inbox table
    # is partitioned, unlike the mapping (migration 0005): autogenerate leaves its partitions and indexes alone.
    postgresql = connection.dialect.name == "postgresql"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=compared_by_autogenerate if postgresql else None,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    url = _url()
    # No statement deadline (the service's engines have one): a migration, or the wait for another, may take long.
    engine = create_engine(url, pool_size=1, **({} if url.startswith("sqlite") else {"connect_args": {"timeout": 5}}))
    try:
        async with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # Servers started together would each migrate at once and trip over each other's tables: each waits
                # for the one before, then finds nothing left to do. A session lock, held across the migrations'
                # transaction and released when the connection closes (engine.dispose below).
                await connection.execute(select(func.pg_advisory_lock(MIGRATIONS_LOCK)))
                await connection.commit()
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
