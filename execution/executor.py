"""How the schema's operations are executed: strawberry's graphql-core executor, with plain data completed in one pass.

Below the root fields, every object of this schema is plain data: its fields are attributes (strawberry's "basic"
fields, without resolver, permission or extension). graphql-core still gives each of them a field's whole
machinery (a path, a resolve-info object, argument handling, awaitable checks, the completion dispatch), which was
most of an inbox page's time: twenty notifications are about 130 fields (BENCHMARKS.md, *Plain data in one pass*).
`PlainDataExecutor` completes a plain object's selection directly instead: each field's value from its own
resolver, leaves through graphql-core's `complete_leaf_value`, lists and nested plain objects alike, with
graphql-core's own field collection (aliases, fragments, `@skip` and `@include`, `__typename`) and in its order.

Anything else, or anything unusual in the data (a null where the schema promises a value, a value a scalar
refuses, a list that is not a list), hands the object back to graphql-core, which executes it again from the start
and reports it as it always does. The fast pass only reads attributes, so doing it twice changes nothing but the
time taken.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from weakref import WeakMethod

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfoHelpers,
    GraphQLScalarType,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from graphql.pyutils import is_awaitable as default_is_awaitable
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

# Root fields of one query resolved at once. graphql-core resolves siblings concurrently and each takes a pooled
# database connection: thirty aliases of `unreadCount` would take most of the pool from everyone else.
ROOT_FIELDS_AT_ONCE = 2

# Returned by the fast pass for "let graphql-core do this object".
_GIVE_BACK: Any = object()
T = TypeVar("T")


def _weakly(method: Callable[..., T]) -> Callable[..., T]:
    """`method`, without keeping its object alive."""
    reference = WeakMethod(method)

    def call(*args: Any, **kwargs: Any) -> T:
        bound = reference()
        if bound is None:
            raise RuntimeError("the execution this belongs to is over")
        return bound(*args, **kwargs)

    return call


class PlainDataExecutor(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_awaitable is default_is_awaitable:
            # strawberry's faster check, which its own path passes to `execute`, for every caller that does not.
            self.is_awaitable = optimized_is_awaitable  # type: ignore[assignment]  # typed `bool`, not as a guard
        # graphql-core keeps two of the executor's bound methods on it, for resolvers' `info`: a reference cycle that
        # left every request's executor, context, variables and field tables to the garbage collector, whose pauses
        # were the requests' tail (BENCHMARKS.md, *Plain data in one pass*). Held weakly, all of it goes when the
        # request ends; the executor outlives every resolver of its execution.
        helpers = self.async_helpers
        self.async_helpers = GraphQLResolveInfoHelpers(gather=_weakly(helpers.gather), track=_weakly(helpers.track))
        self._root_turns: asyncio.Semaphore | None = None

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        if path is None and len(grouped_field_set) > ROOT_FIELDS_AT_ONCE:
            self._root_turns = asyncio.Semaphore(ROOT_FIELDS_AT_ONCE)
        # Not with field middleware (schema extensions' `resolve` hooks see every field) or incremental delivery.
        middleware = self.middleware_manager
        if (middleware is None or not middleware.middlewares) and position_context is None and _is_plain(parent_type):
            completed = self._plain_object(parent_type, source_value, grouped_field_set)
            if completed is not _GIVE_BACK:
                return completed
        return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        result = super().execute_field(parent_type, source, field_details_list, path, position_context)
        if self._root_turns is not None and path.prev is None and self.is_awaitable(result):
            return self._in_turn(self._root_turns, result)
        return result

    @staticmethod
    async def _in_turn(turns: asyncio.Semaphore, result: Awaitable[Any]) -> Any:
        async with turns:
            return await result

    def _plain_object(self, object_type: GraphQLObjectType, source: Any, fields: GroupedFieldSet) -> Any:
        results: dict[str, Any] = {}
        for response_name, details in fields.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                results[response_name] = object_type.name
                continue
            field = object_type.fields.get(name)
            if field is None or node.arguments:
                return _GIVE_BACK
            try:
                value = field.resolve(source, None)  # a basic field's resolver ignores info
            except Exception:
                return _GIVE_BACK
            completed = self._plain_value(field.type, details, value)
            if completed is _GIVE_BACK:
                return _GIVE_BACK
            results[response_name] = completed
        return results

    def _plain_value(self, return_type: GraphQLOutputType, details: FieldDetailsList, value: Any) -> Any:
        """`complete_value` for the cases that need no more than the value; `_GIVE_BACK` for any other."""
        if isinstance(value, Exception):
            return _GIVE_BACK  # graphql-core raises it as the field's error
        if isinstance(return_type, GraphQLNonNull):
            if value is None or value is Undefined:
                return _GIVE_BACK
            return_type = return_type.of_type
        elif value is None or value is Undefined:
            return None
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            try:
                return self.complete_leaf_value(return_type, value)
            except Exception:
                return _GIVE_BACK
        if isinstance(return_type, GraphQLList):
            if not isinstance(value, list | tuple):
                return _GIVE_BACK  # other iterables, async ones included, and what is not a list at all
            items = []
            for item in value:
                completed = self._plain_value(return_type.of_type, details, item)
                if completed is _GIVE_BACK:
                    return _GIVE_BACK
                items.append(completed)
            return items
        if isinstance(return_type, GraphQLObjectType) and return_type.is_type_of is None and _is_plain(return_type):
            fields, defer_usages, _ = self.collect_subfields(return_type, details)
            if defer_usages:
                return _GIVE_BACK
            return self._plain_object(return_type, value, fields)
        return _GIVE_BACK  # interfaces and unions, and objects with resolvers of their own


# Whether every field of an object type is a basic field. Keyed by the type object: a schema's types live as long as
# the schema, and there are a few dozen.
_PLAIN: dict[GraphQLObjectType, bool] = {}


def _is_plain(object_type: GraphQLObjectType) -> bool:
    plain = _PLAIN.get(object_type)
    if plain is None:
        plain = _PLAIN[object_type] = all(_is_basic(field) for field in object_type.fields.values())
    return plain


def _is_basic(field: GraphQLField) -> bool:
    """A strawberry field read straight from its attribute: no resolver, permission or extension. (strawberry marks
    its attribute-reading resolvers `_is_default`, also for fields with permissions, so both are asked.)"""
    definition = field.extensions.get("strawberry-definition")
    return bool(
        getattr(field.resolve, "_is_default", False)
        and isinstance(definition, StrawberryField)
        and definition.is_basic_field
    )
