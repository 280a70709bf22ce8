"""What the fast paths assume of the app and of the libraries' internals, checked once at start-up.

Each fast path (README, Architecture) skips a hook that strawberry, Starlette or a library still offers, or
relies on one of their private internals. A change that breaks such an assumption would not fail: a schema
extension or a permission would silently not run, a middleware would silently not apply, a library would silently
take its slow path. So the server refuses to start instead, with one line naming what changed.

- extensions: the prepared POST path (`transport.endpoint`, `execution.documents`) runs none of the schema's
  extensions, only what it does in their stead: codes (`with_code`), the limit rules, the token limit, its own
  document cache, and the introspection switch (`introspects`).
- middleware: `app.NotificationService` takes /graphql past Starlette's middleware stack, behind `LimitedBodies`
  only (and CORS, which it applies itself).
- live fields: `execution.plans` and `transport.websocket` run `notificationAdded` and `unreadCountChanged`
  without strawberry's field extensions; the streams require the connection's principal, which is `Authenticated`.
- library versions: those in pyproject.toml's ranges (what the test suite ran on; `.ci/upstream` tries the newest),
  and the private names used still there.
"""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from broadcaster import Broadcast
from broadcaster._backends.memory import MemoryBackend
from broadcaster._base import Subscriber
from packaging.requirements import Requirement
from sqlalchemy.pool import AsyncAdaptedQueuePool, Pool, QueuePool
from starlette.applications import Starlette
from strawberry import Schema
from strawberry.extensions import MaxTokensLimiter
from strawberry.permission import PermissionExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.types.field import StrawberryField
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from execution.documents import Validated
from execution.plans import LIVE_FIELDS
from resolvers.permissions import Authenticated
from schema.errors import ErrorCodes
from schema.introspection import Introspection
from schema.root import Limits
from transport.body_limit import LimitedBodies

PYPROJECT = Path(__file__).absolute().parent / "pyproject.toml"
# The libraries whose internals the fast paths use (the modules that use them: `.ci/upstream`).
CHECKED_VERSIONS = ("uvicorn", "strawberry-graphql", "graphql-core", "sqlalchemy", "redis", "broadcaster")

FAST_PATH_EXTENSIONS = frozenset({ErrorCodes, Limits, Introspection, MaxTokensLimiter, Validated})
FAST_PATH_MIDDLEWARE = (LimitedBodies,)
LIVE_FIELD_PERMISSIONS = (Authenticated,)


class BrokenAssumption(RuntimeError):
    """Something a fast path relies on no longer holds: the server must not start."""


def check(app: Starlette, schema: Schema, *, untested_versions: bool = False) -> None:
    """Raise `BrokenAssumption` naming every assumption that no longer holds. `untested_versions` lets library
    versions outside the tested ranges start (to try new releases); their internals are still checked."""
    broken = [
        *_extensions(schema),
        *_middleware(app),
        *_live_fields(schema),
        *_internals(schema),
        *([] if untested_versions else _versions(PYPROJECT)),
    ]
    if broken:
        raise BrokenAssumption("; ".join(broken))


def _names(kinds: Iterable[Any]) -> str:
    return ", ".join(sorted(getattr(kind, "__name__", repr(kind)) for kind in kinds))


def _extensions(schema: Schema) -> list[str]:
    found = {type(extension) for extension in schema.get_extensions()}
    added, gone = found - FAST_PATH_EXTENSIONS, FAST_PATH_EXTENSIONS - found
    if not added and not gone:
        return []
    change = ", ".join(
        part for part in (added and f"added {_names(added)}", gone and f"removed {_names(gone)}") if part
    )
    return [
        f"the schema's extensions changed ({change}), and the prepared POST path (transport/endpoint.py) runs none "
        "of them: make it do their work, then update assumptions.FAST_PATH_EXTENSIONS"
    ]


def _middleware(app: Starlette) -> list[str]:
    found: tuple[Any, ...] = tuple(middleware.cls for middleware in app.user_middleware)
    if found == FAST_PATH_MIDDLEWARE:
        return []
    return [
        f"the app's middleware is {_names(found)} (expected {_names(FAST_PATH_MIDDLEWARE)}), and requests to "
        "/graphql go past Starlette's middleware (app.NotificationService): apply it there too, then update "
        "assumptions.FAST_PATH_MIDDLEWARE"
    ]


def _live_fields(schema: Schema) -> list[str]:
    subscription = schema._schema.subscription_type
    broken = []
    for name in sorted(LIVE_FIELDS):
        field = subscription.fields.get(name) if subscription is not None else None
        definition = field.extensions.get("strawberry-definition") if field is not None else None
        if not isinstance(definition, StrawberryField):
            broken.append(f"the live field `{name}` is not in the schema's subscriptions (execution/plans.py)")
            continue
        permissions = tuple(definition.permission_classes)
        others = [type(e) for e in definition.extensions if not isinstance(e, PermissionExtension)]
        if permissions != LIVE_FIELD_PERMISSIONS or others:
            broken.append(
                f"the live field `{name}` has permissions {_names(permissions) or 'none'} and field extensions "
                f"{_names(others) or 'none'}, and its fast path (transport/websocket.py) enforces only "
                f"{_names(LIVE_FIELD_PERMISSIONS)}: make it enforce them, then update "
                "assumptions.LIVE_FIELD_PERMISSIONS"
            )
    return broken


