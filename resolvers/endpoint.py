"""The GraphQL endpoint at /graphql: HTTP (GraphiQL in a browser) and graphql-transport-ws websockets.

A JSON POST of a prepared query or mutation (`resolvers.documents`), what clients send over and over, is answered
here without strawberry's view: its per-request parsing of content types and bodies, request and response objects
and extension hooks cost more than resolving `unreadCount`. Everything else (GET, GraphiQL, batches, documents
that did not prepare, bodies this path does not read as strawberry would) goes through strawberry, which also
reports the errors. Both paths execute the same way (`_run_prepared`) and encode with `encode_json`.
"""

from __future__ import annotations

import json
from functools import partial
from inspect import isawaitable
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode, OperationType, execute, parse
from graphql.error import GraphQLSyntaxError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData, process_result
from strawberry.schema._graphql_core import execution_context_class_kwargs  # how strawberry passes it
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from resolvers.context import Context, authenticate
from resolvers.documents import Cache, Prepared, prepare, unchosen
from resolvers.fanout import Renderer, plans
from resolvers.websocket import NotificationsWSHandler, OpenConnections
from schema.errors import with_code
from schema.root import MAX_QUERY_BYTES
from services.runtime import Runtime

# Bytes of documents kept prepared per process, for HTTP and for live subscriptions each. Clients send a handful (a
# bell sends five); only authenticated requests add one (`resolvers.documents.Cache`).
PREPARED_BYTES = 16 * 1024 * 1024


class NotificationsGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = NotificationsWSHandler

    def __init__(self, schema: Any) -> None:
        # graphql-transport-ws only: the legacy graphql-ws protocol has no place in a new service.
        super().__init__(schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.connections = OpenConnections()
        # Shared by every connection of this process: see resolvers.fanout.
        self.plans = plans(schema._schema, PREPARED_BYTES)
        self.renderer = Renderer(schema._schema)
        self.prepared: Cache[Prepared] = Cache(partial(_runnable, schema._schema), PREPARED_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            body = await _body(receive)
            if body is None or await self._answer_prepared(scope, body, send):
                return  # gone before the body arrived, or answered
            receive = _replay(body, receive)
        await super().__call__(scope, receive, send)

    async def _answer_prepared(self, scope: Scope, body: bytes, send: Send) -> bool:
        """Answer a JSON POST of a prepared document as strawberry would; False (nothing sent) for anything else."""
        if not (_header(scope, b"content-type") or b"").startswith(b"application/json"):
            return False
        if any(kind in (_header(scope, b"accept") or b"") for kind in (b"multipart/", b"text/event-stream")):
            return False  # strawberry's streaming transports
        try:
            # Not orjson: it reads integers over 64 bits as floats, and the request must mean what it says.
            data = self.decode_json(body)
        except json.JSONDecodeError:
            return False  # strawberry answers 400
        assert isinstance(data, dict)  # `decode_json` refuses anything else
        query, variables, name = data.get("query"), data.get("variables"), data.get("operationName")
        if not (
            isinstance(query, str)
            and len(query) <= MAX_QUERY_BYTES
            and isinstance(variables, dict | None)
            and isinstance(name, str | None)
            and isinstance(data.get("extensions"), dict | None)
        ):
            return False
        runtime: Runtime = scope["app"].state.runtime
        authorization = _header(scope, b"authorization")
        principal, error = authenticate(runtime, authorization.decode("latin-1") if authorization else None)
        prepared = self.prepared.get(query, name, add=principal is not None)
        if prepared is None:
            return False
        context = Context(runtime=runtime, principal=principal, auth_error=error)
        result = await self._run_prepared(prepared, context, variables, name)
        answer = _encoded(process_result(result))
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})
        return True

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        except HTTPException as refused:
            # strawberry refuses an unusable request with a plain-text reason; clients read errors with a code.
            if isinstance(request, WebSocket):
                raise
            code = "NOT_FOUND" if refused.status_code == 404 else "BAD_USER_INPUT"
            body = {"errors": [{"message": refused.reason, "extensions": {"code": code}}]}
            return Response(_encoded(body), status_code=refused.status_code, media_type="application/json")

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
            prepared = self.prepared.get(query, operation_name, add=context.principal is not None)
            if prepared is not None:
                return await self._run_prepared(prepared, context, request_data.variables, operation_name)
        refusal = _refusal(request_data)
        if refusal is not None:
            return ExecutionResult(data=None, errors=[GraphQLError(refusal, extensions={"code": "BAD_USER_INPUT"})])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    async def _run_prepared(
        self, prepared: Prepared, context: Context, variables: dict[str, Any] | None, operation_name: str | None
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
                variable_values=variables,
                operation_name=operation_name,
                **execution_context_class_kwargs(self.schema.execution_context_class),  # type: ignore[attr-defined]
            )
            if isawaitable(result):
                result = await result
        except Exception as error:  # as strawberry's `Schema.execute` does: a result with a masked error, not a 500
            return ExecutionResult(data=None, errors=[with_code(GraphQLError(str(error), original_error=error))])
        errors = [with_code(error) for error in result.errors] if result.errors else None
        return ExecutionResult(data=result.data, errors=errors)

    def encode_json(self, data: object) -> str:
        # A string: strawberry sends bytes over websockets as binary frames, which graphql-ws clients refuse.
        return _encoded(data).decode()

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
        context.connection_params = None  # the token, read: not kept for the connection's life


def _encoded(data: object) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:  # what orjson refuses, such as a lone surrogate echoed in an error message: `json` escapes it
        return json.dumps(data, separators=(",", ":")).encode()


def _header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of header `name` (lower case), as Starlette's `Headers.get` reads it."""
    for key, value in scope["headers"]:
        if key == name:
            return value  # type: ignore[no-any-return]
    return None


async def _body(receive: Receive) -> bytes | None:
    """The whole request body, or None if the client left first. (`resolvers.limits` caps its size.)"""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` for strawberry's path, the body already read given back first."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


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
    wanted = request.operation_name
    # strawberry answers an unknown name with a plain-text 400 that echoes it (a 500 if it holds a lone surrogate).
    refusal = unchosen(document, wanted)
    if refusal is not None:
        return refusal
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if wanted is None or (o.name is not None and o.name.value == wanted)]
    if len(chosen) == 1 and chosen[0].operation == OperationType.SUBSCRIPTION:
        return "Subscriptions are served over websockets (graphql-transport-ws) at /graphql, not over HTTP."
    return None
