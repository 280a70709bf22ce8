"""Each tenant's event number: how many of its sends have been announced, so that a listener can tell one went missing.

A send that announces an event takes its tenant's next number in the transaction that stores it, under the tenant's
order (`services.runtime.Runtime.ordered`), and its event carries it. A tenant's events are therefore numbered
1, 2, 3 … without holes, whichever process sent them: a listener that hears N + 2 after N knows that N + 1 was
stored and its event lost. A tenant without a row has had no event yet (0).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, String, any_, bindparam, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Id, insert_for


class TenantSequence(Base):
    __tablename__ = "tenant_sequences"

    tenant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    seq: Mapped[int] = mapped_column(Id)  # the number of the tenant's latest event


def _advance(insert: Any) -> Any:
    """The tenant's row with its number one higher (1 if it had none), returning the new number."""
    return insert.on_conflict_do_update(
        index_elements=[TenantSequence.tenant_id], set_={"seq": TenantSequence.seq + 1}
    ).returning(TenantSequence.seq)


def advanced_if(tenant: ColumnElement[str], announced: ColumnElement[bool]) -> Any:
    """PostgreSQL: `advance` as part of a larger statement (a data-modifying CTE), only where `announced` holds."""
    rows = select(tenant, literal(1, Id)).where(announced)
    return _advance(pg_insert(TenantSequence).from_select(["tenant_id", "seq"], rows))


async def advance(session: AsyncSession, tenant_id: str) -> int:
    """Take the tenant's next number, in the send's transaction."""
    insert = insert_for(session)(TenantSequence).values(tenant_id=tenant_id, seq=1)
    return int((await session.execute(_advance(insert))).scalar_one())


async def latest(session: AsyncSession, tenant_ids: Collection[str]) -> dict[str, int]:
    """The numbers of these tenants' latest events (0: none yet), in one statement however many tenants."""
    tenant = TenantSequence.tenant_id
    bind = session.bind
    among = (
        tenant == any_(bindparam("tenants", list(tenant_ids), type_=ARRAY(String)))
        if bind is not None and bind.dialect.name == "postgresql"
        else tenant.in_(list(tenant_ids))
    )
    found = {row[0]: row[1] for row in await session.execute(select(tenant, TenantSequence.seq).where(among))}
    return {tenant_id: int(found.get(tenant_id, 0)) for tenant_id in tenant_ids}
