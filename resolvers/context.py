"""The GraphQL endpoint: per-request context over HTTP, per-connection authentication over websockets."""

from __future__ import annotations

from dataclasses import dataclass
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
        if _is_subscription(request_data):
            message = "Subscriptions are served over websockets (graphql-transport-ws) at /graphql, not over HTTP."
            return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    async def on_ws_connect(self, context: Context) -> None:
        params = context.connection_params or {}
        header = next((v for k, v in params.items() if isinstance(k, str) and k.lower() == "authorization"), None)
        principal, _ = authenticate(context.runtime, header if isinstance(header, str) else None)
        if principal is None:
            raise ConnectionRejectionError()
        context.principal = principal


def _is_subscription(request: GraphQLRequestData) -> bool:
    query = request.query
    if not query or "subscription" not in query:
        return False
    try:
        document = parse(query)
    except GraphQLSyntaxError:
        return False  # the normal path reports it
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o for o in operations if request.operation_name is None or (o.name and o.name.value == request.operation_name)
    ]
    return len(chosen) == 1 and chosen[0].operation == OperationType.SUBSCRIPTION
