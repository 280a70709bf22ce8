"""Real PostgreSQL, real Redis, real servers: a fresh database per test run, dropped afterwards."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis

import cli
from services.runtime import Runtime, open_runtime
from settings import Settings
from tests import browser
from tests.support import (
    FORKS,
    IN_PROCESS,
    JWT_SECRET,
    PG_ADMIN_URL,
    REDIS_URL,
    TEST_POOL_SIZE,
    GraphQLClient,
    PostgresServer,
    RedisServer,
    Server,
    database_named,
    in_process,
    own_collector,
    start_server,
)

# Tests that use one of these are `slow` wherever they are: each starts a process or a browser of its own.
SLOW_FIXTURES = frozenset({"postgres_server", "redis_server", "chromium"})


# Before pytest-xdist's own hook, which reads the `xdist_group` marks added here (`--dist loadgroup`).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if shares_a_module_fixture(item) and item.get_closest_marker("xdist_group") is None:
            # pytest-xdist (`--dist loadgroup`) runs a group on one worker: the fixture is set up once, not per worker.
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
    if hasattr(config, "workerinput"):
        # A pytest-xdist worker: the slow tests first, so that the run does not end waiting for one of them.
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under `--dist loadgroup`, a grouped test must carry its group in its node id (where pytest-xdist 3.8 puts it),
    or the scheduler spreads the group over workers and its module fixture is set up on each: refuse to run."""
    if not (hasattr(session.config, "workerinput") and session.config.getvalue("loadgroup")):
        return
    for item in session.items:
        if item.get_closest_marker("xdist_group") is not None and "@" not in item.nodeid:
            pytest.exit("pytest-xdist no longer groups tests (`xdist_group`) with this pytest: see pyproject.toml.", 3)


def shares_a_module_fixture(item: pytest.Item) -> bool:
    """Whether the test uses a fixture of module or class scope (a server, a cluster, a benchmark run)."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(d.scope in ("module", "class") for defs in definitions for d in defs)


def _require_services() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.exit(f"Redis is not reachable at {REDIS_URL}: {error}. Start it (see README, Testing).", returncode=3)

    async def ping() -> None:
        connection = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        await connection.close()

    try:
        asyncio.run(ping())
    except (OSError, asyncpg.PostgresError) as error:
        pytest.exit(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {error}. Start it (see README).", returncode=3)


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _migrate(url: str) -> None:
    """The project's migrations on `url`, in this process: in a thread, as they run an event loop of their own and
    a fixture may be called inside one."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(cli.migrate, url).result()


_template: list[str] = []  # the session's migrated template database, once made
_sqlite_template: list[Path] = []  # and its migrated SQLite file


def _migrated_template() -> str:
    """A database migrated once per session (per xdist worker), which `migrated_database()` copies: a copy takes a
    fraction of the time the migrations take. Dropped at the session's end (`pytest_sessionfinish`)."""
    if not _template:
        _require_services()
        name = f"notifications_test_template_{uuid.uuid4().hex[:8]}"
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
        _template.append(name)
        _migrate(database_named(name))
    return _template[0]


async def _copy(template: str, name: str) -> None:
    # The migrations' backend may still be exiting after its client closed: PostgreSQL refuses a template in use.
    for attempt in range(50):
        try:
            await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        except asyncpg.ObjectInUseError:
            if attempt == 49:
                raise
            await asyncio.sleep(0.1)


def pytest_sessionfinish(session: pytest.Session) -> None:
    FORKS.stop()
    for name in _template:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    _template.clear()
    for path in _sqlite_template:
        shutil.rmtree(path.parent, ignore_errors=True)
    _sqlite_template.clear()


def migrated_sqlite(directory: Path) -> str:
    """The URL of an embedded database in `directory`, migrated: a copy of a SQLite file migrated once per session
    (per xdist worker), made with SQLite's backup API, which copies what a file copy could miss of a WAL."""
    if not _sqlite_template:
        template = Path(tempfile.mkdtemp(prefix="notifications-sqlite-")) / "template.db"
        _migrate(f"sqlite+aiosqlite:///{template}")
        _sqlite_template.append(template)
    path = directory / "notifications.db"
    with closing(sqlite3.connect(_sqlite_template[0])) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return f"sqlite+aiosqlite:///{path}"


@contextmanager
def migrated_database() -> Iterator[str]:
    """A database of its own on the tests' PostgreSQL, migrated with the project's migrations (a copy of the
    session's migrated template), dropped at the end."""
    template = _migrated_template()
    name = f"notifications_test_{uuid.uuid4().hex[:8]}"
    asyncio.run(_copy(template, name))
    try:
        yield database_named(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """The database of this run, shared by every test that does not need one of its own."""
    with migrated_database() as url:
        yield url


@pytest.fixture
def other_database_url() -> Iterator[str]:
    """A second database, as another deployment would have: for tests of what deployments must not share."""
    with migrated_database() as url:
        yield url


@pytest.fixture(scope="session")
def server_env(database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "BROADCAST_URL": REDIS_URL, "JWT_SECRET": JWT_SECRET}


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def server(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    """The service on PostgreSQL and Redis, shared by the tests that do not need one of their own."""
    running = start_server(server_env, logs_dir)
    yield running
    running.stop()


@pytest.fixture(scope="session")
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def api(server: Server, http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(server.url, http)


@pytest.fixture(scope="session")
async def app_api(database_url: str) -> AsyncIterator[GraphQLClient]:
    """The service in this process, on the same database and Redis as `server` (so its sends reach `server`'s
    subscribers), called through httpx's ASGI transport: for request-level tests, which need no socket."""
    settings = Settings(
        database_url=database_url,
        broadcast_url=REDIS_URL,
        jwt_secret=JWT_SECRET,
        database_pool_size=int(TEST_POOL_SIZE),
        retention_interval_seconds=0,  # open for the whole run: no purge of the shared database under other tests
    )
    async with in_process(settings) as http:
        yield GraphQLClient(f"{IN_PROCESS}/graphql", http)


@pytest.fixture(scope="session")
async def runtime(database_url: str) -> AsyncIterator[Runtime]:
    """The Python API, in this process, on the same database and Redis as `server`."""
    settings = Settings(
        database_url=database_url,
        broadcast_url=REDIS_URL,
        jwt_secret=JWT_SECRET,
        database_pool_size=int(TEST_POOL_SIZE),
    )
    async with open_runtime(settings) as opened:
        yield opened


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A throwaway redis-server for fault tests; the shared one is never disturbed."""
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.kill()


@contextmanager
def throwaway_postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster, migrated; the shared one is never disturbed."""
    # Not under pytest's tmp_path: that is private to root, and the cluster runs as `postgres`.
    directory = Path(tempfile.mkdtemp(prefix="notifications-pg-"))
    directory.chmod(0o755)  # mkdtemp makes it private to root
    server = PostgresServer(directory / "cluster")
    try:
        server.init()
        server.start()
        _migrate(server.url)
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster of the test's own, for fault tests."""
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def module_postgres_server() -> Iterator[PostgresServer]:
    """One throwaway cluster for the tests of a module that stop it and start it again, each on tenants of its own:
    initdb and the migrations run once, not per test. Give tests it as `postgres_server` after `restore()`."""
    with throwaway_postgres() as server:
        yield server


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """Headless Chromium that reaches only this machine's servers (tests.browser); yields its DevTools port."""
    with browser.chromium(tmp_path) as port:
        yield port


@pytest.fixture
def collector() -> Iterator[None]:
    """For tests that start the app in this process: the collector is the test process's own again afterwards."""
    with own_collector():
        yield
