"""The GraphQL endpoint at /graphql: HTTP (GraphiQL in a browser) and graphql-transport-ws websockets."""

from __future__ import annotations

import json
from typing import Any

from cross_web import AsyncHTTPRequestAdapter
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from resolvers.context import Context, authenticate
from resolvers.fanout import Plans, Renderer
from resolvers.websocket import NotificationsWSHandler, OpenConnections
from schema.root import MAX_QUERY_BYTES
from services.runtime import Runtime


class NotificationsGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = NotificationsWSHandler

    def __init__(self, schema: Any) -> None:
        # graphql-transport-ws only: the legacy graphql-ws protocol has no place in a new service.
        super().__init__(schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.connections = OpenConnections()
        # Shared by every connection of this process: see resolvers.fanout.
        self.plans = Plans(schema._schema)
        self.renderer = Renderer(schema._schema)

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
        refusal = _refusal(request_data)
        if refusal is not None:
            return ExecutionResult(data=None, errors=[GraphQLError(refusal, extensions={"code": "BAD_USER_INPUT"})])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

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
