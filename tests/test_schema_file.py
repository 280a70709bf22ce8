"""schema.graphql is what frontends and codegen read; it must match the running schema."""

from pathlib import Path

from strawberry.printer import print_schema

from schema.root import schema

SDL = Path(__file__).resolve().parent.parent / "schema.graphql"
REGENERATE = "uv run python main.py schema --output schema.graphql"


def test_committed_sdl_is_current() -> None:
    assert SDL.read_text().strip() == print_schema(schema).strip(), f"schema.graphql is stale; run `{REGENERATE}`"


def test_operations_clients_rely_on_exist() -> None:
    sdl = SDL.read_text()
    for name in (
        "notifications(first: Int! = 20, after: String = null, filter: NotificationFilter = null)",
        "unreadCount(types: [String!] = null): Int!",
        "markNotificationsRead(ids: [ID!]!): MarkResult!",
        "markAllNotificationsRead: MarkResult!",
        "deleteReadNotifications: DeleteResult!",
        "notificationAdded(after: String = null): Notification!",
        "unreadCountChanged: Int!",
    ):
        assert name in sdl, name
