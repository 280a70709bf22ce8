"""Webhook endpoints a tenant's admins register: where the `webhook` channel POSTs, each with its signing secret and,
optionally, the notification types it takes (no row in `webhook_endpoint_types`: every type)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, and_, delete, exists, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, UtcDateTime, utcnow


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index("ix_webhook_endpoints_tenant_id", "tenant_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(2048))
    # `whsec_` + base64: the worker signs with it, so it is kept as given; the API shows it once, at creation.
    secret: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(200), default=None)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebhookEndpointType(Base):
    __tablename__ = "webhook_endpoint_types"

    endpoint_id: Mapped[int] = mapped_column(
        Id, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[str] = mapped_column(String(50), primary_key=True)


def takes(type_: Any) -> Any:
    """Whether the joined endpoint takes notifications of `type_` (a column or parameter): it lists none, or it."""
    listed = select(WebhookEndpointType.endpoint_id).where(WebhookEndpointType.endpoint_id == WebhookEndpoint.id)
    return or_(not_(exists(listed)), exists(listed.where(WebhookEndpointType.type == type_)))


def receiving(tenant_id: Any, type_: Any) -> Any:
    """The join condition of a send's recipients to the endpoints of their tenant that receive `type_`."""
    return and_(WebhookEndpoint.tenant_id == tenant_id, WebhookEndpoint.enabled.is_(True), takes(type_))


async def of_tenant(session: AsyncSession, tenant_id: str) -> list[tuple[WebhookEndpoint, list[str]]]:
    found = list(
        (
            await session.execute(
                select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id).order_by(WebhookEndpoint.id)
            )
        ).scalars()
    )
    types = await types_of(session, [endpoint.id for endpoint in found])
    return [(endpoint, types.get(endpoint.id, [])) for endpoint in found]


async def types_of(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(WebhookEndpointType.endpoint_id, WebhookEndpointType.type)
        .where(WebhookEndpointType.endpoint_id.in_(list(ids)))
        .order_by(WebhookEndpointType.type)
    )
    listed: dict[int, list[str]] = {}
    for endpoint_id, type_ in rows:
        listed.setdefault(endpoint_id, []).append(type_)
    return listed


async def owned(session: AsyncSession, tenant_id: str, endpoint_id: int) -> WebhookEndpoint | None:
    """The endpoint if it is `tenant_id`'s, locked until the transaction ends; None for another tenant's too."""
    return (
        await session.execute(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.tenant_id == tenant_id)
            .with_for_update()
        )
    ).scalar_one_or_none()


async def set_types(session: AsyncSession, endpoint_id: int, types: Sequence[str]) -> None:
    await session.execute(delete(WebhookEndpointType).where(WebhookEndpointType.endpoint_id == endpoint_id))
    session.add_all(WebhookEndpointType(endpoint_id=endpoint_id, type=type_) for type_ in types)
    await session.flush()
