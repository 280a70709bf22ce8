"""The GraphQL endpoint: per-request context over HTTP, per-connection authentication over websockets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.info import Info as StrawberryInfo

from services.auth import Principal, bearer_token, decode_token
from services.errors import ServiceError, Unauthenticated
from services.runtime import Runtime


@dataclass
class Context:
    runtime: Runtime
    principal: Principal | None = None
    # Why authentication failed, reported by the `Authenticated` permission when an operation needs it.
    auth_error: ServiceError | None = None
    connection_params: dict[str, Any] | None = None

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise self.auth_error or Unauthenticated("Send `Authorization: Bearer <token>` to use this API.")
        return self.principal


Info = StrawberryInfo[Context, None]


def authenticate(runtime: Runtime, header: str | None) -> tuple[Principal | None, ServiceError | None]:
    try:
        token = bearer_token(header)
        return (decode_token(token, runtime.jwt_secret) if token else None), None
    except ServiceError as error:
        return None, error


class NotificationsGraphQL(GraphQL[Context, None]):
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
        # strawberry turns only JSONDecodeError into a 400; everything else a client can send must be one too.
        try:
            value = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise HTTPException(400, "Unable to parse request body as JSON") from None
        if not isinstance(value, dict | list):
            raise HTTPException(400, "The request body must be a JSON object with a `query`.")
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
