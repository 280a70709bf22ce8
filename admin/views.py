"""The data admin's pages: one view per table, every query scoped to the session's tenant (`access.Scope`).

Every view lists (`list_query`) and shows one row (`details_query`) through `_scoped`, so an admin of one tenant
never reads another's row, by listing, filtering, searching or guessing an id (a row outside the scope is 404).
Nothing is created, edited or deleted here; the two actions (expiring notifications, retrying failed deliveries)
show what they will change and ask again, in a form that carries the session's CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from markupsafe import Markup
from sqladmin import ModelView, action, expose
from sqladmin.flash import flash
from sqladmin.helpers import object_identifier_values
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, selectinload, undefer
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from admin.access import csrf_valid, scope_of
from models.inbox import InboxEntry
from models.message import Message, Priority
from models.outbox import FAILED, PENDING, SENDING, SENT, Delivery
from models.preference import Preference
from models.role import UserRole
from models.template import EventTemplate
from models.user import User
from models.webhook import WebhookEndpoint
from services import admin as actions
from services.auth import readable_sender
from services.runtime import Runtime

_MAX_ID = 2**63 - 1
_PRIORITIES = [(str(int(p)), p.name.lower()) for p in Priority]
# At most this many rows per action: the pks of one list page, with room to spare.
_MAX_SELECTED = 500


def _ids(text: str) -> list[int]:
    """Row ids from a `pks` parameter; anything that is not one is dropped."""
    ids = [int(part) for part in text.split(",")[:_MAX_SELECTED] if part.strip().isdigit()]
    return [i for i in ids if 0 < i <= _MAX_ID]


class ScopedValues:
    """A filter on a string column, offering the values the session's tenant has (`source`, where they are kept)."""

    has_operator = False
    template = "sqladmin/filters/lookup_filter.html"

    def __init__(
        self,
        column: InstrumentedAttribute[str],
        title: str,
        source: InstrumentedAttribute[str] | None = None,
        tenant: InstrumentedAttribute[str] | None = None,
    ) -> None:
        self.column, self.title, self.parameter_name = column, title, column.key
        self.source = source or column
        self.tenant = tenant

    async def lookups(
        self, request: Request, model: Any, run_query: Callable[[Select[Any]], Any]
    ) -> list[tuple[str, str]]:
        stmt = select(self.source).distinct().order_by(self.source).limit(200)
        tenant = scope_of(request).tenant_id
        if tenant is not None and self.tenant is not None:
            stmt = stmt.where(self.tenant == tenant)
        return [("__all", "All"), *((value[0], value[0]) for value in await run_query(stmt))]

    async def get_filtered_query(self, query: Select[Any], value: Any, model: Any) -> Select[Any]:
        if not isinstance(value, str) or value in ("", "__all"):
            return query
        return query.where(self.column == value)


class Choice:
    """A filter on a column with a few known values; anything else filters nothing."""

    has_operator = False
    template = "sqladmin/filters/lookup_filter.html"

    def __init__(
        self,
        column: InstrumentedAttribute[Any],
        title: str,
        values: Sequence[tuple[str, str]],
        convert: Callable[[str], Any] = str,
    ) -> None:
        self.column, self.title, self.parameter_name = column, title, column.key
        self.values, self.convert = list(values), convert

    async def lookups(
        self, request: Request, model: Any, run_query: Callable[[Select[Any]], Any]
    ) -> list[tuple[str, str]]:
        return [("__all", "All"), *self.values]

    async def get_filtered_query(self, query: Select[Any], value: Any, model: Any) -> Select[Any]:
        if value not in {v for v, _ in self.values}:
            return query
        return query.where(self.column == self.convert(value))


