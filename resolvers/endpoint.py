"""The GraphQL endpoint at /graphql: HTTP (GraphiQL in a browser) and graphql-transport-ws websockets."""

from __future__ import annotations

import json
from functools import partial
from inspect import isawaitable
from typing import Any

from cross_web import AsyncHTTPRequestAdapter
from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode, OperationType, execute, parse
from graphql.error import GraphQLSyntaxError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.schema._graphql_core import execution_context_class_kwargs  # how strawberry passes it
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from resolvers.context import Context, authenticate
from resolvers.documents import Cache, Prepared, prepare
from resolvers.fanout import Renderer, plans
from resolvers.websocket import NotificationsWSHandler, OpenConnections
from schema.errors import with_code
from schema.root import MAX_QUERY_BYTES
from services.runtime import Runtime

# Distinct documents kept prepared per process, for HTTP and for live subscriptions each. Clients send a handful (a
# bell sends five); a document may be up to MAX_QUERY_BYTES, and anyone may send one, so the bound stays small.
PREPARED_DOCUMENTS = 256


class NotificationsGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = NotificationsWSHandler

    def __init__(self, schema: Any) -> None:
        # graphql-transport-ws only: the legacy graphql-ws protocol has no place in a new service.
        super().__init__(schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.connections = OpenConnections()
        # Shared by every connection of this process: see resolvers.fanout.
        self.plans = plans(schema._schema, size=PREPARED_DOCUMENTS)
        self.renderer = Renderer(schema._schema)
        self.prepared: Cache[Prepared] = Cache(partial(_runnable, schema._schema), size=PREPARED_DOCUMENTS)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        runtime: Runtime = request.app.state.runtime
        if isinstance(request, WebSocket):
            # Authenticated in on_ws_connect, from the connection_init payload: browsers cannot set headers.
            return Context(runtime=runtime)
        principal, error = authenticate(runtime, request.headers.get("authorization"))
        return Context(runtime=runtime, principal=principal, auth_error=error)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        query, operation_name = request_data.query, request_data.operation_name
        # strawberry passes `operationName` on unchecked: anything but a string is left to it (it answers 400).
        named = operation_name is None or isinstance(operation_name, str)
        if request.method == "POST" and query and len(query) <= MAX_QUERY_BYTES and named:
            prepared = self.prepared.get(query, operation_name)
            if prepared is not None:
                return await self._run_prepared(prepared, context, request_data)
        refusal = _refusal(request_data)
        if refusal is not None:
            return ExecutionResult(data=None, errors=[GraphQLError(refusal, extensions={"code": "BAD_USER_INPUT"})])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    async def _run_prepared(
        self, prepared: Prepared, context: Context, request_data: GraphQLRequestData
    ) -> ExecutionResult:
        """A valid query or mutation, run as strawberry runs it (graphql-core's `execute` with strawberry's
        execution context), minus the per-request parse, validation-cache lookup and extension hooks; errors get
        their codes as in `schema.errors.ErrorCodes`. Only POST requests come here: a GET may run queries only, and
        strawberry's path keeps checking that."""
        try:
            result = execute(
                self.schema._schema,  # type: ignore[attr-defined]
                prepared.document,
                context_value=context,
                variable_values=request_data.variables,  # an object or None: strawberry checked
                operation_name=request_data.operation_name,
                **execution_context_class_kwargs(self.schema.execution_context_class),  # type: ignore[attr-defined]
            )
            if isawaitable(result):
                result = await result
        except Exception as error:  # as strawberry's `Schema.execute` does: a result with a masked error, not a 500
            return ExecutionResult(data=None, errors=[with_code(GraphQLError(str(error), original_error=error))])
        errors = [with_code(error) for error in result.errors] if result.errors else None
        return ExecutionResult(data=result.data, errors=errors)

    def decode_json(self, data: str | bytes) -> object:
        # strawberry turns only JSONDecodeError into a 400 (HTTP) or 4400 (websocket); so everything else must be one.
        try:
            value = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise json.JSONDecodeError("not JSON", "", 0) from None
        if not isinstance(value, dict):
            # Also what a websocket frame goes through: strawberry closes the socket with 4400 on this error.
            raise json.JSONDecodeError("expected a JSON object", data if isinstance(data, str) else "", 0)
        return value

    async def on_ws_connect(self, context: Context) -> None:
        params = context.connection_params or {}
        header = next((v for k, v in params.items() if isinstance(k, str) and k.lower() == "authorization"), None)
        principal, _ = authenticate(context.runtime, header if isinstance(header, str) else None)
        if principal is None:
            raise ConnectionRejectionError()
        context.principal = principal


def _runnable(schema: GraphQLSchema, query: str, operation_name: str | None) -> Prepared | None:
    """A query or mutation for `_run_prepared`; subscriptions are refused over HTTP by strawberry's path."""
    prepared = prepare(schema, query, operation_name)
    if prepared is None or prepared.operation.operation == OperationType.SUBSCRIPTION:
        return None
    return prepared


def _refusal(request: GraphQLRequestData) -> str | None:
    """Why this HTTP request must not run, for what strawberry would otherwise run anyway."""
    query = request.query
    if not query:
        return None
    if len(query) > MAX_QUERY_BYTES:
        return f"The query is {len(query)} characters long; the limit is {MAX_QUERY_BYTES}."
    try:
        document = parse(query)
    except (GraphQLSyntaxError, RecursionError):
        return None  # the normal path reports it
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    wanted = request.operation_name
    if wanted is None and len(operations) > 1:
        return "The document has several operations; say which one to run with `operationName`."
    chosen = [o for o in operations if wanted is None or (o.name is not None and o.name.value == wanted)]
    if len(chosen) == 1 and chosen[0].operation == OperationType.SUBSCRIPTION:
        return "Subscriptions are served over websockets (graphql-transport-ws) at /graphql, not over HTTP."
    return None
