"""The root Query, Mutation and Subscription types and the `Schema`, with its limits."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import AddValidationRules, MaxTokensLimiter
from strawberry.permission import BasePermission
from strawberry.types import ExecutionContext

from resolvers import mutations, queries, subscriptions
from resolvers.documents import Validated
from resolvers.permissions import Authenticated, Sender
from schema.errors import ErrorCodes, with_code
from schema.execution import PlainDataExecutor
from schema.limits import LIMIT_RULES, MAX_QUERY_BYTES, MAX_TOKENS
from schema.types import (
    DeleteResult,
    MarkResult,
    Notification,
    NotificationConnection,
    NotificationPreferences,
    RegisterUsersResult,
    SendResult,
    SentNotificationConnection,
)

_user: list[type[BasePermission]] = [Authenticated]
_sender: list[type[BasePermission]] = [Sender]


@strawberry.type
class Query:
    notifications: NotificationConnection = strawberry.field(
        resolver=queries.notifications,
        permission_classes=_user,
        description="The caller's notifications, newest first. `first` is at most 100.",
    )
    notification: Notification = strawberry.field(resolver=queries.notification, permission_classes=_user)
    unread_count: int = strawberry.field(resolver=queries.unread_count, permission_classes=_user)
    recent_notifications: list[Notification] = strawberry.field(
        resolver=queries.recent_notifications, permission_classes=_user
    )
    notification_preferences: NotificationPreferences = strawberry.field(
        resolver=queries.notification_preferences, permission_classes=_user
    )
    sent_notifications: SentNotificationConnection = strawberry.field(
        resolver=queries.sent_notifications,
        permission_classes=_sender,
        description="For admin and service callers: a tenant's sent notifications, newest first, with delivery counts.",
    )


@strawberry.type
class Mutation:
    mark_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_read, permission_classes=_user
    )
    mark_all_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_all_notifications_read, permission_classes=_user
    )
    mark_notifications_unread: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_unread, permission_classes=_user
    )
    delete_read_notifications: DeleteResult = strawberry.mutation(
        resolver=mutations.delete_read_notifications, permission_classes=_user
    )
    update_notification_preferences: NotificationPreferences = strawberry.mutation(
        resolver=mutations.update_notification_preferences, permission_classes=_user
    )
    send_notification: SendResult = strawberry.mutation(
        resolver=mutations.send_notification, permission_classes=_sender
    )
    send_bulk_notifications: SendResult = strawberry.mutation(
        resolver=mutations.send_bulk_notifications,
        permission_classes=_sender,
        description="One notification to up to 1,000 users.",
    )
    send_tenant_notification: SendResult = strawberry.mutation(
        resolver=mutations.send_tenant_notification,
        permission_classes=_sender,
        description="One notification to every registered user of a tenant.",
    )
    register_users: RegisterUsersResult = strawberry.mutation(
        resolver=mutations.register_users,
        permission_classes=_sender,
        description="Register users ahead of their first visit, so tenant-wide sends reach them.",
    )


@strawberry.type
class Subscription:
    notification_added = strawberry.subscription(
        resolver=subscriptions.notification_added,
        permission_classes=_user,
        description="The caller's new notifications. With `after` (a cursor), first every newer one, oldest first.",
    )
    unread_count_changed = strawberry.subscription(
        resolver=subscriptions.unread_count_changed,
        permission_classes=_user,
        description="The caller's unread count: its current value, then each new value.",
    )


class NotificationSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Errors are logged where they are classified (schema.errors), so expected ones make no noise here.
        return None


class Limits(AddValidationRules):
    """Depth, alias and token limits with fragments written out (`schema.limits`), made once."""

    def __init__(self) -> None:
        super().__init__(LIMIT_RULES)


def _build(**kwargs: Any) -> NotificationSchema:
    return NotificationSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            ErrorCodes,  # first, so that it sees the errors of every other stage
            Limits,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            Validated,
        ],
        execution_context_class=PlainDataExecutor,
        **kwargs,
    )


schema = _build()

__all__ = ["MAX_QUERY_BYTES", "schema", "with_code"]
