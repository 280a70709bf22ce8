"""GraphQL types of events: triggering them, their templates, and the topics users follow."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from schema.types import Priority
from services.templates import Template


@strawberry.input(
    description="An event that happened in your app; its template writes the notification. Name the recipients in "
    "exactly one way: `userIds`, `toTenant: true`, `topic` or `roles`. Without `locale`, each recipient gets it in "
    "the locale stored for them (`registerUsers`): one message per locale among them."
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
    roles: list[str] | None = strawberry.field(
        default=None,
        description="The users of the tenant holding any of these roles (`setUserRoles`), 1 to 50, e.g. "
        '`["warehouse"]`.',
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
        description="The language to write it in for everyone (`de`, `de-AT`); without a template in it, its "
        "language's, then English. An unknown locale falls back the same way. Null: each recipient's own locale.",
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
    group_by: str | None = strawberry.field(
        description="The template of the notifications' group key, such as `{{ sku }}`; null: not grouped."
    )
    throttle_seconds: int | None = strawberry.field(
        description="The throttle window: a recipient's notifications of one group key within it are one entry."
    )
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
            group_by=t.group_by,
            throttle_seconds=t.throttle_seconds,
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
    group_by: str | None = strawberry.field(
        default=None,
        description="The group key's template, such as `{{ sku }}`: notifications get the group key "
        "`<event>:<rendered key>` and collapse in grouped listings. At most 500 characters.",
    )
    throttle_seconds: int | None = strawberry.field(
        default=None,
        description="1 to 604,800, with `groupBy`: the notifications of one group key triggered within this many "
        "seconds of the window's first are one entry in every listing (`groupCount`, the newest's content).",
    )
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


@strawberry.input(description="Users and the roles each is to hold in their tenant, which triggers can address.")
class SetUserRolesInput:
    user_ids: list[strawberry.ID] = strawberry.field(
        description="1 to 1,000 users (registered if new); each holds exactly `roles` afterwards."
    )
    roles: list[str] = strawberry.field(
        description="0 to 50 roles, each 1 to 100 printable characters without spaces (`warehouse`); an empty list "
        "takes every role away."
    )
    tenant_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the caller's tenant; another needs a service token."
    )


@strawberry.type(description="The outcome of setting users' roles.")
class SetUserRolesResult:
    updated: int = strawberry.field(description="How many users were given; each holds `roles` now.")
    roles: list[str] = strawberry.field(description="The roles they hold, without repeats.")
