"""Documents parsed and validated once per distinct text, for the paths that run them without strawberry's
per-request pipeline: live subscriptions (`execution.plans`) and queries and mutations POSTed over HTTP
(`transport.endpoint`).

Clients send the same few documents over and over (a bell sends five); strawberry parses each request again and
runs every schema extension's hooks around it, which costs more than resolving `unreadCount`. A document is
prepared here with the same limits as the schema's (tokens, depth, aliases, and graphql's own rules); anything
that fails to prepare goes through strawberry, which reports the errors. strawberry's own path skips validating a
text that validated before (`Validated`).

Every cache here is bounded by the bytes its entries hold, and only an authenticated request adds to one: anyone
may send a new document with each request.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, parse, specified_rules
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from schema.introspection import introspects
from schema.limits import LIMIT_RULES, MAX_TOKENS, tokens

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class _Sized(Protocol):
    @property
    def size(self) -> int: ...


S = TypeVar("S", bound=_Sized)

# What a prepared document holds for each of its tokens (its nodes, the tokens its locations keep, what validation
# leaves on them), with room to spare: tests/test_documents.py checks it against tracemalloc.
_BYTES_PER_TOKEN = 1_000
# A cache entry's own bytes beyond its key and value: the dictionary's slot, the key's tuple, the ordering.
_ENTRY_BYTES = 200


@dataclass(frozen=True)
class Prepared:
    """A valid document and the one operation of it that a request names (or its only one)."""

    document: DocumentNode
    operation: OperationDefinitionNode
    # Whether it asks for `__schema` or `__type`, which the INTROSPECTION setting may refuse (schema.introspection).
    introspects: bool
    size: int  # the bytes it holds, about


@dataclass(frozen=True)
class Refused:
    """A document of operations only, one of them chosen, that failed validation: the errors strawberry's path
    would report for it, with the same rules, so that an answer needs no second parse and validation there."""

    operation: OperationDefinitionNode
    errors: tuple[GraphQLError, ...]
    size: int  # the bytes it holds, about


def prepare(schema: GraphQLSchema, query: str, operation_name: str | None) -> Prepared | Refused | None:
    """`query` parsed and validated, if it is made of operations only (no fragments: those are rare enough to leave
    to strawberry) with exactly one chosen by `operation_name`: Prepared if valid, else Refused; otherwise None."""
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
    # String values are held more than once (in tokens, nodes and validation's values); the key holds the text.
    size = 3 * len(query) + tokens(document) * _BYTES_PER_TOKEN
    errors = validate_document(schema, document, (*specified_rules, *LIMIT_RULES))
    if errors:
        return Refused(chosen[0], tuple(errors), size)
    return Prepared(document, chosen[0], introspects(schema, document), size)


def unchosen(document: DocumentNode, operation_name: object) -> str | None:
    """Why `operation_name` does not choose one operation of `document`, for the client; None when it does (or is
    not a string, which the caller refuses in its own way)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None and len(operations) > 1:
        return "The document has several operations; say which one to run with `operationName`."
    named = [o for o in operations if operation_name is None or (o.name is not None and o.name.value == operation_name)]
    if not named and isinstance(operation_name, str):
        # `!r`: a lone surrogate, which JSON may spell, is escaped rather than breaking the answer's encoding.
        return f"The document has no operation named {operation_name[:100]!r}."
    return None


class Recent(Generic[K, T]):
    """The most recently used entries, as many as fit in `budget` bytes by the sizes given with them."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._used = 0
        self._entries: OrderedDict[K, tuple[T, int]] = OrderedDict()

    def find(self, key: K) -> tuple[bool, T | None]:
        """(True, the value) for a key held, which becomes the most recent; (False, None) otherwise."""
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        self._entries.move_to_end(key)
        return True, entry[0]

    def keep(self, key: K, value: T, size: int) -> None:
        if key in self._entries or size > self._budget:
            return
        self._entries[key] = (value, size)
        self._used += size
        while self._used > self._budget:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._used -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def used(self) -> int:
        """The bytes held, by the sizes given."""
        return self._used


class Cache(Generic[S]):
    """Results of `make` by (query text, operation name), failures (None) included so that an invalid document is
    not validated again on every request either, within `budget` bytes."""

    def __init__(self, make: Callable[[str, str | None], S | None], budget: int) -> None:
        self._make = make
        self.entries: Recent[tuple[str, str | None], S | None] = Recent(budget)

    def get(self, query: str, operation_name: str | None, *, add: bool = True) -> S | None:
        """The result for this text and name. One not held yet is made, and kept only with `add` (for authenticated
        callers): anyone else's documents are made for their one request and kept nowhere."""
        key = (query, operation_name)
        held, made = self.entries.find(key)
        if held:
            return made
        made = self._make(query, operation_name)
        if add:
            size = len(query) + len(operation_name or "") + _ENTRY_BYTES + (made.size if made is not None else 0)
            self.entries.keep(key, made, size)
        return made


# Texts that validated on strawberry's path. Keys only: a text costs its length, not a parsed document.
# By text and rules: an operation's rules may differ by app (schema.introspection adds one where it is off).
_VALIDATED: Recent[tuple[str, tuple[Any, ...]], bool] = Recent(budget=4 * 1024 * 1024)


class Validated(SchemaExtension):
    """strawberry's validation, skipped for a text that validated before; a text is remembered once it validated
    for an authenticated caller. (strawberry's ValidationCache kept each document it saw, whoever sent it.)"""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        key = (query or "", tuple(context.validation_rules))
        if query is not None and _VALIDATED.find(key)[0]:
            context.pre_execution_errors = []  # strawberry validates only while this is None
        yield
        caller = getattr(context.context, "principal", None)
        if query is not None and caller is not None and context.pre_execution_errors == []:
            _VALIDATED.keep(key, True, len(query) + _ENTRY_BYTES)
