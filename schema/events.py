"""GraphQL types of events: triggering them, their templates, and the topics users follow."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from schema.types import Priority
from services.templates import Template


@strawberry.input(
    description="An event that happened in your app; its template writes the notification. Name the recipients in "
    "exactly one way: `userIds`, `toTenant: true` or `topic`."
)
class TriggerEventInput:
    event: str = strawberry.field(
        description="The event's name: lowercase words joined by dots, such as `sale.completed`. A shipped event "
        "(see the README) or one your tenant saved a template for."
    )
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")
    user_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The recipients: 1 to 1,000 user ids (registered if new)."
    )
    to_tenant: bool | None = strawberry.field(default=None, description="True: every registered user of the tenant.")
    topic: str | None = strawberry.field(
        default=None, description="The users of the tenant following this topic (`subscribeToTopic`), e.g. `order:123`."
    )
    data: JSON | None = strawberry.field(
        default=None,
        description="The event's variables for its template: a JSON object of at most 15 KB. Kept in the "
        "notification's `metadata` as `{event, data, actor}`.",
    )
    actor: str | None = strawberry.field(
        default=None, description="Who caused it, as the templates should name them (`Maria`); at most 200 characters."
    )
    locale: str | None = strawberry.field(
        default=None,
        description="The language to write it in (`de`, `de-AT`); without a template in it, its language's, then "
        "English. An unknown locale falls back the same way.",
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A repeat of a key you already sent with creates nothing and returns the first result.",
    )


@strawberry.type(description="How an event's notification is written in one locale.")
class EventTemplate:
    event: str = strawberry.field(description="The event it writes, such as `sale.completed`.")
    locale: str = strawberry.field(description="Its locale, as Babel names it: `en`, `de`, `de_AT`.")
    type: str = strawberry.field(description="The notifications' type, a lowercase slug such as `sale`.")
    priority: Priority = strawberry.field(description="The notifications' priority.")
    title: str = strawberry.field(description="The title's template (Jinja2 syntax, `{{ variable }}`).")
    message: str = strawberry.field(description="The message's template.")
    action_url: str | None = strawberry.field(
        description="The action URL's template; each `{{ value }}` in it is percent-encoded. Null: no action."
    )
    action_text: str | None = strawberry.field(description="The action label's template; null for none.")
    shipped: bool = strawberry.field(
        description="True for a template shipped with the service; false for one the tenant saved, which replaces "
        "the shipped one of the same event and locale."
    )
    updated_at: datetime | None = strawberry.field(description="When the tenant saved it; null for shipped ones.")

    @classmethod
    def of(cls, t: Template) -> EventTemplate:
        return cls(
            event=t.event,
            locale=t.locale,
            type=t.type,
            priority=Priority.of(t.priority),
            title=t.title,
            message=t.message,
            action_url=t.action_url,
            action_text=t.action_text,
            shipped=t.shipped,
            updated_at=t.updated_at,
        )


@strawberry.input(
    description="A tenant's template for one event in one locale. Checked when saved: syntax errors and what "
    "templates may not use are BAD_USER_INPUT with the line."
)
class EventTemplateInput:
    event: str = strawberry.field(description="The event, such as `sale.completed` or one of your own.")
    locale: str = strawberry.field(default="en", description="The locale it is written in: `en`, `de`, `fr-CA`.")
    type: str = strawberry.field(
        default="system", description="The notifications' type: a lowercase slug such as `sale`."
    )
    priority: Priority = strawberry.field(default=Priority.NORMAL, description="The notifications' priority.")
    title: str = strawberry.field(
        description="The title: text with `{{ variables }}` from the event's data and `actor`, and the filters "
        "`number`, `money(currency)`, `percent`, `date`, `datetime` and `time`. At most 5,000 characters."
    )
    message: str = strawberry.field(description="The message, written like the title.")
    action_url: str | None = strawberry.field(
        default=None, description="Where the notification leads: an http(s):// URL or a /path, with variables."
    )
    action_text: str | None = strawberry.field(default=None, description="The action's label, with variables.")
    tenant_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller's tenant.")


@strawberry.input(description="Users to make follow, or stop following, a topic.")
class TopicSubscriptionInput:
    topic: str = strawberry.field(
        description="What to follow: 1 to 200 printable characters without spaces, such as `order:123`."
    )
    user_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Null: the caller. Other users (1 to 1,000) may be named by admin and service callers only.",
    )
    tenant_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the caller's tenant; another needs a service token."
    )


@strawberry.type(description="The outcome of following or unfollowing a topic.")
class TopicSubscriptionResult:
    topic: str = strawberry.field(description="The topic.")
    changed: int = strawberry.field(
        description="Subscribing: how many users were given (all follow it now). Unsubscribing: how many followed "
        "it and no longer do."
    )
