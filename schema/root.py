"""The root Query, Mutation and Subscription types and the `Schema`, with its limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import AddValidationRules, MaxTokensLimiter
from strawberry.permission import BasePermission
from strawberry.types import ExecutionContext

from execution.documents import Validated
from execution.executor import PlainDataExecutor
from resolvers import mutations, preferences, queries, subscriptions
from resolvers.permissions import Authenticated, Sender
from schema.errors import ErrorCodes, with_code
from schema.introspection import Introspection
from schema.limits import LIMIT_RULES, MAX_QUERY_BYTES, MAX_TOKENS
from schema.preferences import NotificationPreferences, TenantNotificationDefaults
from schema.types import (
    DATE_TIME,
    DeleteResult,
    MarkResult,
    Notification,
    NotificationConnection,
    RegisterUsersResult,
    SendResult,
    SentNotificationConnection,
)

_user: list[type[BasePermission]] = [Authenticated]
_sender: list[type[BasePermission]] = [Sender]


@strawberry.type(description="Reading the caller's inbox and preferences; for senders, what they sent.")
class Query:
    notifications: NotificationConnection = strawberry.field(
        resolver=queries.notifications,
        permission_classes=_user,
        description="The caller's notifications, newest first. `first` is at most 100.",
    )
    # Nullable, so that a missing notification is a null field with its NOT_FOUND error and not a lost response.
    notification: Notification | None = strawberry.field(
        resolver=queries.notification,
        permission_classes=_user,
        description="One of the caller's notifications. Null, with a NOT_FOUND error, when it does not exist, has "
        "expired or is in someone else's inbox: the three cannot be told apart.",
    )
    unread_count: int = strawberry.field(
        resolver=queries.unread_count,
        permission_classes=_user,
        description="How many of the caller's notifications are unread (expired ones not counted).",
    )
    recent_notifications: list[Notification] = strawberry.field(
        resolver=queries.recent_notifications,
        permission_classes=_user,
        description="The caller's newest notifications, read or not, newest first: the first page of `notifications` "
        "without the connection.",
    )
    notification_preferences: NotificationPreferences = strawberry.field(
        resolver=preferences.notification_preferences,
        permission_classes=_user,
        description="The caller's delivery preferences (the defaults until they change any).",
    )
    sent_notifications: SentNotificationConnection = strawberry.field(
        resolver=queries.sent_notifications,
        permission_classes=_sender,
        description="For admin and service callers: a tenant's sent notifications, newest first, with delivery counts.",
    )
    tenant_notification_defaults: TenantNotificationDefaults = strawberry.field(
        resolver=preferences.tenant_notification_defaults,
        permission_classes=_sender,
        description="For admin and service callers: a tenant's notification defaults, under its users' own choices.",
    )


@strawberry.type(description="Changing the caller's inbox and preferences; sending, for admin and service callers.")
class Mutation:
    mark_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_read,
        permission_classes=_user,
        description="Mark some of the caller's notifications read; every open bell of theirs gets the new count.",
    )
    mark_all_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_all_notifications_read,
        permission_classes=_user,
        description="Mark every notification in the caller's inbox read.",
    )
    mark_notifications_unread: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_unread,
        permission_classes=_user,
        description="Mark some of the caller's notifications unread again.",
    )
    delete_read_notifications: DeleteResult = strawberry.mutation(
        resolver=mutations.delete_read_notifications,
        permission_classes=_user,
        description="Remove every read notification from the caller's inbox, for good; unread ones stay.",
    )
    update_notification_preferences: NotificationPreferences = strawberry.mutation(
        resolver=preferences.update_notification_preferences,
        permission_classes=_user,
        description="Change the caller's delivery preferences; returns all of them as they now are.",
    )
    update_tenant_notification_defaults: TenantNotificationDefaults = strawberry.mutation(
        resolver=preferences.update_tenant_notification_defaults,
        permission_classes=_sender,
        description="For admin and service callers: change a tenant's defaults and required types; returns them all.",
    )
    send_notification: SendResult = strawberry.mutation(
        resolver=mutations.send_notification,
        permission_classes=_sender,
        description="One notification to one user, registering the user if new.",
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


@strawberry.type(description="Live updates of the caller's inbox, over graphql-transport-ws websockets at /graphql.")
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
    """Depth, alias, token and cost limits with fragments written out (`schema.limits`, `schema.cost`), made once."""

    def __init__(self) -> None:
        super().__init__(LIMIT_RULES)


def _build(*, subscription: type = Subscription, extensions: Sequence[Any] = (), **kwargs: Any) -> NotificationSchema:
    """The schema; the arguments are for tests of what start-up refuses (`assumptions`)."""
    return NotificationSchema(
        query=Query,
        mutation=Mutation,
        subscription=subscription,
        extensions=[
            ErrorCodes,  # first, so that it sees the errors of every other stage
            Limits,
            Introspection,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            Validated,
            *extensions,
        ],
        execution_context_class=PlainDataExecutor,
        scalar_overrides={datetime: DATE_TIME},
        **kwargs,
    )


schema = _build()

__all__ = ["MAX_QUERY_BYTES", "schema", "with_code"]