class Dates:
    """A filter on a timestamp: after or before a date or time (ISO 8601; UTC unless it says otherwise)."""

    has_operator = True
    template = "sqladmin/filters/operation_filter.html"

    def __init__(self, column: InstrumentedAttribute[Any], title: str) -> None:
        self.column, self.title, self.parameter_name = column, title, column.key

    def get_operation_options_for_model(self, model: Any) -> list[tuple[str, str]]:
        return [("greater_than", "After"), ("less_than", "Before")]

    async def lookups(
        self, request: Request, model: Any, run_query: Callable[[Select[Any]], Any]
    ) -> list[tuple[str, str]]:
        return []

    async def get_filtered_query(self, query: Select[Any], operation: str, value: Any, model: Any) -> Select[Any]:
        try:
            when = datetime.fromisoformat(str(value).strip())
        except ValueError:
            return query
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when
        if operation == "greater_than":
            return query.where(self.column > when)
        if operation == "less_than":
            return query.where(self.column < when)
        return query


class RowId:
    """A filter on an id column: equal to a number (the notification whose recipients to list)."""

    has_operator = True
    template = "sqladmin/filters/operation_filter.html"

    def __init__(
        self, column: InstrumentedAttribute[int], title: str, narrow: Callable[[int], ColumnElement[bool]] | None = None
    ) -> None:
        self.column, self.title, self.parameter_name = column, title, column.key
        self.narrow = narrow

    def get_operation_options_for_model(self, model: Any) -> list[tuple[str, str]]:
        return [("equals", "Equals")]

    async def lookups(
        self, request: Request, model: Any, run_query: Callable[[Select[Any]], Any]
    ) -> list[tuple[str, str]]:
        return []

    async def get_filtered_query(self, query: Select[Any], operation: str, value: Any, model: Any) -> Select[Any]:
        text = str(value).strip()
        if operation != "equals" or not text.isdigit() or not 0 < int(text) <= _MAX_ID:
            return query
        query = query.where(self.column == int(text))
        return query.where(self.narrow(int(text))) if self.narrow is not None else query


def _priority_of(name: str) -> Callable[[Any, str], str]:
    # NULL: the user chose nothing, so the tenant's default (or the built-in one) applies.
    return lambda model, attribute: (
        "default" if (value := getattr(model, name)) is None else Priority(value).name.lower()
    )


def _when(model: Any, name: str) -> Markup | str:
    """A timestamp as the browser's locale shows it (the page's script), UTC without one."""
    value = getattr(model, name)
    if not isinstance(value, datetime):
        return ""
    shown = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), shown)


class Scoped(ModelView):
    """What every view shares: read-only, paged, and scoped to the session's tenant."""

    runtime: ClassVar[Runtime]
    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    page_size = 50
    page_size_options: ClassVar[list[int]] = [25, 50, 100]

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        """`stmt` narrowed to `tenant_id`'s rows."""
        raise NotImplementedError

    def _base(self) -> Select[Any]:
        return select(self.model)

    def _scoped(self, stmt: Select[Any], request: Request) -> Select[Any]:
        tenant = scope_of(request).tenant_id
        return stmt if tenant is None else self._within(stmt, tenant)

    def list_query(self, request: Request) -> Select[Any]:
        return self._scoped(self._base(), request)

    def count_query(self, request: Request) -> Select[Any]:
        return select(func.count()).select_from(self.list_query(request).subquery())

    def details_query(self, request: Request) -> Select[Any]:
        try:
            values = object_identifier_values(request.path_params["pk"], self.model)
        except (ValueError, TypeError):
            raise HTTPException(status_code=404) from None
        if any(isinstance(v, int) and not 0 <= v <= _MAX_ID for v in values) or len(values) != len(self.pk_columns):
            raise HTTPException(status_code=404)
        stmt = self._base().where(*(column == value for column, value in zip(self.pk_columns, values, strict=True)))
        return self._scoped(stmt, request)

    def form_edit_query(self, request: Request) -> Select[Any]:
        return self.details_query(request)

    async def _chosen(self, request: Request, ids: list[int]) -> list[Any]:
        """The rows among `ids` the session may act on."""
        if not ids:
            return []
        stmt = self.list_query(request).where(self.pk_columns[0].in_(ids)).limit(_MAX_SELECTED)
        return list(await self._run_query(stmt))

    async def _confirm(self, request: Request, verb: str, rows: list[Any], post: str) -> Response:
        return await self.templates.TemplateResponse(
            request,
            "confirm.html",
            {"model_view": self, "verb": verb, "rows": rows, "post": post, "title": self.name_plural},
        )

    def _back(self, request: Request, message: str) -> Response:
        flash(request, message, category="success")
        return RedirectResponse(request.url_for("admin:list", identity=self.identity), status_code=303)


