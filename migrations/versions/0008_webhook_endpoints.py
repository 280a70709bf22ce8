"""Webhook endpoints registered per tenant (`models.webhook`), and the endpoint of each webhook delivery.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_index("ix_webhook_endpoints_tenant_id", "webhook_endpoints", ["tenant_id"])
    op.create_table(
        "webhook_endpoint_types",
        sa.Column("endpoint_id", _ID, nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_endpoint_types_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("endpoint_id", "type", name=op.f("pk_webhook_endpoint_types")),
    )
    # Rows written before endpoints existed went to the one WEBHOOK_URL, which is gone: they keep endpoint 0 and
    # fail as having no endpoint if still open.
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("endpoint_id", _ID, server_default="0", nullable=False))
        batch.drop_constraint("uq_deliveries_message_id_user_id_channel", type_="unique")
        batch.create_unique_constraint(
            "uq_deliveries_message_id_user_id_channel_endpoint_id", ["message_id", "user_id", "channel", "endpoint_id"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM deliveries WHERE endpoint_id <> 0")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_message_id_user_id_channel_endpoint_id", type_="unique")
        batch.create_unique_constraint("uq_deliveries_message_id_user_id_channel", ["message_id", "user_id", "channel"])
        batch.drop_column("endpoint_id")
    op.drop_table("webhook_endpoint_types")
    op.drop_index("ix_webhook_endpoints_tenant_id", table_name="webhook_endpoints")
    op.drop_table("webhook_endpoints")
