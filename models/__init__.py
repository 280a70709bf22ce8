"""SQLAlchemy models and the queries that belong to them. Nothing here knows about GraphQL or pub/sub."""

from models.base import Base
from models.inbox import InboxEntry
from models.message import Message
from models.outbox import Delivery
from models.preference import Preference, TypePreference
from models.role import UserRole
from models.sequence import TenantSequence
from models.template import EventTemplate
from models.throttle import EventWindow
from models.topic import TopicSubscription
from models.unread import UnreadCount
from models.user import User
from models.webhook import WebhookEndpoint, WebhookEndpointType

__all__ = [
    "Base",
    "Delivery",
    "EventTemplate",
    "EventWindow",
    "InboxEntry",
    "Message",
    "Preference",
    "TenantSequence",
    "TopicSubscription",
    "TypePreference",
    "UnreadCount",
    "User",
    "UserRole",
    "WebhookEndpoint",
    "WebhookEndpointType",
]
