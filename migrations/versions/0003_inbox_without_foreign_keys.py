"""Inbox rows without foreign-key constraints.

PostgreSQL checks a foreign key once per inserted row (a `FOR KEY SHARE` lookup of the referenced row), so each
inbox row cost two lookups and two row locks: two thirds of a tenant-wide send's time (BENCHMARKS.md, *Inbox
rows*). Inbox rows are only ever created by one INSERT .. SELECT
(`models.delivery.deliver`) that takes the user ids from the users table and the message id from the message inserted
in the same transaction, and nothing deletes users or messages, so the constraints never caught anything.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inbox_entries") as batch:  # SQLite: the table is copied without them
        batch.drop_constraint("fk_inbox_entries_user_id_users", type_="foreignkey")
        batch.drop_constraint("fk_inbox_entries_message_id_messages", type_="foreignkey")


def downgrade() -> None:
    with op.batch_alter_table("inbox_entries") as batch:
        batch.create_foreign_key(
            "fk_inbox_entries_message_id_messages", "messages", ["message_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_foreign_key("fk_inbox_entries_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE")
