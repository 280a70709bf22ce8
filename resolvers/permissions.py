"""Who may call what: strawberry permission classes, so the rule sits on the field it guards."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from resolvers.context import Info


class Authenticated(BasePermission):
    message = "Authentication required."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.require_principal()  # raises with the precise reason and UNAUTHENTICATED
        return True


class Sender(BasePermission):
    """`admin` (own tenant) or `service` (any tenant); the tenant itself is checked by the resolver."""

    message = "Sending notifications needs the admin or service role."
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012  (declared on BasePermission)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.require_principal()
        return bool(principal.roles & {"admin", "service"})


class TenantAdmin(BasePermission):
    """`admin` (own tenant) or `service` (any tenant), for what a tenant is set up with; the resolver checks which."""

    message = "Managing a tenant needs the admin or service role."
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012  (declared on BasePermission)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.require_principal()
        return bool(principal.roles & {"admin", "service"})
