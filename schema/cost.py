"""A request's cost, bounded before it runs: the most fields its answer could hold.

Depth, alias and token limits bound a document's shape, not its answer: thirty aliases of a full page of
notifications are a small document whose answer is megabytes. Each field costs one, and a list multiplies what it
selects by the most items it may hold: the `first` or `limit` of the field that returns it (the list itself, or the
`edges` of a connection), the `ids` a mark names, or that argument's largest allowed value when a variable gives it
(`markAllNotificationsRead` lists its largest). Each fragment's cost is worked out once, so the walk is linear in the
document.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)

from services.inbox import MAX_LISTED_CHANGES, MAX_PAGE, MAX_RECENT
from services.templates import MAX_LISTED as MAX_TEMPLATES
from services.topics import MAX_LISTED as MAX_TOPICS

MAX_COST = 5_000
# The arguments that size a list, and the most items each may ask for: a mark lists one notification per id.
_SIZES = {"first": MAX_PAGE, "limit": MAX_RECENT, "ids": MAX_LISTED_CHANGES}
# Root fields whose list no argument sizes, and the most items it may hold.
_FIXED = {
    ("Mutation", "markAllNotificationsRead"): MAX_LISTED_CHANGES,
    ("Query", "eventTemplates"): MAX_TEMPLATES,
    ("Query", "followedTopics"): MAX_TOPICS,
}


class CostLimit(ValidationRule):
    """Refuses an operation whose answer could hold more than MAX_COST fields (`BAD_USER_INPUT`)."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fragments: dict[tuple[str, int], int] = {}
        self._visiting: set[str] = set()

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        root = self.context.schema.get_root_type(node.operation)
        if root is None:
            return
        cost = self._selection(node.selection_set, root, 1)
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"This operation could return up to {cost:,} fields; the limit is {MAX_COST:,}. "
                    "Ask for smaller pages or fewer fields, or split it into several requests.",
                    node,
                    extensions={"code": "BAD_USER_INPUT"},
                )
            )

    def _selection(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, size: int) -> int:
        """The cost of a selection; `size` is the item count a list below it may hold (set by a sizing argument)."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.context.schema.get_type(condition.name.value) if condition else parent
                total += self._selection(selection.selection_set, inner, size)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, size)
            if total > MAX_COST:
                return total  # refused already: no need to add up the rest
        return total

    def _fragment(self, name: str, size: int) -> int:
        known = self._fragments.get((name, size))
        if known is not None:
            return known
        definition: FragmentDefinitionNode | None = self.context.get_fragment(name)
        if definition is None or name in self._visiting:
            return 0  # unknown or cyclic: graphql's own rules report those
        self._visiting.add(name)
        condition = self.context.schema.get_type(definition.type_condition.name.value)
        cost = self._selection(definition.selection_set, condition, size)
        self._visiting.discard(name)
        self._fragments[(name, size)] = cost
        return cost

    def _field(self, node: FieldNode, parent: GraphQLNamedType | None, size: int) -> int:
        definition = parent.fields.get(node.name.value) if isinstance(parent, GraphQLObjectType) else None
        if definition is None:
            return 1  # __typename, or a field graphql's own rules refuse
        roots = (self.context.schema.mutation_type, self.context.schema.query_type)
        is_root = isinstance(parent, GraphQLObjectType) and any(parent is root for root in roots)
        sized = _FIXED.get((parent.name, node.name.value)) if is_root and parent is not None else None
        sized = _size(node, definition.args) if sized is None else sized
        size = size if sized is None else sized
        kind = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        if isinstance(kind, GraphQLList):
            # The list takes the size; what it holds is sized by arguments of its own, if any.
            return 1 + size * self._selection(node.selection_set, get_named_type(kind), 1)
        return 1 + self._selection(node.selection_set, get_named_type(definition.type), size)


def _size(node: FieldNode, arguments: dict[str, Any]) -> int | None:
    """How many items a field's list may hold, if an argument sizes it."""
    for name, largest in _SIZES.items():
        argument = arguments.get(name)
        if argument is None:
            continue
        given = next((a.value for a in node.arguments or () if a.name.value == name), None)
        if isinstance(given, IntValueNode):
            return max(0, min(int(given.value), largest))
        if isinstance(given, ListValueNode):
            return min(len(given.values), largest)
        if given is not None and not isinstance(given, VariableNode):
            return 1  # one value where a list is expected: a list of it
        if given is None and isinstance(argument.default_value, int):
            return min(argument.default_value, largest)
        return largest  # a variable: the most it may be
    return None
