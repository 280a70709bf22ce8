"""GraphQL object types, inputs and enums. Declared once; resolvers convert service results into these."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from models.message import Priority as ModelPriority
from services import history as history_service
from services import inbox as inbox_service
from services.notification import Notification as NotificationData
from services.preferences import Preferences


@strawberry.enum(description="How much a notification matters; preferences filter on it.")
class Priority(enum.Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def level(self) -> ModelPriority:
        return ModelPriority[self.name]

    @classmethod
    def of(cls, level: ModelPriority) -> Priority:
        return cls[level.name]


@strawberry.enum
class NotificationStatus(enum.Enum):
    UNREAD = "unread"
    READ = "read"
    ALL = "all"


@strawberry.type(description="One notification in the caller's inbox.")
class Notification:
    id: strawberry.ID
    type: str
    title: str
    message: str
    priority: Priority
    is_read: bool
    read_at: datetime | None
    action_url: str | None
    action_text: str | None
    metadata: JSON
    created_at: datetime
    expires_at: datetime | None

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
            action_url=n.action_url,
            action_text=n.action_text,
            metadata=cast(JSON, n.metadata),
            created_at=n.created_at,
            expires_at=n.expires_at,
        )


@strawberry.type
class NotificationEdge:
    cursor: str
    node: Notification


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class NotificationConnection:
    edges: list[NotificationEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: inbox_service.Page) -> NotificationConnection:
        edges = [
            NotificationEdge(cursor=inbox_service.encode_cursor(n.id), node=Notification.of(n))
            for n in page.notifications
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None),
        )


@strawberry.input
class NotificationFilter:
    status: NotificationStatus = NotificationStatus.ALL
    types: list[str] | None = None
    min_priority: Priority | None = None


@strawberry.type
class MarkResult:
    updated_count: int
    unread_count: int
    notifications: list[Notification] = strawberry.field(
        description=(
            "The notifications as they are now, newest first, so that a normalised client cache (Apollo, urql) "
            "updates itself: those of `ids` you hold, whether or not this call changed them; for "
            f"markAllNotificationsRead, the newest {inbox_service.MAX_LISTED_CHANGES:,} it marked read "
            "(`updatedCount` says how many in all)."
        )
    )


@strawberry.type
class DeleteResult:
    deleted_count: int


@strawberry.type
class ChannelPreference:
    enabled: bool
    min_priority: Priority


@strawberry.type
class TypePreference:
    type: str
    in_app: bool | None
    email: bool | None
    sms: bool | None


@strawberry.type
class NotificationPreferences:
    in_app: ChannelPreference
    email: ChannelPreference
    sms: ChannelPreference
    type_overrides: list[TypePreference]

    @classmethod
    def of(cls, p: Preferences) -> NotificationPreferences:
        return cls(
            in_app=ChannelPreference(enabled=p.in_app, min_priority=Priority.of(p.in_app_min_priority)),
            email=ChannelPreference(enabled=p.email, min_priority=Priority.of(p.email_min_priority)),
            sms=ChannelPreference(enabled=p.sms, min_priority=Priority.of(p.sms_min_priority)),
            type_overrides=[
                TypePreference(type=o.type, in_app=o.in_app, email=o.email, sms=o.sms) for o in p.type_overrides
            ],
        )


@strawberry.input
class ChannelPreferenceInput:
    enabled: bool | None = None
    min_priority: Priority | None = None


@strawberry.input(description="Overrides a type's channel switches; null inherits. All null removes the override.")
class TypePreferenceInput:
    type: str
    in_app: bool | None = None
    email: bool | None = None
    sms: bool | None = None


@strawberry.input(description="Only the fields given change.")
class UpdateNotificationPreferencesInput:
    in_app: ChannelPreferenceInput | None = None
    email: ChannelPreferenceInput | None = None
    sms: ChannelPreferenceInput | None = None
    type_overrides: list[TypePreferenceInput] | None = None


@strawberry.input
class NotificationContent:
    title: str
    message: str
    type: str = "system"
    priority: Priority = Priority.NORMAL
    action_url: str | None = None
    action_text: str | None = None
    metadata: JSON | None = None
    expires_at: datetime | None = None
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A repeat of a key you already sent with creates nothing and returns the first result.",
    )


@strawberry.input
class SendNotificationInput(NotificationContent):
    user_id: strawberry.ID
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input
class SendBulkNotificationsInput(NotificationContent):
    user_ids: list[strawberry.ID]
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input
class SendTenantNotificationInput(NotificationContent):
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.type
class SendResult:
    delivered: int = strawberry.field(description="Inboxes it was put in.")
    skipped: int = strawberry.field(description="Recipients whose preferences turned it away.")
    duplicate: bool = strawberry.field(description="True when the idempotency key was already used: nothing new sent.")
    notification: Notification = strawberry.field(description="What was sent, as each recipient sees it (unread).")


@strawberry.input
class UserInput:
    user_id: strawberry.ID
    email: str | None = None
    phone: str | None = None


@strawberry.input
class RegisterUsersInput:
    users: list[UserInput]
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.type
class RegisterUsersResult:
    registered: int


@strawberry.type(description="A notification as sent: its content and how many inboxes it reached.")
class SentNotification:
    notification: Notification
    sender: str
    delivered: int
    skipped: int


@strawberry.type
class SentNotificationEdge:
    cursor: str
    node: SentNotification


@strawberry.type
class SentNotificationConnection:
    edges: list[SentNotificationEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: history_service.SentPage) -> SentNotificationConnection:
        edges = [
            SentNotificationEdge(
                cursor=inbox_service.encode_cursor(s.notification.id),
                node=SentNotification(
                    notification=Notification.of(s.notification),
                    sender=s.sender,
                    delivered=s.delivered,
                    skipped=s.skipped,
                ),
            )
            for s in page.sent
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end))
