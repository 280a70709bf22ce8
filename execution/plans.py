"""Live subscriptions without a GraphQL execution per subscriber.

strawberry executes a subscription's selection for every event and every subscriber: a send to a tenant of
10,000 connected users costs 10,000 executions and 10,000 JSON encodings of one and the same result. Clients
send the same few documents (a bell sends two), so here a document is parsed and validated once (`plans`, with
`execution.documents`), its selection executed once per event and document, and the resulting text shared by every
subscriber (`Renderer`, `Rendering`).

Only documents made of one of the two live fields take this path; anything else, and anything invalid, goes
through strawberry unchanged (which also reports the errors). Authorization is the same: the streams come from
`resolvers.subscriptions`, which require the connection's principal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from inspect import isawaitable
from typing import Any, TypeVar

import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    execute,
    visit,
)
from graphql.execution.values import get_argument_values, get_variable_values

from execution.documents import Cache, Prepared, Recent, prepare
from schema.errors import with_code

T = TypeVar("T")

LIVE_FIELDS = frozenset({"notificationAdded", "unreadCountChanged"})


@dataclass(frozen=True)
class Plan:
    """A valid subscription document of one live field, ready to run."""

    key: tuple[str, str | None]
    document: DocumentNode
    operation: OperationDefinitionNode
    field: FieldNode
    # The variables the selection itself uses (in directives): the only ones its result can depend on. The field's
    # own arguments (each client's `after` cursor) only matter when the stream starts.
    selection_variables: frozenset[str]
    size: int  # the bytes it holds, about

    @property
    def field_name(self) -> str:
        return self.field.name.value

    def arguments(self, schema: GraphQLSchema, variables: dict[str, Any] | None) -> dict[str, Any] | None:
        """The field's arguments with the client's variables coerced, or None if they do not fit (strawberry
        then reports why)."""
        coerced = get_variable_values(schema, self.operation.variable_definitions or (), variables or {})
        if isinstance(coerced, list):
            return None
        assert schema.subscription_type is not None
        definition = schema.subscription_type.fields[self.field_name]
        return {"variables": coerced, **get_argument_values(definition, self.field, coerced)}


def plans(schema: GraphQLSchema, budget: int) -> Cache[Plan]:
    """Plans by (text, operation name), within `budget` bytes: validation runs once per distinct document."""
    return Cache(partial(_plan, schema), budget)


def _plan(schema: GraphQLSchema, query: str, operation_name: str | None) -> Plan | None:
    prepared = prepare(schema, query, operation_name)
    if not isinstance(prepared, Prepared):
        return None  # strawberry's path reports what is wrong with it
    operation = prepared.operation
    selections = operation.selection_set.selections
    if operation.operation != OperationType.SUBSCRIPTION or len(selections) != 1:
        return None
    field = selections[0]
    if not isinstance(field, FieldNode) or field.name.value not in LIVE_FIELDS or field.directives:
        return None
    used: set[str] = set()
    if field.selection_set is not None:
        visit(field.selection_set, _VariableNames(used))
    return Plan((query, operation_name), prepared.document, operation, field, frozenset(used), prepared.size)


class _VariableNames(Visitor):
    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.names.add(node.name.value)


class Renderer:
    """The renderings of the plans in use (`rendering`), each shared by every subscription that renders the same."""

    def __init__(self, schema: GraphQLSchema, budget: int = 16 * 1024 * 1024, events: int = 16) -> None:
        self._schema = schema
        self._events = events
        # Within `budget` bytes of the plans they hold. A rendering dropped here stays whole for the subscriptions
        # that use it.
        self._renderings: Recent[Hashable, Rendering] = Recent(budget)

    def rendering(self, plan: Plan, variables: dict[str, Any]) -> Rendering:
        """How `plan` renders under `variables`. Subscriptions keep theirs: each event then costs each of them one
        lookup in a small table, not a key built and hashed from the plan, the variables and the event."""
        used = ""
        if plan.selection_variables:  # rare (directives on fields): most documents share one rendering per event
            chosen = {name: variables.get(name) for name in plan.selection_variables}
            used = json.dumps(chosen, sort_keys=True, default=str)
        key = (plan.key, used)
        _, rendering = self._renderings.find(key)
        if rendering is None:
            rendering = Rendering(self._schema, plan, variables, self._events)
            self._renderings.keep(key, rendering, plan.size + len(used))
        return rendering


class Rendering:
    """The `next` payloads of one plan under one choice of the variables its selection uses: each event's is computed
    once and shared by every subscriber. The last `size` events' are kept: enough for a burst on its way, and
    little for each subscription whose document no other shares (it keeps its rendering)."""

    __slots__ = ("_payloads", "_plan", "_schema", "_size", "_variables")

    def __init__(self, schema: GraphQLSchema, plan: Plan, variables: dict[str, Any], size: int) -> None:
        self._schema = schema
        self._plan = plan
        # Any subscription's variables render the same: they agree on the ones the selection uses.
        self._variables = variables
        self._size = size
        self._payloads: dict[Hashable, bytes] = {}

    def payload(self, event: Hashable, root: Callable[[T], object], value: T) -> bytes:
        """The payload for the event `event` as UTF-8 JSON text; `root(value)` is the root value, made only when the
        event was not rendered yet."""
        text = self._payloads.get(event)
        if text is None:
            text = self._payloads[event] = self._render(root(value))
            if len(self._payloads) > self._size:
                del self._payloads[next(iter(self._payloads))]  # the oldest
        return text

    def _render(self, root: object) -> bytes:
        result = execute(self._schema, self._plan.document, root_value=root, variable_values=self._variables)
        if isawaitable(result):  # no live field resolves asynchronously; refuse rather than block
            raise RuntimeError("a live subscription's selection must resolve synchronously")
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [with_code(error).formatted for error in result.errors]
        return orjson.dumps(body)
