"""schema.graphql is what frontends and codegen read; it must match the running schema."""

from pathlib import Path

from graphql import build_schema
from graphql import print_schema as print_sdl
from graphql.type import GraphQLInputObjectType, GraphQLObjectType
from strawberry.printer import print_schema

from schema.root import schema

SDL = Path(__file__).resolve().parent.parent / "schema.graphql"
REGENERATE = "uv run python main.py schema --output schema.graphql"


def test_committed_sdl_is_current() -> None:
    assert SDL.read_text().strip() == print_schema(schema).strip(), f"schema.graphql is stale; run `{REGENERATE}`"


def _without_descriptions(sdl: str) -> str:
    """The SDL as graphql-core prints it with no descriptions: each field's arguments on one line."""
    built = build_schema(sdl)
    for kind in built.type_map.values():
        kind.description = None
        if isinstance(kind, GraphQLObjectType | GraphQLInputObjectType):
            for field in kind.fields.values():
                field.description = None
                for argument in getattr(field, "args", {}).values():
                    argument.description = None
    return print_sdl(built)


def test_operations_clients_rely_on_exist() -> None:
    sdl = _without_descriptions(SDL.read_text())
    for name in (
        "notifications(first: Int! = 20, after: String = null, filter: NotificationFilter = null, grouped: Boolean! = "
        "false): NotificationConnection!",
        "counts(filters: [NotificationFilter!]!): [Int!]!",
        "countsChanged(filters: [NotificationFilter!]!): [Int!]!",
        "snoozeNotifications(ids: [ID!]!, until: DateTime!): MarkResult!",
        "archiveNotifications(ids: [ID!] = null, filter: NotificationFilter = null): MarkResult!",
        "unreadCount(types: [String!] = null): Int!",
        "markNotificationsRead(ids: [ID!] = null, filter: NotificationFilter = null): MarkResult!",
        "markAllNotificationsRead: MarkResult!",
        "deleteReadNotifications: DeleteResult!",
        "notificationAdded(after: String = null): Notification!",
        "unreadCountChanged: Int!",
    ):
        assert name in sdl, name
