"""PostgreSQL: inbox rows in two partitions by read state, each with one index on (user_id, message_id).

Every new row is unread, and a tenant send writes one per recipient. With a primary key on (user_id, message_id)
and a partial index on the unread rows, each of those rows cost two index insertions at a different place in
each index, which made a tenant send's store slower (BENCHMARKS.md, *Inbox rows*). Split by
read state, the unread partition's index is what the partial index was (unread rows only, for counts and unread
pages), and the read partition's serves the read rows: a row is inserted into one index, and marking it read
moves it to the other partition. A listing of both merges the two indexes in order (a Merge Append).

There is no primary key: a unique index on a partitioned table must contain the partition key, and this one is an
expression. Rows are unique by construction: each send inserts one row per distinct user, for its own new
message. SQLite keeps the table of 0001 (it has no partitions, and the embedded default is not where sends to
10,000 users are made). The mapping in `models.inbox` is SQLite's table; `models.autogenerate` keeps autogenerate
from proposing to undo this on PostgreSQL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "user_id, message_id, type, priority, created_at, expires_at, read_at"


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=True),
        sa.Column("read_at", UtcDateTime(), nullable=True),
    ]


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.rename_table("inbox_entries", "inbox_entries_0004")
    op.create_table("inbox_entries", *_columns(), postgresql_partition_by="LIST ((read_at IS NULL))")
    op.execute("CREATE TABLE inbox_entries_unread PARTITION OF inbox_entries FOR VALUES IN (true)")
    op.execute("CREATE TABLE inbox_entries_read PARTITION OF inbox_entries FOR VALUES IN (false)")
    op.execute(f"INSERT INTO inbox_entries ({COLUMNS}) SELECT {COLUMNS} FROM inbox_entries_0004")
    op.drop_table("inbox_entries_0004")
    # After the copy: built once per partition rather than entry by entry. Made on each partition as well. With
    # `read_at`, the counts' filter on it is answered from the index, as the partial index's predicate was.
    op.create_index(
        "ix_inbox_entries_user_id_message_id",
        "inbox_entries",
        ["user_id", "message_id"],
        postgresql_include=["expires_at", "type", "read_at"],
    )
    op.execute("ANALYZE inbox_entries")  # autovacuum never analyzes a partitioned table, and its partitions later


def downgrade() -> None:
    if not _postgresql():
        return
    op.rename_table("inbox_entries", "inbox_entries_0005")
    op.create_table(
        "inbox_entries", *_columns(), sa.PrimaryKeyConstraint("user_id", "message_id", name="pk_inbox_entries")
    )
    op.execute(f"INSERT INTO inbox_entries ({COLUMNS}) SELECT {COLUMNS} FROM inbox_entries_0005")
    op.drop_table("inbox_entries_0005")  # and its partitions
    op.create_index(
        "ix_inbox_entries_unread",
        "inbox_entries",
        ["user_id", "message_id"],
        postgresql_where=sa.text("read_at IS NULL"),
        postgresql_include=["expires_at", "type"],
    )
    op.execute("ANALYZE inbox_entries")
