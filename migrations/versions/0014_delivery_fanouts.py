"""A tenant send's channel deliveries (to all its users, a topic's followers or some roles' holders) as one row per
channel (`delivery_fanouts`), expanded by a worker into the per-recipient outbox rows.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "delivery_fanouts",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("message_id", _ID, nullable=False),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("audience", _JSON, nullable=True),
        sa.Column("users_through", _ID, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_fanouts")),
    )


def downgrade() -> None:
    op.drop_table("delivery_fanouts")
