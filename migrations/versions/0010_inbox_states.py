"""Inbox states beside read: seen, archived, snoozed; and the group key a send may give its notification.

Four nullable columns on `inbox_entries` and one on `messages`, added without rewriting either table. On PostgreSQL
the partitions' index gains the new state columns in its INCLUDE, so the unread and unseen counts stay answered
from the index; it is built again once. Two partial indexes, on the rows with a group key and on the snoozed rows,
take no entry for a send's rows, which have neither.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATES = ("seen_at", "archived_at", "snoozed_until")
_GROUPED = sa.text("group_key IS NOT NULL")
_SNOOZED = sa.text("snoozed_until IS NOT NULL")
_PARTITIONS_INDEX = "ix_inbox_entries_user_id_message_id"


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.add_column("messages", sa.Column("group_key", sa.String(length=200), nullable=True))
    for name in _STATES:
        op.add_column("inbox_entries", sa.Column(name, UtcDateTime(), nullable=True))
    op.add_column("inbox_entries", sa.Column("group_key", sa.String(length=200), nullable=True))
    if _postgresql():
        op.drop_index(_PARTITIONS_INDEX, table_name="inbox_entries")
        op.create_index(
            _PARTITIONS_INDEX,
            "inbox_entries",
            ["user_id", "message_id"],
            postgresql_include=["expires_at", "type", "read_at", *_STATES],
        )
    op.create_index(
        "ix_inbox_entries_group",
        "inbox_entries",
        ["user_id", "group_key", "message_id"],
        postgresql_where=_GROUPED,
        sqlite_where=_GROUPED,
    )
    op.create_index(
        "ix_inbox_entries_snoozed",
        "inbox_entries",
        ["snoozed_until"],
        postgresql_where=_SNOOZED,
        sqlite_where=_SNOOZED,
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_entries_snoozed", table_name="inbox_entries")
    op.drop_index("ix_inbox_entries_group", table_name="inbox_entries")
    if _postgresql():
        op.drop_index(_PARTITIONS_INDEX, table_name="inbox_entries")
        op.create_index(
            _PARTITIONS_INDEX,
            "inbox_entries",
            ["user_id", "message_id"],
            postgresql_include=["expires_at", "type", "read_at"],
        )
    with op.batch_alter_table("inbox_entries") as batch:
        for name in (*_STATES, "group_key"):
            batch.drop_column(name)
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("group_key")
