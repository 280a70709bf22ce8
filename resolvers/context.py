"""The GraphQL endpoint: per-request context over HTTP, per-connection authentication over websockets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
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

    async def on_ws_connect(self, context: Context) -> None:
        params = context.connection_params or {}
        header = next((v for k, v in params.items() if isinstance(k, str) and k.lower() == "authorization"), None)
        principal, _ = authenticate(context.runtime, header if isinstance(header, str) else None)
        if principal is None:
            raise ConnectionRejectionError()
        context.principal = principal
