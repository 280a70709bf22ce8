"""GraphQL over HTTP: the media type of an answer, its body and its status.

A client that accepts `application/graphql-response+json` (the GraphQL-over-HTTP spec's media type) gets it, with the
spec's status codes: a request that never ran (it failed to parse or validate, its operation or variables did not
fit) is a 400 with no `data` key, one that ran is a 200 whatever its field errors. Every other client gets
`application/json`, where any request the server could read is a 200, as legacy clients expect.
"""

from __future__ import annotations

from functools import lru_cache

from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def media_type(accept: bytes | None) -> str:
    """The media type to answer a request with `Accept: accept` in."""
    # Most clients do not name the new type at all: one substring test decides for them.
    if accept is None or b"graphql-response+json" not in accept:
        return JSON
    return _negotiated(accept)


@lru_cache(maxsize=64)
def _negotiated(accept: bytes) -> str:
    quality = {GRAPHQL_RESPONSE: 0.0, JSON: 0.0}
    for entry in accept.decode("latin-1").split(","):
        kind, *parameters = (part.strip() for part in entry.split(";"))
        if kind.lower() not in quality:
            continue
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        quality[kind.lower()] = max(quality[kind.lower()], q)
    graphql = quality[GRAPHQL_RESPONSE]
    return GRAPHQL_RESPONSE if graphql > 0 and graphql >= quality[JSON] else JSON


def body_of(result: ExecutionResult, media: str) -> GraphQLHTTPResponse:
    """The response body for `result`; without `data` when the request never ran and the client reads the spec's
    media type. A request error has no path, a field error always has one (also when its null reaches the root)."""
    body = process_result(result)
    errors = result.errors
    if media == GRAPHQL_RESPONSE and result.data is None and errors and all(e.path is None for e in errors):
        del body["data"]
    return body


def status_of(body: GraphQLHTTPResponse, media: str) -> int:
    if media == JSON or "data" in body:
        return 200
    codes = {error.get("extensions", {}).get("code") for error in body.get("errors") or () if isinstance(error, dict)}
    return 500 if "INTERNAL_SERVER_ERROR" in codes else 400


def refusal(message: str, code: str = "BAD_USER_INPUT") -> GraphQLHTTPResponse:
    """The body for a request refused before GraphQL could read it (not JSON, not an object, a batch ...)."""
    return {"errors": [{"message": message, "extensions": {"code": code}}]}
