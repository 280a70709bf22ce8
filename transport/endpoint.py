"""The GraphQL endpoint at /graphql: HTTP (GraphiQL in a browser) and graphql-transport-ws websockets.

A JSON POST of a prepared query or mutation (`execution.documents`), what clients send over and over, is answered
here without strawberry's view: its per-request parsing of content types and bodies, request and response objects
and extension hooks cost more than resolving `unreadCount`. Everything else (GET, GraphiQL, batches, documents
that did not prepare, bodies this path does not read as strawberry would) goes through strawberry, which also
reports the errors. Both paths execute the same way (`_run_prepared`), encode with `encode_json` and choose media
type and status alike (`transport.responses`); what strawberry refuses in plain text is answered as a GraphQL error.
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
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema._graphql_core import execution_context_class_kwargs  # how strawberry passes it
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL
from strawberry.types import ExecutionResult

from execution.documents import Cache, Prepared, Refused, prepare, unchosen
from execution.plans import Renderer, plans
from resolvers.context import Context, authenticate
from schema.errors import with_code
from schema.limits import MAX_QUERY_BYTES
from services.runtime import Runtime
from transport.graphiql import graphiql_page
from transport.responses import JSON, body_of, media_type, refusal, status_of
from transport.websocket import LegacyProtocolRefusal, NotificationsWSHandler, OpenConnections

# Bytes of documents kept prepared per process, for HTTP and for live subscriptions each. Clients send a handful (a
# bell sends five); only authenticated requests add one (`execution.documents.Cache`).
PREPARED_BYTES = 16 * 1024 * 1024


class NotificationsGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = NotificationsWSHandler
    graphql_ws_handler_class = LegacyProtocolRefusal

    def __init__(self, schema: Any) -> None:
        # graphql-transport-ws only: the legacy graphql-ws protocol has no place in a new service.
        super().__init__(schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.connections = OpenConnections()
        # Shared by every connection of this process: see execution.plans.
        self.plans = plans(schema._schema, PREPARED_BYTES)
        self.renderer = Renderer(schema._schema)
        self.prepared: Cache[Prepared | Refused] = Cache(partial(_runnable, schema._schema), PREPARED_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if scope["method"] == "POST":
            body = await _body(receive)
            if body is None or await self._answer_prepared(scope, body, send):
                return  # gone before the body arrived, or answered
            receive = _replay(body, receive)
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:
            # strawberry answers these in plain text; GraphQL clients read errors from a JSON body, with a code.
            media = media_type(_header(scope, b"accept"))
            code = "NOT_FOUND" if error.status_code == 404 else "BAD_USER_INPUT"
            response = Response(self.encode_json(refusal(error.reason, code)), error.status_code, media_type=media)
        await response(scope, receive, send)

    async def _answer_prepared(self, scope: Scope, body: bytes, send: Send) -> bool:
        """Answer a JSON POST of a prepared document as strawberry would; False (nothing sent) for anything else."""
        if not (_header(scope, b"content-type") or b"").startswith(b"application/json"):
            return False
        accept = _header(scope, b"accept")
        if accept is not None and (b"multipart/" in accept or b"text/event-stream" in accept):
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
        principal, error = await authenticate(runtime, authorization.decode("latin-1") if authorization else None)
        prepared = _fast(self.prepared.get(query, name, add=principal is not None), runtime)
        if prepared is None:
            return False
        context = Context(runtime=runtime, principal=principal, auth_error=error)
        result = await self._run_or_refuse(prepared, context, variables, name)
        media = media_type(accept)
        processed = body_of(result, media)
        answer = _encoded(processed)
        headers = [(b"content-type", media.encode()), (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": status_of(processed, media), "headers": headers})
        await send({"type": "http.response.body", "body": answer})
        return True

    async def pick_websocket_subprotocol(self, request: WebSocket) -> str | None:
        chosen = await super().pick_websocket_subprotocol(request)
        if chosen is None and GRAPHQL_WS_PROTOCOL in request["subprotocols"]:
            # Chosen only to be refused (LegacyProtocolRefusal): `ws` and browsers abort a handshake that picks none
            # of the offered subprotocols, and the client sees a bare 1006 instead of why.
            return GRAPHQL_WS_PROTOCOL
        return chosen

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        runtime: Runtime = request.app.state.runtime
        if isinstance(request, WebSocket):
            # Authenticated in on_ws_connect, from the connection_init payload: browsers cannot set headers.
            return Context(runtime=runtime)
        principal, error = await authenticate(runtime, request.headers.get("authorization"))
        return Context(runtime=runtime, principal=principal, auth_error=error)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        response = await super().get_sub_response(request)
        response.media_type = media_type(_header(request.scope, b"accept"))  # for `create_response`
        return response

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        return body_of(result, media_type(_header(request.scope, b"accept")))

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        # As strawberry's, with the negotiated media type and the status it calls for (batches never get here).
        media = sub_response.media_type or JSON
        status = status_of(response_data, media) if isinstance(response_data, dict) else 200
        response = Response(self.encode_json(response_data), sub_response.status_code or status, media_type=media)
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        return response

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
            prepared = _fast(
                self.prepared.get(query, operation_name, add=context.principal is not None), context.runtime
            )
            if prepared is not None:
                return await self._run_or_refuse(prepared, context, request_data.variables, operation_name)
        refusal = _refusal(request_data)
        if refusal is not None:
            return ExecutionResult(data=None, errors=[GraphQLError(refusal, extensions={"code": "BAD_USER_INPUT"})])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    async def _run_or_refuse(
        self,
        prepared: Prepared | Refused,
        context: Context,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> ExecutionResult:
        if isinstance(prepared, Refused):
            # As strawberry's path answers a document that fails validation, without parsing it there again.
            return ExecutionResult(data=None, errors=[with_code(error) for error in prepared.errors])
        return await self._run_prepared(prepared, context, variables, operation_name)

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

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql_page()

    def encode_json(self, data: object) -> str:
        # A string: strawberry sends bytes over websockets as binary frames, which graphql-ws clients refuse.
        return _encoded(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        # strawberry turns only JSONDecodeError into a 400 (HTTP) or 4400 (websocket); so everything else must be one.
        # Its message is what an HTTP client is told (`parse_json`).
        try:
            value = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise json.JSONDecodeError(_NOT_JSON, "", 0) from None
        if not isinstance(value, dict):
            # Also what a websocket frame goes through: strawberry closes the socket with 4400 on this error.
            raise json.JSONDecodeError(_BATCH if isinstance(value, list) else _NOT_AN_OBJECT, "", 0)
        return value

    def parse_json(self, data: str | bytes) -> object:
        # HTTP only (bodies, and GET's `variables`): strawberry would say "Unable to parse request body as JSON".
        try:
            return self.decode_json(data)
        except json.JSONDecodeError as error:
            raise HTTPException(400, error.msg) from None

    async def on_ws_connect(self, context: Context) -> None:
        params = context.connection_params or {}
        header = next((v for k, v in params.items() if isinstance(k, str) and k.lower() == "authorization"), None)
        principal, _ = await authenticate(context.runtime, header if isinstance(header, str) else None)
        if principal is None:
            raise ConnectionRejectionError()
        context.principal = principal
        context.connection_params = None  # the token, read: not kept for the connection's life


_NOT_JSON = "The request is not valid JSON: send an object with `query` and optionally `variables` and `operationName`."
_NOT_AN_OBJECT = "The request must be a JSON object with `query` and, optionally, `variables` and `operationName`."
_BATCH = (
    "A JSON array where an object was expected: batched requests are not supported; send each operation in a request "
    "of its own."
)


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
    """The whole request body, or None if the client left first. (`transport.body_limit` caps its size.)"""
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


def _runnable(schema: GraphQLSchema, query: str, operation_name: str | None) -> Prepared | Refused | None:
    """A query or mutation for `_run_prepared`, or a document refused by validation; subscriptions are refused over
    HTTP by strawberry's path."""
    prepared = prepare(schema, query, operation_name)
    if prepared is not None and prepared.operation.operation == OperationType.SUBSCRIPTION:
        return None
    return prepared


def _fast(prepared: Prepared | Refused | None, runtime: Runtime) -> Prepared | Refused | None:
    """`prepared` if the fast path may answer it. Not when introspection is turned off and it introspects (or may:
    a refused document's errors would lack the refusal of introspection): strawberry's path then answers with
    `schema.introspection`'s rule."""
    if prepared is None or (
        not runtime.settings.introspection and (isinstance(prepared, Refused) or prepared.introspects)
    ):
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
