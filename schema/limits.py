"""The limits on a document's shape: depth, aliases and tokens, with every fragment spread counted as if written
out, checked in time linear in the document's size.

strawberry's QueryDepthLimiter and MaxAliasesLimiter walk a fragment again at every spread of it, so fragments
that spread the next one twice cost twice per level: a 1 KB document kept a process busy for minutes. Here each
definition is read once and each fragment's totals are computed once and reused at every spread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutableDefinitionNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    Token,
    TokenKind,
    ValidationContext,
)
from graphql.validation.rules import overlapping_fields_can_be_merged as _overlapping

from schema.cost import CostLimit

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2_000
# Bytes of query text: a string literal is one token, so the token limit alone does not bound a document's size.
MAX_QUERY_BYTES = 20_000


@dataclass
class _Shape:
    """One definition as written, its fragment spreads not followed."""

    depth: int = 0  # the deepest selection's level, the definition's own selections being at level 0
    aliases: int = 0
    tokens: int = 0
    spreads: list[tuple[str, int]] = field(default_factory=list)  # (fragment, level of its selections; -1: none)


@dataclass(frozen=True)
class _Totals:
    """One definition with every fragment it spreads written out in its place."""

    depth: int
    aliases: int
    tokens: int


def _shape(definition: ExecutableDefinitionNode) -> _Shape:
    shape = _Shape(tokens=tokens(definition))
    # Iterative: the parser bounds nesting, but validation may already run deep in the stack.
    stack: list[tuple[SelectionSetNode, int, bool]] = [(definition.selection_set, 0, True)]
    while stack:
        selection_set, level, counted = stack.pop()
        for selection in selection_set.selections:
            if counted:
                shape.depth = max(shape.depth, level)
            if isinstance(selection, FieldNode):
                shape.aliases += selection.alias is not None
                if selection.selection_set is not None:
                    # As in strawberry's limiter, introspection (`__schema`, `__type`) has no depth of its own:
                    # graphql-core's MaxIntrospectionDepthRule bounds it.
                    below = counted and not selection.name.value.startswith("__")
                    stack.append((selection.selection_set, level + 1, below))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, level, counted))
            elif isinstance(selection, FragmentSpreadNode):
                # A spread is a level of its own: a chain of spreads is as deep as it is long.
                shape.spreads.append((selection.name.value, level + 1 if counted else -1))
    return shape


def tokens(node: Node) -> int:
    """The tokens of `node`, comments left out as the parser's own count leaves them."""
    if node.loc is None:  # every parse here keeps locations; a document without them counts none
        return 0
    count, last = 0, node.loc.end_token
    token: Token | None = node.loc.start_token
    while token is not None:
        count += token.kind != TokenKind.COMMENT
        if token is last:
            break
        token = token.next
    return count


def _totals(shapes: dict[str, _Shape], name: str, known: dict[str, _Totals]) -> None:
    """The totals of fragment `name` into `known`, and of every fragment it reaches, each computed once. A fragment
    met again while its own totals are being computed is a cycle (NoFragmentCyclesRule reports it): it counts
    nothing there."""
    stack, entered = [name], set()
    while stack:
        current = stack[-1]
        if current in known:
            stack.pop()
            continue
        shape = shapes[current]
        if current not in entered:
            entered.add(current)
            stack.extend(s for s, _ in shape.spreads if s in shapes and s not in known and s not in entered)
            continue
        stack.pop()
        known[current] = _combined(shape, known)


def _combined(shape: _Shape, known: dict[str, _Totals]) -> _Totals:
    depth, aliases, tokens = shape.depth, shape.aliases, shape.tokens
    for name, level in shape.spreads:
        spread = known.get(name)
        if spread is None:
            continue  # unknown (KnownFragmentNamesRule reports it) or a cycle
        if level >= 0:
            depth = max(depth, level + spread.depth)
        aliases += spread.aliases
        tokens += spread.tokens
    return _Totals(depth, aliases, tokens)


def document_limits(max_depth: int, max_aliases: int, max_tokens: int) -> type[ASTValidationRule]:
    """A validation rule refusing operations deeper than `max_depth` levels (a fragment spread is a level) or of
    more than `max_tokens` tokens, and documents of more than `max_aliases` aliases, fragments written out."""

    class DocumentLimits(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            for error in _errors(context.document, max_depth, max_aliases, max_tokens):
                context.report_error(error)

    return DocumentLimits


def _errors(document: DocumentNode, max_depth: int, max_aliases: int, max_tokens: int) -> list[GraphQLError]:
    fragments: dict[str, _Shape] = {}
    operations: list[tuple[OperationDefinitionNode, _Shape]] = []
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            fragments.setdefault(definition.name.value, _shape(definition))  # a repeated name is its own error
        elif isinstance(definition, OperationDefinitionNode):
            operations.append((definition, _shape(definition)))
    known: dict[str, _Totals] = {}
    for name in fragments:
        _totals(fragments, name, known)
    errors, aliases = [], 0
    for operation, shape in operations:
        totals = _combined(shape, known)
        aliases += totals.aliases
        name = operation.name.value if operation.name else "anonymous"
        # The depth and alias messages are strawberry's limiters', which clients may already match on.
        if totals.depth > max_depth:
            errors.append(GraphQLError(f"'{name}' exceeds maximum operation depth of {max_depth}", operation))
        if totals.tokens > max_tokens:
            message = f"'{name}' has more than {max_tokens} tokens with its fragments written out."
            errors.append(GraphQLError(message, operation))
    if aliases > max_aliases:
        errors.append(GraphQLError(f"{aliases} aliases found. Allowed: {max_aliases}"))
    return errors


# Made once: a validation cache would key on the rule classes.
LIMIT_RULES: list[type[ASTValidationRule]] = [document_limits(MAX_DEPTH, MAX_ALIASES, MAX_TOKENS), CostLimit]

# graphql-core's OverlappingFieldsCanBeMergedRule compares fields of one name pairwise, within a budget of
# comparisons read from this module attribute at each validation (its documented knob). Documents clients write
# spend none of it; the default let a document of repeated fields cost far more than any client needs.
_overlapping.MAX_COMPLEXITY_BUDGET  # noqa: B018  # fails at import if graphql-core drops the knob
_overlapping.MAX_COMPLEXITY_BUDGET = 20_000
