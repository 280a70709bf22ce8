"""Event templates' `group_by` and `throttle_seconds`, and the throttle windows they open.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event_templates", sa.Column("group_by", sa.Text(), nullable=True))
    op.add_column("event_templates", sa.Column("throttle_seconds", sa.Integer(), nullable=True))
    op.create_table(
        "event_windows",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("group", sa.String(length=200), nullable=False),
        sa.Column("opened_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "group", name=op.f("pk_event_windows")),
    )


def downgrade() -> None:
    op.drop_table("event_windows")
    op.drop_column("event_templates", "throttle_seconds")
    op.drop_column("event_templates", "group_by")
