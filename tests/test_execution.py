"""execution.executor: plain data completed in one pass gives exactly what graphql-core gives, errors included.

Every document runs twice, on the same schema with strawberry's executor and with `PlainDataExecutor`, and the
results must be equal; a counting subclass shows which fields went through graphql-core's per-field machinery, so
the fast pass is known to have run (or to have handed the object back).
"""

from __future__ import annotations

import enum
import gc
from datetime import UTC, datetime
from inspect import isawaitable
from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType, execute, parse
from graphql.pyutils import Path
from strawberry.permission import BasePermission
from strawberry.scalars import JSON
from strawberry.schema._graphql_core import execution_context_class_kwargs  # how strawberry passes it
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from execution.executor import PlainDataExecutor

WHEN = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)


@strawberry.enum
class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


@strawberry.type
class Leaf:
    name: str
    when: datetime
    level: Level
    tags: list[str]
    maybe: int | None = None


@strawberry.type
class Box:
    id: strawberry.ID
    leaf: Leaf
    leaves: list[Leaf]
    optional: Leaf | None
    data: JSON


def _boxes(fault: str | None) -> list[Box]:
    def leaf(i: int) -> Leaf:
        return Leaf(name=f"leaf {i}", when=WHEN, level=Level.HIGH if i % 2 else Level.LOW, tags=["a", str(i)], maybe=i)

    boxes = [
        Box(id=strawberry.ID(str(i)), leaf=leaf(i), leaves=[leaf(i), leaf(i + 1)], optional=None, data=JSON({"i": i}))
        for i in range(3)
    ]
    boxes[1].optional = leaf(9)
    broken = boxes[2].leaves[1]
    if fault == "null":
        broken.name = None  # type: ignore[assignment]  # what a buggy resolver could return
    elif fault == "scalar":
        broken.level = "not a level"  # type: ignore[assignment]
    elif fault == "list":
        broken.tags = 5  # type: ignore[assignment]
    elif fault == "exception":
        broken.name = ValueError("no name")  # type: ignore[assignment]
    elif fault == "tuple":
        boxes[0].leaves = tuple(boxes[0].leaves)  # type: ignore[assignment]
    return boxes


@strawberry.type
class Query:
    @strawberry.field
    def boxes(self, fault: str | None = None) -> list[Box]:
        return _boxes(fault)

    @strawberry.field
    async def later(self, fault: str | None = None) -> list[Box]:
        return _boxes(fault)


class Counted(PlainDataExecutor):
    """Counts the fields graphql-core executed one by one (the root fields always are)."""

    executed = 0

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        Counted.executed += 1
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


PLAIN = strawberry.Schema(query=Query, execution_context_class=Counted)
REFERENCE = strawberry.Schema(query=Query, execution_context_class=StrawberryGraphQLCoreExecutionContext)

SELECTION = "id data leaf { name when level tags maybe } leaves { name level tags } optional { name }"
DOCUMENTS = {
    "plain": f"{{ boxes {{ {SELECTION} }} }}",
    "async root": f"{{ later {{ {SELECTION} }} }}",
    "aliases and typename": "{ b: boxes { __typename key: id leaf { __typename n: name n2: name } } }",
    "fragments": """
        query { boxes { ...B leaves { ... on Leaf { name } ...L } } }
        fragment B on Box { id leaf { ...L } }
        fragment L on Leaf { tags when }""",
    "skip and include": """
        query ($yes: Boolean!, $no: Boolean!) {
          boxes { id @skip(if: $yes) leaf { name @include(if: $yes) level @include(if: $no) } data @skip(if: $no) }
        }""",
    "merged fields": "{ boxes { leaf { name } leaf { level tags } } }",
    "two roots": f"{{ boxes {{ id }} later {{ {SELECTION} }} }}",
}
VARIABLES = {"yes": True, "no": False}


