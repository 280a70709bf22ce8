"""Each tenant's event number (`models.sequence`), so that a listener can tell an event was lost. Empty at first: a
tenant without a row has had no numbered event.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tenant_sequences",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_sequences")),
    )


def downgrade() -> None:
    op.drop_table("tenant_sequences")
