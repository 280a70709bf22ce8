"""GraphQL object types, inputs and enums. Declared once; resolvers convert service results into these."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON
from strawberry.schema.types.base_scalars import DateTimeDefinition

from models.base import utcnow
from models.inbox_filter import Filter as InboxFilter
from models.message import Priority as ModelPriority
from resolvers import deliveries as resolvers_deliveries
from schema.deliveries import Delivery, DeliveryCount
from services import history as history_service
from services import inbox as inbox_service
from services import sending as sending_service
from services.notification import Notification as NotificationData

# strawberry's DateTime (ISO 8601 text), naming the specification its values follow.
DATE_TIME = dataclasses.replace(
    DateTimeDefinition,
    description=(
        "A date and time with its offset from UTC, as RFC 3339 text: `2030-01-01T09:30:00+00:00`. The service "
        "answers in UTC; values you send must carry an offset (`Z`, `+02:00`)."
    ),
    specified_by_url="https://scalars.graphql.org/andimarek/date-time",
)


@strawberry.enum(description="How much a notification matters, lowest first; preferences filter on it.")
class Priority(enum.Enum):
    LOW = strawberry.enum_value(
        "low", description="Informational. In-app by default; email and SMS take it only with their floor at LOW."
    )
    NORMAL = strawberry.enum_value("normal", description="The default for a send. In-app by default.")
    HIGH = strawberry.enum_value(
        "high", description="Needs attention soon: the lowest priority email takes unless the user changes it."
    )
    URGENT = strawberry.enum_value(
        "urgent",
        description="Needs attention now. Always delivered in-app, whatever the user's in-app settings; the only "
        "priority SMS takes unless the user changes it.",
    )

    @property
    def level(self) -> ModelPriority:
        return ModelPriority[self.name]

    @classmethod
    def of(cls, level: ModelPriority) -> Priority:
        return cls[level.name]


@strawberry.enum(description="Which notifications a listing includes, by read state.")
class NotificationStatus(enum.Enum):
    UNREAD = strawberry.enum_value("unread", description="Only those not yet marked read.")
    READ = strawberry.enum_value("read", description="Only those marked read.")
    ALL = strawberry.enum_value("all", description="Read and unread alike.")


@strawberry.type(description="One notification in the caller's inbox.")
class Notification:
    id: strawberry.ID = strawberry.field(
        description="The notification's id: the same in every recipient's inbox, larger for later sends."
    )
    type: str = strawberry.field(
        description="The sender's category for it, a lowercase slug such as `sale` or `inventory` (`system` unless "
        "the sender chose one); filters and per-type preferences use it."
    )
    title: str = strawberry.field(description="A one-line summary, at most 200 characters. Plain text, not HTML.")
    message: str = strawberry.field(description="The body, at most 5,000 characters. Plain text, not HTML.")
    priority: Priority = strawberry.field(description="How much it matters, as the sender chose.")
    is_read: bool = strawberry.field(description="Whether the caller has marked it read.")
    read_at: datetime | None = strawberry.field(description="When the caller marked it read; null while unread.")
    action_url: str | None = strawberry.field(
        description="Where clicking it should take the user: an http(s):// URL or a path on your app (`/sales/123`); "
        "null for none."
    )
    action_text: str | None = strawberry.field(
        description="A label for the action (`View sale`), at most 100 characters; null for none."
    )
    metadata: JSON = strawberry.field(
        description="The sender's own data for your app (a JSON object of at most 16 KB); `{}` when none was sent."
    )
    created_at: datetime = strawberry.field(description="When it was sent.")
    expires_at: datetime | None = strawberry.field(
        description="When it leaves every inbox (it is then neither listed, counted nor found); null if never."
    )

    is_seen: bool = strawberry.field(
        description="Whether the caller has seen it (a bell marks what it shows as seen). A read notification is "
        "always seen."
    )
    seen_at: datetime | None = strawberry.field(description="When it was first marked seen; null while unseen.")
    is_archived: bool = strawberry.field(
        description="Whether the caller archived it: it then leaves the default listing and every count unless a "
        "filter asks for archived ones."
    )
    archived_at: datetime | None = strawberry.field(description="When the caller archived it; null if not archived.")
    snoozed_until: datetime | None = strawberry.field(
        description="When a snooze of it ends (it is hidden until then, and comes back unread); null if not snoozed "
        "or once the snooze is over."
    )
    group_key: str | None = strawberry.field(
        description="The sender's key for grouping: notifications with the same key collapse into one entry of "
        "`notifications(grouped: true)`; null for none."
    )
    group_count: int | None = strawberry.field(
        description="In `notifications(grouped: true)`, and for a throttled event's group (its key starts with `!`) "
        "in every page, how many notifications of its group the filter selects, this one (the newest) included; list "
        "them with `filter: {groupKey: ...}`. Null elsewhere, and for notifications without a group key."
    )

    cursor: str = strawberry.field(
        description="Its position in the inbox: resume `notificationAdded(after:)` or page from it."
    )

    @classmethod
    def of(cls, n: NotificationData) -> Notification:
        return cls(
            id=strawberry.ID(str(n.id)),
            cursor=inbox_service.encode_cursor(n.id),
            type=n.type,
            title=n.title,
            message=n.message,
            priority=Priority.of(n.priority),
            is_read=n.read_at is not None,
            read_at=n.read_at,
            is_seen=n.seen_at is not None,
            seen_at=n.seen_at,
            is_archived=n.archived_at is not None,
            archived_at=n.archived_at,
            snoozed_until=n.snoozed_until if n.snoozed_until is not None and n.snoozed_until > utcnow() else None,
            group_key=n.group_key,
            group_count=n.group_count,
            action_url=n.action_url,
            action_text=n.action_text,
            metadata=cast(JSON, n.metadata),
            created_at=n.created_at,
            expires_at=n.expires_at,
        )


@strawberry.type(description="One notification of a page, with its position in the listing.")
class NotificationEdge:
    cursor: str = strawberry.field(description="Pass as `after` to list what comes after this notification.")
    node: Notification = strawberry.field(description="The notification.")


@strawberry.type(description="Where a page sits in its listing (Relay's cursor connections, paged forward).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="Whether more items follow this page: ask again with `after: endCursor`."
    )
    has_previous_page: bool = strawberry.field(
        description="Whether this page was asked for with `after`, that is, it continues a listing rather than "
        "starting at its newest item. As Relay allows when paging forward, it does not check that the items before "
        "`after` still exist or still match the filter."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of the page's first item; null when empty.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last item, to pass as `after` for the next page; null when empty."
    )

    @classmethod
    def of(cls, cursors: list[str], *, has_next_page: bool, after: str | None) -> PageInfo:
        return cls(
            has_next_page=has_next_page,
            has_previous_page=after is not None,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )


@strawberry.type(description="A page of the caller's notifications, newest first.")
class NotificationConnection:
    edges: list[NotificationEdge] = strawberry.field(description="The notifications of this page, newest first.")
    page_info: PageInfo = strawberry.field(description="Where this page sits, and the cursor for the next one.")

    @classmethod
    def of(cls, page: inbox_service.Page, after: str | None) -> NotificationConnection:
        edges = [
            NotificationEdge(cursor=inbox_service.encode_cursor(n.id), node=Notification.of(n))
            for n in page.notifications
        ]
        cursors = [edge.cursor for edge in edges]
        return cls(edges=edges, page_info=PageInfo.of(cursors, has_next_page=page.has_next_page, after=after))


@strawberry.input(
    description="Which of the caller's notifications to list, count or change; all the conditions given must hold. "
    "Expired and snoozed notifications are never included."
)
class NotificationFilter:
    status: NotificationStatus = strawberry.field(
        default=NotificationStatus.ALL, description="By read state; all by default."
    )
    seen: bool | None = strawberry.field(
        default=None, description="true: only seen ones; false: only unseen ones; null: either."
    )
    archived: bool | None = strawberry.field(
        default=False,
        description="false (the default): only those not archived; true: only archived ones; null: either.",
    )
    types: list[str] | None = strawberry.field(
        default=None, description="Only these types (at most 50); null for every type."
    )
    min_priority: Priority | None = strawberry.field(
        default=None, description="Only this priority and higher; null for every priority."
    )
    created_after: datetime | None = strawberry.field(
        default=None, description="Only those sent at or after this time; null for no lower bound."
    )
    created_before: datetime | None = strawberry.field(
        default=None, description="Only those sent before this time; null for no upper bound."
    )
    group_key: str | None = strawberry.field(
        default=None, description="Only those of this group (`groupKey`): a grouped entry, expanded."
    )

    def selection(self) -> InboxFilter:
        return InboxFilter(
            unread=_UNREAD[self.status],
            seen=self.seen,
            archived=self.archived,
            types=self.types,
            min_priority=self.min_priority.level if self.min_priority else None,
            created_after=self.created_after,
            created_before=self.created_before,
            group_key=self.group_key,
        )


_UNREAD = {NotificationStatus.UNREAD: True, NotificationStatus.READ: False, NotificationStatus.ALL: None}


@strawberry.type(
    description="The outcome of changing the state of notifications: read, seen, archived, snoozed, deleted."
)
class MarkResult:
    updated_count: int = strawberry.field(
        description="How many notifications changed state. Those that were already in that state are not counted."
    )
    unread_count: int = strawberry.field(description="The caller's unread count afterwards.")
    notifications: list[Notification] = strawberry.field(
        description=(
            "The notifications as they are now, newest first, so that a normalised client cache (Apollo, urql) "
            "updates itself: those of `ids` you hold, whether or not this call changed them; for "
            f"markAllNotificationsRead and changes by `filter`, the newest {inbox_service.MAX_LISTED_CHANGES:,} it "
            "changed (`updatedCount` says how many in all); none for deleteNotifications."
        )
    )


@strawberry.type(description="The outcome of deleting the caller's read notifications.")
class DeleteResult:
    deleted_count: int = strawberry.field(description="How many read notifications left the inbox.")


@strawberry.input
class NotificationContent:
    title: str = strawberry.field(description="A one-line summary: 1 to 200 characters, plain text.")
    message: str = strawberry.field(description="The body: 1 to 5,000 characters, plain text.")
    type: str = strawberry.field(
        default="system",
        description="A category your app chooses: a lowercase slug of at most 50 characters (a-z, 0-9, `_`, `-`, "
        "`.`), starting with a letter.",
    )
    priority: Priority = strawberry.field(default=Priority.NORMAL, description="How much it matters.")
    action_url: str | None = strawberry.field(
        default=None,
        description="Where clicking it takes the user: an http(s):// URL or a path starting with `/`, at most 2,048 "
        "characters.",
    )
    action_text: str | None = strawberry.field(
        default=None, description="A label for the action, at most 100 characters."
    )
    metadata: JSON | None = strawberry.field(
        default=None, description="Your own data for the receiving app: a JSON object of at most 16 KB."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it leaves the inboxes; in the future, with an offset from UTC. Null: never."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A repeat of a key you already sent with creates nothing and returns the first result.",
    )
    group_key: str | None = strawberry.field(
        default=None,
        description="Groups it with the recipient's other notifications of the same key (the same order, say): "
        "`notifications(grouped: true)` shows them as one entry. 1 to 200 characters; null for none.",
    )


@strawberry.input(description="A notification for one user.")
class SendNotificationInput(NotificationContent):
    user_id: strawberry.ID = strawberry.field(
        description="The recipient, as your app names its users (the token's `sub`)."
    )
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input(description="One notification for several users.")
class SendBulkNotificationsInput(NotificationContent):
    user_ids: list[strawberry.ID] = strawberry.field(
        description="The recipients: 1 to 1,000 user ids; repeats are sent to once."
    )
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input(description="One notification for every registered user of a tenant.")
class SendTenantNotificationInput(NotificationContent):
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.type(description="What a send did.")
class SendResult:
    delivered: int = strawberry.field(description="Inboxes it was put in.")
    skipped: int = strawberry.field(description="Recipients whose preferences turned it away.")
    duplicate: bool = strawberry.field(description="True when the idempotency key was already used: nothing new sent.")
    notification: Notification = strawberry.field(description="What was sent, as each recipient sees it (unread).")

    @classmethod
    def of(cls, result: sending_service.SendResult) -> SendResult:
        return cls(
            delivered=result.delivered,
            skipped=result.skipped,
            duplicate=result.duplicate,
            notification=Notification.of(result.notification),
        )


@strawberry.input(description="A user to register, with contact details for the senders of email and SMS.")
class UserInput:
    user_id: strawberry.ID = strawberry.field(
        description="The user's id in your app (the token's `sub`): 1 to 100 printable characters."
    )
    email: str | None = strawberry.field(
        default=None, description="An email address, at most 320 characters; null leaves any stored one."
    )
    phone: str | None = strawberry.field(
        default=None,
        description="A phone number in E.164 form, + and country code (`+14155550100`; spaces and dashes are "
        "dropped), checked to be a valid number and stored as E.164; null leaves any stored one.",
    )
    locale: str | None = strawberry.field(
        default=None,
        description="The user's locale (`de`, `de-AT`): events triggered to this user alone are written in it unless "
        "the trigger names one. Null leaves any stored one.",
    )


@strawberry.input(description="Users to register in a tenant.")
class RegisterUsersInput:
    users: list[UserInput] = strawberry.field(description="1 to 1,000 users, each once.")
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.type(description="The outcome of registering users.")
class RegisterUsersResult:
    registered: int = strawberry.field(description="How many users were given, new and already known alike.")


@strawberry.type(description="A notification as sent: its content and how many inboxes it reached.")
class SentNotification:
    notification: Notification = strawberry.field(
        description="Its content, as a recipient sees it; `isRead` and `readAt` say nothing about recipients."
    )
    sender: str = strawberry.field(
        description="Who sent it: `<length of tenant id>:<tenant id>/<user id>` of the sending token, or `cli` for "
        "`python main.py send`."
    )
    sender_name: str = strawberry.field(
        description="Who sent it, as people read it: `admin1 (acme)` for user `admin1` of tenant `acme`."
    )
    delivered: int = strawberry.field(description="Inboxes it was put in: its recipients.")
    skipped: int = strawberry.field(description="Recipients whose preferences turned it away.")
    read: int = strawberry.field(description="Recipients who have read it.")
    tenant: strawberry.Private[str]
    deliveries: list[Delivery] = strawberry.field(
        resolver=resolvers_deliveries.notification_deliveries,
        description="Its deliveries beyond the inbox (email, SMS, webhooks), in the order they were written, with "
        "where each stands and why it failed, if it did. `first` is at most 100: `deliveryCounts` sums up a large "
        "send.",
    )
    delivery_counts: list[DeliveryCount] = strawberry.field(
        resolver=resolvers_deliveries.notification_delivery_counts,
        description="How many of its deliveries are on each channel in each status (counted by the database, "
        "whatever the number of recipients); channels and statuses with none are left out.",
    )

    @classmethod
    def of(cls, sent: history_service.Sent) -> SentNotification:
        return cls(
            notification=Notification.of(sent.notification),
            sender=sent.sender,
            sender_name=sent.sender_name,
            delivered=sent.delivered,
            skipped=sent.skipped,
            read=sent.read,
            tenant=sent.tenant,
        )


@strawberry.type(description="One sent notification of a page, with its position in the listing.")
class SentNotificationEdge:
    cursor: str = strawberry.field(description="Pass as `after` to list what was sent before this one.")
    node: SentNotification = strawberry.field(description="The sent notification.")


@strawberry.type(description="A page of a tenant's sent notifications, newest first.")
class SentNotificationConnection:
    edges: list[SentNotificationEdge] = strawberry.field(description="The sent notifications of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits, and the cursor for the next one.")

    @classmethod
    def of(cls, page: history_service.SentPage, after: str | None) -> SentNotificationConnection:
        edges = [
            SentNotificationEdge(cursor=inbox_service.encode_cursor(s.notification.id), node=SentNotification.of(s))
            for s in page.sent
        ]
        cursors = [edge.cursor for edge in edges]
        return cls(edges=edges, page_info=PageInfo.of(cursors, has_next_page=page.has_next_page, after=after))
