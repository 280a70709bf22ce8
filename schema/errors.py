"""Every error a client sees carries `extensions.code` and a sentence a person understands; nothing else leaks.

Service errors keep their message and code. Errors from the request's shape (syntax, validation, limits,
variable coercion) become BAD_USER_INPUT. Anything unexpected is logged with its traceback here, once, and the
client gets INTERNAL_SERVER_ERROR with no detail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from services.errors import ServiceError

log = logging.getLogger("notifications.graphql")


def with_code(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ServiceError):
        return _copy(error, original.message, original.code)
    if original is None or isinstance(original, GraphQLError):
        code = (error.extensions or {}).get("code") or "BAD_USER_INPUT"
        return _copy(error, error.message, str(code))
    log.error("unexpected error in %s", error.path, exc_info=original)
    return _copy(error, "Internal server error.", "INTERNAL_SERVER_ERROR")


def _copy(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


class ErrorCodes(SchemaExtension):
    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each result of a subscription passes here instead of through on_operation.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [with_code(e) for e in errors]
        yield

    def on_operation(self) -> Iterator[None]:
        yield
        # graphql-core's or strawberry's ExecutionResult, depending on where the operation stopped.
        result = self.execution_context.result
        errors = getattr(result, "errors", None) if result is not None else None
        if errors:
            result.errors = [with_code(e) for e in errors]  # type: ignore[union-attr]
