"""Kept unread counts (`models.unread`), so that a badge refresh does not count every unread row (BENCHMARKS.md,
*Kept unread counts*). The table starts empty: a user's count is taken at their first read.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unread_counts",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("counted", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("unread", sa.Integer(), nullable=False),
        sa.Column("valid_until", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_unread_counts")),
    )


def downgrade() -> None:
    op.drop_table("unread_counts")
