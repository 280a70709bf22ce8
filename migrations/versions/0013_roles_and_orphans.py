"""The roles users hold in their tenant (`user_roles`), and inbox rows by message, so that retention finds the
messages no inbox row refers to any more with one index probe each.

The index is built in the migration's transaction, which blocks writes to the inbox while it builds: on a large
PostgreSQL inbox, build it beforehand on each partition with CREATE INDEX CONCURRENTLY, then run this (see README,
*Running in production*).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "user_roles",
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "role", "user_id", name=op.f("pk_user_roles")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users"), ondelete="CASCADE"
        ),
    )
    op.create_index("ix_user_roles_user_id", "user_roles", ["user_id"])
    # On PostgreSQL, on the partitioned table: each partition gets its own.
    op.create_index("ix_inbox_entries_message_id", "inbox_entries", ["message_id"])


def downgrade() -> None:
    op.drop_index("ix_inbox_entries_message_id", table_name="inbox_entries")
    op.drop_index("ix_user_roles_user_id", table_name="user_roles")
    op.drop_table("user_roles")