async def _both(document: str, fault: str | None) -> tuple[dict[str, Any], dict[str, Any], int]:
    variables = {**VARIABLES, "fault": fault}
    if fault is not None:
        document = document.replace("boxes", "boxes(fault: $fault)").replace("later", "later(fault: $fault)")
        if document.lstrip().startswith("query ("):
            document = document.replace("query (", "query ($fault: String, ", 1)
        elif document.lstrip().startswith("query"):
            document = document.replace("query", "query ($fault: String)", 1)
        else:
            document = "query ($fault: String) " + document
    Counted.executed = 0
    plain = await PLAIN.execute(document, variable_values=variables)
    executed = Counted.executed
    reference = await REFERENCE.execute(document, variable_values=variables)

    def shown(result: Any) -> dict[str, Any]:
        return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}

    return shown(plain), shown(reference), executed


@pytest.mark.parametrize("name", list(DOCUMENTS))
async def test_plain_data_is_completed_in_one_pass_with_graphql_cores_result(name: str) -> None:
    plain, reference, executed = await _both(DOCUMENTS[name], None)
    assert plain == reference
    assert not reference["errors"] and reference["data"]
    roots = 2 if name == "two roots" else 1
    assert executed == roots, "only the root fields go through graphql-core's per-field execution"


@pytest.mark.parametrize("fault", ["null", "scalar", "list", "exception"])
@pytest.mark.parametrize("name", ["plain", "async root", "fragments"])
async def test_unusual_data_is_handed_back_to_graphql_core_which_reports_it(name: str, fault: str) -> None:
    plain, reference, executed = await _both(DOCUMENTS[name], fault)
    assert plain == reference
    if name == "fragments" and fault == "scalar":  # that document does not select the broken leaf's level
        assert not reference["errors"] and executed == 1
    else:
        assert reference["errors"], "the fault must show in graphql-core's own result"
        assert executed > 1, "the broken object was executed field by field"


async def test_a_tuple_where_a_list_is_due_is_completed_in_the_one_pass() -> None:
    plain, reference, executed = await _both(DOCUMENTS["plain"], "tuple")
    assert plain == reference and not reference["errors"]
    assert executed == 1, "a tuple is a list to both: no hand-back needed"


class Refused(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


class RefusedLater(Refused):
    async def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:  # type: ignore[override]
        return False


@strawberry.type
class Guarded:
    name: str
    secret: str = strawberry.field(permission_classes=[Refused])
    later_secret: JSON = strawberry.field(permission_classes=[RefusedLater])


@strawberry.type
class GuardedQuery:
    @strawberry.field
    def guarded(self) -> list[Guarded]:
        return [Guarded(name="a", secret="s", later_secret=JSON({"s": 1}))]


@pytest.mark.parametrize("field", ["secret", "laterSecret"])
async def test_fields_with_permissions_are_not_plain_data(field: str) -> None:
    document = f"{{ guarded {{ name {field} }} }}"
    Counted.executed = 0
    plain = await strawberry.Schema(query=GuardedQuery, execution_context_class=Counted).execute(document)
    reference = await strawberry.Schema(
        query=GuardedQuery, execution_context_class=StrawberryGraphQLCoreExecutionContext
    ).execute(document)
    assert plain.data == reference.data
    assert [e.formatted for e in plain.errors or []] == [e.formatted for e in reference.errors or []]
    assert [e.message for e in plain.errors or []] == ["not for you"]
    assert Counted.executed > 1, "the guarded object is executed field by field, its permission checked"


def test_an_execution_leaves_nothing_for_the_garbage_collector() -> None:
    # graphql-core's executor refers to itself (`async_helpers`); held weakly, an execution's objects go when it
    # ends, not at the collector's next pass (whose pauses were the requests' tail under load).
    document = parse(DOCUMENTS["plain"])
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds is kept in gc.garbage, to be looked at
    try:
        result = execute(PLAIN._schema, document, **execution_context_class_kwargs(PlainDataExecutor))
        assert not isawaitable(result) and not result.errors and result.data
        del result
        gc.collect()
        assert not [found for found in gc.garbage if isinstance(found, PlainDataExecutor)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
