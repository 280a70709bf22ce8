"""Preferences, completed: quiet hours, time zone and email digest per user; tenant defaults and required types.
And deliveries without their unique constraint, which a send's one INSERT .. SELECT never needed and paid for.

A user's settings become nullable ("not chosen": the tenant's default, then the built-in one applies). Rows were
written whole, with the built-in defaults for whatever the user never changed; those values become NULL, which
decides the same until a tenant sets defaults, and lets the tenant's apply once it does.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The built-in defaults as they were when the columns were NOT NULL (models.preference.DEFAULTS).
_OLD_DEFAULTS = {
    "in_app": sa.true(),
    "email": sa.false(),
    "sms": sa.false(),
    "in_app_min_priority": 0,
    "email_min_priority": 2,
    "sms_min_priority": 3,
}
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _settings() -> list[sa.Column[object]]:
    return [
        sa.Column("quiet_hours", sa.Boolean(), nullable=True),
        sa.Column("quiet_start", sa.SmallInteger(), nullable=True),
        sa.Column("quiet_end", sa.SmallInteger(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("email_digest", sa.String(length=10), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_message_id_user_id_channel_endpoint_id", type_="unique")
    booleans = ("in_app", "email", "sms")
    with op.batch_alter_table("notification_preferences") as batch:
        for name in _OLD_DEFAULTS:
            kind = sa.Boolean() if name in booleans else sa.SmallInteger()
            batch.alter_column(name, existing_type=kind, nullable=True)
        for column in _settings():
            batch.add_column(column)
    table = sa.table("notification_preferences", *(sa.column(name) for name in _OLD_DEFAULTS))
    for name, value in _OLD_DEFAULTS.items():
        op.execute(table.update().where(table.c[name] == value).values({name: None}))
    op.create_table(
        "tenant_preferences",
        sa.Column("in_app", sa.Boolean(), nullable=True),
        sa.Column("email", sa.Boolean(), nullable=True),
        sa.Column("sms", sa.Boolean(), nullable=True),
        sa.Column("in_app_min_priority", sa.SmallInteger(), nullable=True),
        sa.Column("email_min_priority", sa.SmallInteger(), nullable=True),
        sa.Column("sms_min_priority", sa.SmallInteger(), nullable=True),
        *_settings(),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_preferences")),
    )
    op.create_table(
        "tenant_type_preferences",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("in_app", sa.Boolean(), nullable=True),
        sa.Column("email", sa.Boolean(), nullable=True),
        sa.Column("sms", sa.Boolean(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "type", name=op.f("pk_tenant_type_preferences")),
    )


def downgrade() -> None:
    op.drop_table("tenant_type_preferences")
    op.drop_table("tenant_preferences")
    table = sa.table("notification_preferences", *(sa.column(name) for name in _OLD_DEFAULTS))
    for name, value in _OLD_DEFAULTS.items():
        op.execute(table.update().where(table.c[name].is_(None)).values({name: value}))
    with op.batch_alter_table("notification_preferences") as batch:
        for column in reversed(_settings()):
            batch.drop_column(column.name)
        for name in _OLD_DEFAULTS:
            kind = sa.Boolean() if name in ("in_app", "email", "sms") else sa.SmallInteger()
            batch.alter_column(name, existing_type=kind, nullable=False)
    with op.batch_alter_table("deliveries") as batch:
        batch.create_unique_constraint(
            "uq_deliveries_message_id_user_id_channel_endpoint_id", ["message_id", "user_id", "channel", "endpoint_id"]
        )
