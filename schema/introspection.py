"""Schema introspection (`__schema`, `__type`) refused when the INTROSPECTION setting is off.

The schema is one per process and built at import, before settings are read, and an app's settings are its
runtime's: so the rule is added per operation from the context's runtime (`Introspection`) rather than built into the
schema. The HTTP fast path (`transport.endpoint`) leaves documents that introspect to strawberry's path when it is
off (`introspects`), so that this rule answers them. Subscriptions cannot introspect: graphql's own rules allow
`__schema` and `__type` on the query type only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, FieldNode, GraphQLError, GraphQLSchema, ValidationRule, validate
from strawberry.extensions import SchemaExtension

from resolvers.context import Context

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class NoIntrospection(ValidationRule):
    """graphql's NoSchemaIntrospectionCustomRule, with a code and one error per introspection field."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value in INTROSPECTION_FIELDS:
            message = f"Introspection is turned off on this server: `{node.name.value}` is not available."
            self.report_error(GraphQLError(message, node, extensions={"code": "FORBIDDEN"}))


class Introspection(SchemaExtension):
    """Adds `NoIntrospection` to an operation's rules when its app's settings turn introspection off. A separate
    rule list, so the validation cache (`execution.documents.Validated`) keeps the two verdicts apart."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and not context.runtime.settings.introspection:
            self.execution_context.validation_rules = (*self.execution_context.validation_rules, NoIntrospection)
        yield


def introspects(schema: GraphQLSchema, document: DocumentNode) -> bool:
    return bool(validate(schema, document, [NoIntrospection]))
