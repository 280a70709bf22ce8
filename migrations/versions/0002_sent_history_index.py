"""Index for a tenant's sent history (the admin view), newest first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_messages_tenant_id_id", "messages", ["tenant_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_messages_tenant_id_id", table_name="messages")
