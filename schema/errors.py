"""Every error a client sees carries `extensions.code` and a sentence a person understands; nothing else leaks.

Service errors keep their message and code. Errors from the request's shape (syntax, validation, limits,
variable coercion) become BAD_USER_INPUT. Anything unexpected is logged with its traceback here, once, and the
client gets INTERNAL_SERVER_ERROR with no detail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, get_operation_ast
from strawberry.extensions import SchemaExtension

from services.errors import ServiceError

log = logging.getLogger("notifications.graphql")


def with_code(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ServiceError):
        return _copy(error, original.message, original.code, original.extensions)
    if original is None or isinstance(original, GraphQLError):
        code = (error.extensions or {}).get("code") or "BAD_USER_INPUT"
        return _copy(error, error.message, str(code))
    log.error("unexpected error in %s", error.path, exc_info=original)
    return _copy(error, "Internal server error.", "INTERNAL_SERVER_ERROR")


def _copy(error: GraphQLError, message: str, code: str, extra: dict[str, Any] | None = None) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), **(extra or {}), "code": code},
    )


def at_field(error: GraphQLError, field: FieldNode) -> GraphQLError:
    """`error` located at a subscription's root field, as graphql-core locates a field's errors: by its response
    key (the alias, if any). An error raised by the field's stream after it started has no location of its own."""
    if error.path is not None:
        return error
    key = field.alias.value if field.alias is not None else field.name.value
    return GraphQLError(
        error.message, nodes=[field], path=[key], original_error=error.original_error, extensions=error.extensions
    )


class ErrorCodes(SchemaExtension):
    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each result of a subscription passes here instead of through on_operation.
        errors = getattr(result, "errors", None)
        if errors:
            field = self._root_field()
            result.errors = [with_code(at_field(e, field) if field is not None else e) for e in errors]
        yield

    def _root_field(self) -> FieldNode | None:
        document = self.execution_context.graphql_document
        operation = get_operation_ast(document, self.execution_context.operation_name) if document else None
        selections = operation.selection_set.selections if operation is not None else ()
        only = selections[0] if len(selections) == 1 else None
        return only if isinstance(only, FieldNode) else None

    def on_operation(self) -> Iterator[None]:
        yield
        # graphql-core's or strawberry's ExecutionResult, depending on where the operation stopped.
        result = self.execution_context.result
        errors = getattr(result, "errors", None) if result is not None else None
        if errors:
            result.errors = [with_code(e) for e in errors]  # type: ignore[union-attr]
