"""Start-up refuses a change the fast paths do not account for (`assumptions`): each assumption altered in turn, the
app started in-process as a server starts it, and the one line that names what changed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from broadcaster import Broadcast
from sqlalchemy.pool import Pool
from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from strawberry.extensions import MaskErrors
from strawberry.permission import BasePermission
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

import assumptions
from main import create_app
from resolvers import subscriptions
from resolvers.permissions import Authenticated, Sender
from schema.root import _build
from settings import Settings
from tests.support import JWT_SECRET, ROOT, server_environment, token, unique


def settings(database_url: str, **overrides: Any) -> Settings:
    return Settings(database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET, **overrides)


pytestmark = pytest.mark.usefixtures("collector")


@asynccontextmanager
async def started(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service") as client,
    ):
        yield client


async def refused(app: Starlette) -> str:
    with pytest.raises(assumptions.BrokenAssumption) as raised:
        async with started(app):
            pass
    message = str(raised.value)
    assert "\n" not in message, message
    return message


async def test_the_app_as_built_starts_and_answers(database_url: str) -> None:
    async with started(create_app(settings(database_url))) as client:
        response = await client.post("/graphql", json={"query": "{ unreadCount }"}, headers=auth())
        assert response.json() == {"data": {"unreadCount": 0}}


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {token(unique('u'), unique('t'))}"}


async def test_an_extension_the_fast_path_does_not_run_refuses_start_up(database_url: str) -> None:
    masked = _build(extensions=[MaskErrors])
    message = await refused(create_app(settings(database_url), served=masked))
    assert "the schema's extensions changed (added MaskErrors)" in message, message
    assert "transport/endpoint.py" in message


async def test_a_middleware_that_graphql_requests_would_skip_refuses_start_up(database_url: str) -> None:
    app = create_app(settings(database_url))
    app.add_middleware(GZipMiddleware)
    message = await refused(app)
    assert "the app's middleware is GZipMiddleware, LimitedBodies" in message, message
    assert "app.NotificationService" in message


async def test_cors_applied_by_the_service_itself_starts(database_url: str) -> None:
    origin = "https://app.example.com"
    async with started(create_app(settings(database_url, cors_origins=origin))) as client:
        response = await client.post("/graphql", json={"query": "{ unreadCount }"}, headers=auth() | {"Origin": origin})
        assert response.headers["access-control-allow-origin"] == origin


class Anyone(BasePermission):
    def has_permission(self, *_: object, **__: object) -> bool:
        return True


@strawberry.type
class GuardedSubscription:
    notification_added = strawberry.subscription(
        resolver=subscriptions.notification_added, permission_classes=[Authenticated, Sender]
    )
    unread_count_changed = strawberry.subscription(
        resolver=subscriptions.unread_count_changed, permission_classes=[Authenticated]
    )


@strawberry.type
class OpenSubscription:
    notification_added = strawberry.subscription(
        resolver=subscriptions.notification_added, permission_classes=[Authenticated]
    )
    unread_count_changed = strawberry.subscription(
        resolver=subscriptions.unread_count_changed, permission_classes=[Anyone]
    )


@pytest.mark.parametrize(
    ("subscription", "expected"),
    [
        (GuardedSubscription, "the live field `notificationAdded` has permissions Authenticated, Sender"),
        (OpenSubscription, "the live field `unreadCountChanged` has permissions Anyone"),
    ],
    ids=["extra-permission", "other-permission"],
)
async def test_a_live_field_whose_permissions_the_fast_path_does_not_enforce_refuses_start_up(
    database_url: str, subscription: type, expected: str
) -> None:
    message = await refused(create_app(settings(database_url), served=_build(subscription=subscription)))
    assert expected in message, message
    assert "transport/websocket.py" in message


async def test_a_private_internal_gone_refuses_start_up(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(Pool, "_invalidate")
    monkeypatch.delattr(WebSocketsSansIOProtocol, "handle_text")
    monkeypatch.delattr(BaseGraphQLTransportWSHandler, "handle_task_exception")
    message = await refused(create_app(settings(database_url)))
    assert "SQLAlchemy's Pool._invalidate (used by models/reads.py)" in message, message
    assert "uvicorn's WebSocketsSansIOProtocol.handle_text (used by transport/ws_protocol.py)" in message
    assert "BaseGraphQLTransportWSHandler.handle_task_exception (used by transport/websocket.py)" in message


async def test_broadcaster_no_longer_feeding_the_queues_pubsub_bounds_refuses_start_up(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def listener(self: Broadcast) -> None:
        await self._backend.next_published()  # and no longer puts into the queues it finds in `_subscribers`

    monkeypatch.setattr(Broadcast, "_listener", listener)
    message = await refused(create_app(settings(database_url)))
    assert "`_subscribers` in broadcaster's Broadcast._listener (used by pubsub/channels.py)" in message, message
    assert "`put` in broadcaster's Broadcast._listener (used by pubsub/channels.py)" in message, message


def untested_pyproject(tmp_path: Path) -> Path:
    """pyproject.toml with a uvicorn range that the installed uvicorn is not in."""
    text = (ROOT / "pyproject.toml").read_text()
    lines = [line for line in text.splitlines() if '"uvicorn[standard]' not in line]
    at = lines.index("dependencies = [") + 1
    lines.insert(at, '    "uvicorn[standard]>=99",')
    path = tmp_path / "pyproject.toml"
    path.write_text("\n".join(lines))
    return path


async def test_a_library_outside_its_tested_range_refuses_start_up_unless_allowed(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(assumptions, "PYPROJECT", untested_pyproject(tmp_path))
    message = await refused(create_app(settings(database_url)))
    assert "uvicorn 0." in message and "is not in the tested range >=99" in message, message
    assert "ALLOW_UNTESTED_DEPENDENCIES" in message
    async with started(create_app(settings(database_url, allow_untested_dependencies=True))):
        pass


def test_the_installed_libraries_are_in_their_tested_ranges() -> None:
    assert assumptions._versions(assumptions.PYPROJECT) == []


@pytest.mark.slow  # a process of its own
def test_serve_says_what_changed_in_one_line(database_url: str, tmp_path: Path) -> None:
    # `python main.py serve`, with a pyproject.toml that no longer covers the installed uvicorn.
    run_serve = (
        "import sys, pathlib, assumptions, main; assumptions.PYPROJECT = pathlib.Path(sys.argv[1]); "
        "main.cli(['serve', '--port', '1'])"
    )
    env = server_environment({"DATABASE_URL": database_url, "JWT_SECRET": JWT_SECRET})
    result = subprocess.run(
        [sys.executable, "-c", run_serve, str(untested_pyproject(tmp_path))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("start-up refused: uvicorn 0."), result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
