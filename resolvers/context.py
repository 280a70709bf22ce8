"""What resolvers get: the context of a request (HTTP) or of a connection (websocket), and authentication."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from strawberry.types.info import Info as StrawberryInfo

import logs
from services.auth import Principal, bearer_token
from services.errors import ServiceError, Unauthenticated
from services.runtime import Runtime

NESTED_READS_AT_ONCE = 2


@dataclass
class Context:
    runtime: Runtime
    principal: Principal | None = None
    # Why authentication failed, reported by the `Authenticated` permission when an operation needs it.
    auth_error: ServiceError | None = None
    connection_params: dict[str, Any] | None = None
    # Closes this websocket (code, reason); set for websocket connections only.
    disconnect: Callable[[int, str], None] | None = None
    # Turns for fields below the root that each read the database (a page of sends, each with its deliveries):
    # graphql-core resolves them all at once, and each would take a pooled connection. Made at the first.
    _nested_reads: asyncio.Semaphore | None = None

    def nested_reads(self) -> asyncio.Semaphore:
        if self._nested_reads is None:
            self._nested_reads = asyncio.Semaphore(NESTED_READS_AT_ONCE)
        return self._nested_reads

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise self.auth_error or Unauthenticated("Send `Authorization: Bearer <token>` to use this API.")
        return self.principal


Info = StrawberryInfo[Context, None]


async def authenticate(runtime: Runtime, header: str | None) -> tuple[Principal | None, ServiceError | None]:
    try:
        token = bearer_token(header)
        principal = await runtime.identity.authenticate(token) if token else None
        if principal is not None:
            logs.identify(principal.tenant_id, principal.user_id)
        return principal, None
    except ServiceError as error:
        # Kept to be reported later, so without the tracebacks (its own and the one it was raised from): their
        # frames reach the caller's, which holds the error, a cycle that would outlive the request.
        error.__context__ = None
        return None, error.with_traceback(None)
