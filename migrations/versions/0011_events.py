"""Event templates written by tenants' admins, topic subscriptions (who follows `order:123`), and users' locales.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "event_templates",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("event", sa.String(length=100), nullable=False),
        sa.Column("locale", sa.String(length=35), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("action_url", sa.Text(), nullable=True),
        sa.Column("action_text", sa.Text(), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "event", "locale", name=op.f("pk_event_templates")),
    )
    op.create_table(
        "topic_subscriptions",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "topic", "user_id", name=op.f("pk_topic_subscriptions")),
    )
    op.create_index("ix_topic_subscriptions_user_id", "topic_subscriptions", ["user_id"])
    op.add_column("users", sa.Column("locale", sa.String(length=35), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "locale")
    op.drop_index("ix_topic_subscriptions_user_id", table_name="topic_subscriptions")
    op.drop_table("topic_subscriptions")
    op.drop_table("event_templates")
