"""Documents parsed and validated once per distinct text, for the paths that run them without strawberry's
per-request pipeline: live subscriptions (`resolvers.fanout`) and queries and mutations POSTed over HTTP
(`resolvers.endpoint`).

Clients send the same few documents over and over (a bell sends five); strawberry parses each request again and
runs every schema extension's hooks around it, which costs more than resolving `unreadCount`. A document is
prepared here with the same limits as the schema's (tokens, depth, aliases, and graphql's own rules); anything
that fails to prepare goes through strawberry, which reports the errors.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, parse, specified_rules
from strawberry.schema.schema import validate_document

from schema.introspection import introspects
from schema.root import LIMIT_RULES, MAX_TOKENS

T = TypeVar("T")


@dataclass(frozen=True)
class Prepared:
    """A valid document and the one operation of it that a request names (or its only one)."""

    document: DocumentNode
    operation: OperationDefinitionNode
    # Whether it asks for `__schema` or `__type`, which the INTROSPECTION setting may refuse (schema.introspection).
    introspects: bool


def prepare(schema: GraphQLSchema, query: str, operation_name: str | None) -> Prepared | None:
    """`query` parsed and validated, if it is valid and made of operations only (no fragments: those are rare
    enough to leave to strawberry) with exactly one chosen by `operation_name`; else None."""
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except (GraphQLError, RecursionError):
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if operation_name is None or (o.name and o.name.value == operation_name)]
    if (
        len(operations) != len(document.definitions)
        or len(chosen) != 1
        or (operation_name is None and len(operations) > 1)
    ):
        return None
    if validate_document(schema, document, (*specified_rules, *LIMIT_RULES)):
        return None
    return Prepared(document, chosen[0], introspects(schema, document))


class Cache(Generic[T]):
    """The last `size` results of `make` by (query text, operation name), failures (None) included, so that an
    invalid document is not re-validated on every request either."""

    def __init__(self, make: Callable[[str, str | None], T | None], size: int) -> None:
        self._make = make
        self._size = size
        self._entries: OrderedDict[tuple[str, str | None], T | None] = OrderedDict()

    def get(self, query: str, operation_name: str | None) -> T | None:
        key = (query, operation_name)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        made = self._make(query, operation_name)
        self._entries[key] = made
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return made