def _sets(function: Callable[..., Any], *names: str) -> list[str]:
    """The attributes among `names` that `function` no longer reads or sets."""
    used = set(function.__code__.co_names)
    return [name for name in names if name not in used]


def _parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _internals(schema: Schema) -> list[str]:
    """Each private name in use, with where it is used, still there."""
    missing: list[str] = []

    def need(present: bool, what: str, user: str) -> None:
        if not present:
            missing.append(f"{what} (used by {user})")

    protocol = WebSocketsSansIOProtocol
    for method in ("handle_connect", "handle_text", "send", "connection_lost"):
        need(
            hasattr(protocol, method),
            f"uvicorn's WebSocketsSansIOProtocol.{method}",
            "transport/ws_protocol.py",
        )
    for name in _sets(
        protocol.__init__, "queue", "writable", "conn", "handshake_complete", "close_sent", "disconnected"
    ):
        need(False, f"uvicorn's WebSocketsSansIOProtocol.{name}", "transport/ws_protocol.py")
    for name in _sets(protocol.handle_connect, "request", "response"):
        need(False, f"uvicorn's WebSocketsSansIOProtocol.{name}", "transport/ws_protocol.py")

    # Hooks of strawberry's graphql-transport-ws handler that transport/websocket.py overrides: renamed, a finished
    # operation would keep its cancellation's frames, and a client's close would be logged as an error again.
    for method in ("_task_done", "handle_task_exception"):
        need(
            hasattr(BaseGraphQLTransportWSHandler, method),
            f"strawberry's BaseGraphQLTransportWSHandler.{method}",
            "transport/websocket.py",
        )

    expected = {
        "execute_fields": ["self", "parent_type", "source_value", "path", "grouped_field_set", "position_context"],
        "execute_field": ["self", "parent_type", "source", "field_details_list", "path", "position_context"],
    }
    executor = StrawberryGraphQLCoreExecutionContext  # what execution.executor.PlainDataExecutor extends
    for method, parameters in expected.items():
        found = _parameters(getattr(executor, method)) if hasattr(executor, method) else []
        need(
            found == parameters,
            f"graphql-core's execution context's {method}({', '.join(parameters[1:])})",
            "execution/executor.py",
        )
    for method in ("collect_subfields", "complete_leaf_value"):
        need(hasattr(executor, method), f"graphql-core's execution context's {method}", "execution/executor.py")

    # A field read from its attribute, as every field below the root is (execution/executor.py's fast completion).
    notification = schema._schema.type_map.get("Notification")
    title = getattr(notification, "fields", {}).get("title")
    need(
        getattr(getattr(title, "resolve", None), "_is_default", False),
        "strawberry's `_is_default`",
        "execution/executor.py",
    )

    need(hasattr(AsyncAdaptedQueuePool, "_queue_class"), "SQLAlchemy's QueuePool._queue_class", "models/pool.py")
    need(
        not _sets(QueuePool.__init__, "_queue_class"),
        "SQLAlchemy's QueuePool building its queue from _queue_class",
        "models/pool.py",
    )
    need(hasattr(Pool, "_invalidate"), "SQLAlchemy's Pool._invalidate", "models/reads.py")

    # pubsub/channels.py bounds the queue of each broadcaster subscription: it registers the queue where
    # broadcaster's listener looks for it, which puts into it with `put`.
    for name in _sets(Broadcast._listener, "_backend", "_subscribers", "put"):
        need(False, f"`{name}` in broadcaster's Broadcast._listener", "pubsub/channels.py")
    need(_parameters(Subscriber.__init__) == ["self", "queue"], "broadcaster's Subscriber(queue)", "pubsub/channels.py")
    for name in _sets(MemoryBackend.next_published, "_published"):
        need(False, f"broadcaster's MemoryBackend.{name}", "pubsub/channels.py")

    if not missing:
        return []
    return [f"private internals the fast paths use are gone: {', '.join(missing)}"]


def _versions(pyproject: Path) -> list[str]:
    """The checked libraries installed outside the ranges pyproject.toml declares."""
    if not pyproject.exists():  # not run from the project's directory: nothing to compare with
        return []
    declared = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    ranges = {requirement.name.lower(): requirement.specifier for requirement in map(Requirement, declared)}
    outside = []
    for name in CHECKED_VERSIONS:
        specifier = ranges.get(name)
        try:
            installed = version(name)
        except PackageNotFoundError:
            outside.append(f"{name} is not installed")
            continue
        if specifier is None:
            outside.append(f"{name} has no tested range in pyproject.toml")
        elif not specifier.contains(installed, prereleases=True):
            outside.append(f"{name} {installed} is not in the tested range {specifier}")
    if not outside:
        return []
    return [
        f"{'; '.join(outside)} (try new releases with .ci/upstream; ALLOW_UNTESTED_DEPENDENCIES=true starts anyway)"
    ]
