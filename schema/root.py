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
from resolvers import deliveries, events, mutations, preferences, queries, subscriptions, webhooks
from resolvers.permissions import Authenticated, Sender, TenantAdmin
from schema.deliveries import RetryDeliveriesResult
from schema.errors import ErrorCodes, with_code
from schema.events import EventTemplate, SetUserRolesResult, TopicSubscriptionResult
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
    SentNotification,
    SentNotificationConnection,
)
from schema.webhooks import CreatedWebhookEndpoint, WebhookEndpoint

_user: list[type[BasePermission]] = [Authenticated]
_sender: list[type[BasePermission]] = [Sender]
_admin: list[type[BasePermission]] = [TenantAdmin]


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
        description="How many of the caller's notifications are unread (expired, archived and snoozed ones not "
        "counted).",
    )
    counts: list[int] = strawberry.field(
        resolver=queries.counts,
        permission_classes=_user,
        description="How many of the caller's notifications each filter selects, in the order asked, exact at any "
        "size: `[{status: UNREAD}, {seen: false}, {minPriority: URGENT, status: UNREAD}]`. Archived ones only when a "
        "filter says `archived: true` or null; expired and snoozed ones never.",
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
    event_templates: list[EventTemplate] = strawberry.field(
        resolver=events.event_templates,
        permission_classes=_sender,
        description="For admin and service callers: the event templates in force for a tenant, by event and locale: "
        "its own, and the shipped ones it has not replaced.",
    )
    user_roles: list[str] = strawberry.field(
        resolver=events.user_roles,
        permission_classes=_admin,
        description="For admin and service callers: the roles a user of a tenant holds (`setUserRoles`), in order.",
    )
    followed_topics: list[str] = strawberry.field(
        resolver=events.followed_topics,
        permission_classes=_user,
        description="The topics the caller follows, in order (at most 1,000).",
    )
    # Nullable, as `notification`: a missing one is a null field with its NOT_FOUND error.
    sent_notification: SentNotification | None = strawberry.field(
        resolver=queries.sent_notification,
        permission_classes=_sender,
        description="For admin and service callers: one of a tenant's sent notifications, with its deliveries. Null, "
        "with a NOT_FOUND error, for one that does not exist or is another tenant's.",
    )
    webhook_endpoints: list[WebhookEndpoint] = strawberry.field(
        resolver=webhooks.webhook_endpoints,
        permission_classes=_admin,
        description="For admin and service callers: a tenant's webhook endpoints, oldest first (without secrets).",
    )


@strawberry.type(description="Changing the caller's inbox and preferences; sending, for admin and service callers.")
class Mutation:
    mark_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_read,
        permission_classes=_user,
        description="Mark some of the caller's notifications read (and seen), by `ids` or by `filter`; every open "
        "bell of theirs gets the new count.",
    )
    mark_all_notifications_read: MarkResult = strawberry.mutation(
        resolver=mutations.mark_all_notifications_read,
        permission_classes=_user,
        description="Mark every notification in the caller's inbox read.",
    )
    mark_notifications_unread: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_unread,
        permission_classes=_user,
        description="Mark some of the caller's notifications unread again, by `ids` or by `filter`.",
    )
    mark_notifications_seen: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_seen,
        permission_classes=_user,
        description="Mark some of the caller's notifications seen, by `ids` or by `filter`: what a bell does with "
        "what it shows when opened. The unread count does not change; counts of unseen ones do.",
    )
    mark_notifications_unseen: MarkResult = strawberry.mutation(
        resolver=mutations.mark_notifications_unseen,
        permission_classes=_user,
        description="Mark some of the caller's unread notifications unseen again, by `ids` or by `filter`; read ones "
        "stay seen (mark them unread first).",
    )
    archive_notifications: MarkResult = strawberry.mutation(
        resolver=mutations.archive_notifications,
        permission_classes=_user,
        description="Archive some of the caller's notifications, by `ids` or by `filter`: they leave the default "
        "listing and every count, and stay listable with `filter: {archived: true}`.",
    )
    unarchive_notifications: MarkResult = strawberry.mutation(
        resolver=mutations.unarchive_notifications,
        permission_classes=_user,
        description="Bring archived notifications back, by `ids` or by `filter` (say `archived: true` in it).",
    )
    delete_notifications: MarkResult = strawberry.mutation(
        resolver=mutations.delete_notifications,
        permission_classes=_user,
        description="Remove some of the caller's notifications for good, read or not, by `ids` or by `filter`.",
    )
    snooze_notifications: MarkResult = strawberry.mutation(
        resolver=mutations.snooze_notifications,
        permission_classes=_user,
        description="Hide some of the caller's notifications until `until`: they leave lists and counts, then come "
        "back unread and unseen, and are delivered again to open `notificationAdded` subscriptions at that time.",
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
    trigger_event: SendResult = strawberry.mutation(
        resolver=events.trigger_event,
        permission_classes=_sender,
        description="Report an event (`sale.completed`) with its data: its template, in the recipients' locale, "
        "writes the notification, which is sent as `sendBulkNotifications` and `sendTenantNotification` send.",
    )
    upsert_event_template: EventTemplate = strawberry.mutation(
        resolver=events.upsert_event_template,
        permission_classes=_sender,
        description="Save a tenant's template for an event in a locale, replacing the shipped one (if any) for it.",
    )
    delete_event_template: DeleteResult = strawberry.mutation(
        resolver=events.delete_event_template,
        permission_classes=_sender,
        description="Remove a tenant's template for an event in a locale; a shipped one is then in force again.",
    )
    set_user_roles: SetUserRolesResult = strawberry.mutation(
        resolver=events.set_user_roles,
        permission_classes=_admin,
        description="For admin and service callers: the roles users hold in a tenant, which `triggerEvent` can "
        "address (`roles`). Replaces each user's roles; an empty list removes them all.",
    )
    subscribe_to_topic: TopicSubscriptionResult = strawberry.mutation(
        resolver=events.subscribe_to_topic,
        permission_classes=_user,
        description="Follow a topic (`order:123`): events triggered to it reach its followers. Anyone may follow "
        "topics themselves; admin and service callers may subscribe other users of their tenant.",
    )
    unsubscribe_from_topic: TopicSubscriptionResult = strawberry.mutation(
        resolver=events.unsubscribe_from_topic,
        permission_classes=_user,
        description="Stop following a topic; the same rules as `subscribeToTopic`.",
    )
    retry_deliveries: RetryDeliveriesResult = strawberry.mutation(
        resolver=deliveries.retry_deliveries,
        permission_classes=_admin,
        description="Try a tenant's failed deliveries again (of one notification, one channel or one endpoint, or "
        "all): each is due at once, keeps its id, and gets a fresh count of attempts.",
    )
    create_webhook_endpoint: CreatedWebhookEndpoint = strawberry.mutation(
        resolver=webhooks.create_webhook_endpoint,
        permission_classes=_admin,
        description="Register a webhook endpoint for a tenant; the answer carries its signing secret, shown once.",
    )
    update_webhook_endpoint: WebhookEndpoint = strawberry.mutation(
        resolver=webhooks.update_webhook_endpoint,
        permission_classes=_admin,
        description="Change a tenant's webhook endpoint: its URL, note, types, or enable or disable it.",
    )
    delete_webhook_endpoint: bool = strawberry.mutation(
        resolver=webhooks.delete_webhook_endpoint,
        permission_classes=_admin,
        description="Remove a tenant's webhook endpoint; its open deliveries fail. True when it was removed.",
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
    counts_changed = strawberry.subscription(
        resolver=subscriptions.counts_changed,
        permission_classes=_user,
        description="What `counts(filters)` answers: its current value, then each new value whenever a change to the "
        "caller's inbox (a send, a mark, an archive, a snooze ending...) changes it, from any tab or process.",
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