async def _posted_ids(request: Request) -> list[int]:
    form = await request.form()
    if not csrf_valid(request, form.get("csrf_token")):
        raise HTTPException(status_code=403, detail="The form has expired; open it again.")
    pks = form.get("pks")
    return _ids(pks) if isinstance(pks, str) else []


class Notifications(Scoped, model=Message):
    name = "Notification"
    name_plural = "Notifications"
    icon = "fa-solid fa-bell"
    column_list: ClassVar[list[Any]] = [
        Message.id,
        Message.tenant_id,
        Message.sender,
        Message.type,
        Message.title,
        Message.priority,
        Message.delivered_count,
        Message.read_count,
        Message.created_at,
        Message.expires_at,
    ]
    column_details_list: ClassVar[list[Any]] = [
        Message.id,
        Message.tenant_id,
        Message.sender,
        Message.type,
        Message.priority,
        Message.title,
        Message.body,
        Message.action_url,
        Message.action_text,
        Message.data,
        Message.delivered_count,
        Message.skipped_count,
        Message.read_count,
        Message.created_at,
        Message.expires_at,
        Message.idempotency_key,
    ]
    column_labels: ClassVar[dict[Any, str]] = {
        Message.tenant_id: "Tenant",
        Message.delivered_count: "Recipients",
        Message.read_count: "Read",
        Message.skipped_count: "Skipped (preferences)",
        Message.data: "Metadata",
        Message.created_at: "Sent",
        Message.expires_at: "Expires",
    }
    column_searchable_list: ClassVar[list[Any]] = [Message.title, Message.type, Message.sender]
    column_sortable_list: ClassVar[list[Any]] = [Message.id, Message.type, Message.priority, Message.created_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(Message.id, True)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(Message.tenant_id, "Tenant", tenant=Message.tenant_id),
        ScopedValues(Message.type, "Type", tenant=Message.tenant_id),
        Choice(Message.priority, "Priority", _PRIORITIES, int),
        Dates(Message.created_at, "Sent"),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {
        Message.sender: lambda m, a: readable_sender(m.sender),
        Message.priority: lambda m, a: Priority(m.priority).name.lower(),
        Message.created_at: lambda m, a: _when(m, "created_at"),
        Message.expires_at: lambda m, a: _when(m, "expires_at"),
        Message.read_count: lambda m, a, request: Markup('<a href="{}">{}</a>').format(
            _recipients_url(request, m), m.read_count
        ),
    }
    column_formatters_detail = column_formatters

    def _base(self) -> Select[Any]:
        return select(Message).options(undefer(Message.read_count))

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return stmt.where(Message.tenant_id == tenant_id)

    @action("expire", "Expire", add_in_detail=True, add_in_list=True)
    async def expire_page(self, request: Request) -> Response:
        rows = await self._chosen(request, _ids(request.query_params.get("pks", "")))
        return await self._confirm(request, "Expire", rows, str(request.url_for("admin:view-message-expire")))

    @expose("/expire", methods=["POST"])
    async def expire(self, request: Request) -> Response:
        ids = await _posted_ids(request)
        done = await actions.expire_notifications(self.runtime, scope_of(request).tenant_id, ids)
        return self._back(request, f"Expired {done} notification(s).")


def _recipients_url(request: Request, message: Message) -> str:
    """The list of a notification's recipients, with their read state."""
    page = request.url_for("admin:list", identity="inbox-entry")
    return str(page.include_query_params(message_id=message.id, message_id_op="equals"))


def _in_users_of(tenant_id: str, stmt: Select[Any]) -> Select[Any]:
    return stmt.where(User.tenant_id == tenant_id)


class Recipients(Scoped, model=InboxEntry):
    name = "Recipient"
    name_plural = "Recipients"
    icon = "fa-solid fa-inbox"
    column_list: ClassVar[list[Any]] = [
        InboxEntry.message_id,
        InboxEntry.user,
        InboxEntry.type,
        InboxEntry.priority,
        InboxEntry.created_at,
        InboxEntry.read_at,
        InboxEntry.expires_at,
    ]
    column_details_list = column_list
    column_labels: ClassVar[dict[Any, str]] = {InboxEntry.message_id: "Notification", InboxEntry.read_at: "Read"}
    column_sortable_list: ClassVar[list[Any]] = [InboxEntry.message_id, InboxEntry.created_at, InboxEntry.read_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(InboxEntry.message_id, True)]
    column_filters: ClassVar[list[Any]] = [
        # Through the notification's tenant's users: inbox rows are indexed by user first.
        RowId(
            InboxEntry.message_id,
            "Notification",
            lambda id: User.tenant_id == select(Message.tenant_id).where(Message.id == id).scalar_subquery(),
        ),
        ScopedValues(User.tenant_id, "Tenant", tenant=User.tenant_id),
        ScopedValues(InboxEntry.type, "Type", source=Message.type, tenant=Message.tenant_id),
        Choice(InboxEntry.priority, "Priority", _PRIORITIES, int),
        Dates(InboxEntry.created_at, "Sent"),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {
        InboxEntry.user: lambda m, a: f"{m.user.external_id} ({m.user.tenant_id})",
        InboxEntry.priority: lambda m, a: Priority(m.priority).name.lower(),
        InboxEntry.created_at: lambda m, a: _when(m, "created_at"),
        InboxEntry.read_at: lambda m, a: _when(m, "read_at") or "unread",
        InboxEntry.expires_at: lambda m, a: _when(m, "expires_at"),
    }
    column_formatters_detail = column_formatters

    def _base(self) -> Select[Any]:
        return select(InboxEntry).join(User, User.id == InboxEntry.user_id).options(selectinload(InboxEntry.user))

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return _in_users_of(tenant_id, stmt)


class Users(Scoped, model=User):
    name = "User"
    name_plural = "Users"
    icon = "fa-solid fa-user"
    column_list: ClassVar[list[Any]] = [
        User.id,
        User.tenant_id,
        User.external_id,
        User.email,
        User.phone,
        User.created_at,
    ]
    column_details_list = column_list
    column_labels: ClassVar[dict[Any, str]] = {
        User.tenant_id: "Tenant",
        User.external_id: "User id",
        User.created_at: "Registered",
    }
    column_searchable_list: ClassVar[list[Any]] = [User.external_id, User.email, User.phone]
    column_sortable_list: ClassVar[list[Any]] = [User.id, User.external_id, User.created_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(User.id, True)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(User.tenant_id, "Tenant", tenant=User.tenant_id),
        Dates(User.created_at, "Registered"),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {User.created_at: lambda m, a: _when(m, "created_at")}
    column_formatters_detail = column_formatters

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return stmt.where(User.tenant_id == tenant_id)


class Roles(Scoped, model=UserRole):
    name = "Role"
    name_plural = "Roles"
    icon = "fa-solid fa-id-badge"
    column_list: ClassVar[list[Any]] = [UserRole.tenant_id, UserRole.role, UserRole.user, UserRole.created_at]
    column_details_list = column_list
    column_labels: ClassVar[dict[Any, str]] = {UserRole.tenant_id: "Tenant", UserRole.created_at: "Held since"}
    column_searchable_list: ClassVar[list[Any]] = [UserRole.role]
    column_sortable_list: ClassVar[list[Any]] = [UserRole.role, UserRole.created_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(UserRole.role, False)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(UserRole.tenant_id, "Tenant", tenant=UserRole.tenant_id),
        ScopedValues(UserRole.role, "Role", tenant=UserRole.tenant_id),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {
        UserRole.user: lambda m, a: m.user.external_id,
        UserRole.created_at: lambda m, a: _when(m, "created_at"),
    }
    column_formatters_detail = column_formatters

    def _base(self) -> Select[Any]:
        return select(UserRole).options(selectinload(UserRole.user))

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return stmt.where(UserRole.tenant_id == tenant_id)


class Preferences(Scoped, model=Preference):
    name = "Preference"
    name_plural = "Preferences"
    icon = "fa-solid fa-sliders"
    column_list: ClassVar[list[Any]] = [
        Preference.user,
        Preference.in_app,
        Preference.email,
        Preference.sms,
        Preference.in_app_min_priority,
        Preference.email_min_priority,
        Preference.sms_min_priority,
        Preference.updated_at,
    ]
    column_details_list = column_list
    column_sortable_list: ClassVar[list[Any]] = [Preference.updated_at]
    column_filters: ClassVar[list[Any]] = [ScopedValues(User.tenant_id, "Tenant", tenant=User.tenant_id)]
    column_formatters: ClassVar[dict[Any, Any]] = {
        Preference.user: lambda m, a: f"{m.user.external_id} ({m.user.tenant_id})",
        Preference.updated_at: lambda m, a: _when(m, "updated_at"),
        **{
            getattr(Preference, f"{c}_min_priority"): _priority_of(f"{c}_min_priority")
            for c in ("in_app", "email", "sms")
        },
    }
    column_formatters_detail = column_formatters

    def _base(self) -> Select[Any]:
        return select(Preference).join(User, User.id == Preference.user_id).options(selectinload(Preference.user))

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return _in_users_of(tenant_id, stmt)


class Deliveries(Scoped, model=Delivery):
    name = "Delivery"
    name_plural = "Deliveries"
    icon = "fa-solid fa-paper-plane"
    column_list: ClassVar[list[Any]] = [
        Delivery.id,
        Delivery.message_id,
        Delivery.user,
        Delivery.channel,
        Delivery.endpoint_id,
        Delivery.status,
        Delivery.attempts,
        Delivery.next_attempt_at,
        Delivery.sent_at,
        Delivery.last_error,
    ]
    column_details_list = column_list
    column_labels: ClassVar[dict[Any, str]] = {Delivery.message_id: "Notification", Delivery.endpoint_id: "Endpoint"}
    column_sortable_list: ClassVar[list[Any]] = [Delivery.id, Delivery.next_attempt_at, Delivery.attempts]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(Delivery.id, True)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(User.tenant_id, "Tenant", tenant=User.tenant_id),
        Choice(Delivery.status, "Status", [(s, s) for s in (PENDING, SENDING, SENT, FAILED)]),
        Choice(Delivery.channel, "Channel", [(c, c) for c in ("email", "sms", "webhook")]),
        Dates(Delivery.next_attempt_at, "Next attempt"),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {
        Delivery.user: lambda m, a: f"{m.user.external_id} ({m.user.tenant_id})",
        Delivery.next_attempt_at: lambda m, a: _when(m, "next_attempt_at"),
        Delivery.sent_at: lambda m, a: _when(m, "sent_at"),
    }
    column_formatters_detail = column_formatters

    def _base(self) -> Select[Any]:
        return select(Delivery).join(User, User.id == Delivery.user_id).options(selectinload(Delivery.user))

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return _in_users_of(tenant_id, stmt)

    @action("retry", "Retry failed", add_in_detail=True, add_in_list=True)
    async def retry_page(self, request: Request) -> Response:
        rows = await self._chosen(request, _ids(request.query_params.get("pks", "")))
        rows = [row for row in rows if row.status == FAILED]
        return await self._confirm(request, "Retry", rows, str(request.url_for("admin:view-delivery-retry")))

    @expose("/retry", methods=["POST"])
    async def retry(self, request: Request) -> Response:
        ids = await _posted_ids(request)
        done = await actions.retry_deliveries(self.runtime, scope_of(request).tenant_id, ids)
        return self._back(request, f"Retried {done} failed deliver(ies).")


class WebhookEndpoints(Scoped, model=WebhookEndpoint):
    name = "Webhook endpoint"
    name_plural = "Webhook endpoints"
    icon = "fa-solid fa-link"
    # Never the signing secret: the API shows it once, at creation, and this page is for looking, not for copying.
    column_list: ClassVar[list[Any]] = [
        WebhookEndpoint.id,
        WebhookEndpoint.tenant_id,
        WebhookEndpoint.url,
        WebhookEndpoint.description,
        WebhookEndpoint.enabled,
        WebhookEndpoint.created_at,
    ]
    column_details_list = column_list
    column_labels: ClassVar[dict[Any, str]] = {WebhookEndpoint.tenant_id: "Tenant", WebhookEndpoint.url: "URL"}
    column_searchable_list: ClassVar[list[Any]] = [WebhookEndpoint.url, WebhookEndpoint.description]
    column_sortable_list: ClassVar[list[Any]] = [WebhookEndpoint.id, WebhookEndpoint.created_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(WebhookEndpoint.id, True)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(WebhookEndpoint.tenant_id, "Tenant", tenant=WebhookEndpoint.tenant_id)
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {WebhookEndpoint.created_at: lambda m, a: _when(m, "created_at")}
    column_formatters_detail = column_formatters

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return stmt.where(WebhookEndpoint.tenant_id == tenant_id)


class EventTemplates(Scoped, model=EventTemplate):
    name = "Event template"
    name_plural = "Event templates"
    icon = "fa-solid fa-file-lines"
    # A tenant's own templates; the shipped ones are files (events/), listed with these by `eventTemplates`.
    column_list: ClassVar[list[Any]] = [
        EventTemplate.tenant_id,
        EventTemplate.event,
        EventTemplate.locale,
        EventTemplate.type,
        EventTemplate.priority,
        EventTemplate.title,
        EventTemplate.updated_at,
    ]
    column_details_list: ClassVar[list[Any]] = [
        *column_list[:-1],
        EventTemplate.message,
        EventTemplate.action_url,
        EventTemplate.action_text,
        EventTemplate.group_by,
        EventTemplate.throttle_seconds,
        EventTemplate.updated_at,
    ]
    column_labels: ClassVar[dict[Any, str]] = {EventTemplate.tenant_id: "Tenant"}
    column_searchable_list: ClassVar[list[Any]] = [EventTemplate.event, EventTemplate.title]
    column_sortable_list: ClassVar[list[Any]] = [EventTemplate.event, EventTemplate.updated_at]
    column_default_sort: ClassVar[list[tuple[Any, bool]]] = [(EventTemplate.event, False)]
    column_filters: ClassVar[list[Any]] = [
        ScopedValues(EventTemplate.tenant_id, "Tenant", tenant=EventTemplate.tenant_id),
        ScopedValues(EventTemplate.locale, "Locale", tenant=EventTemplate.tenant_id),
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {
        EventTemplate.priority: lambda m, a: Priority(m.priority).name.lower(),
        EventTemplate.updated_at: lambda m, a: _when(m, "updated_at"),
    }
    column_formatters_detail = column_formatters

    def _within(self, stmt: Select[Any], tenant_id: str) -> Select[Any]:
        return stmt.where(EventTemplate.tenant_id == tenant_id)


VIEWS: tuple[type[Scoped], ...] = (
    Notifications,
    Recipients,
    Users,
    Roles,
    Preferences,
    Deliveries,
    WebhookEndpoints,
    EventTemplates,
)
