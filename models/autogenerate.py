"""What Alembic's autogenerate compares on PostgreSQL, where `inbox_entries` differs from its mapping by design."""

from __future__ import annotations

from models.inbox import InboxEntry

# PostgreSQL's inbox_entries (migration 0005): partitions, and indexes other than the mapping's.
_POSTGRESQL_ONLY = frozenset({"inbox_entries_unread", "inbox_entries_read"})


def compared_by_autogenerate(item: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's `include_object` on PostgreSQL: leaves out the partitions of `inbox_entries` and the indexes of
    its table, which differ from the mapping by design (it describes SQLite's table), so that autogenerate never
    proposes to drop the partitions. Its columns are still compared."""
    if type_ == "table":
        return name not in _POSTGRESQL_ONLY
    if type_ == "index":
        table = getattr(item, "table", None)
        return getattr(table, "name", None) != InboxEntry.__tablename__
    return True
