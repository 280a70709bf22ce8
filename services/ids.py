"""What a user or tenant id may be, one rule for every way an id arrives: a token's `sub` and `tenant`, the ids a
send or a registration names, the tenant a history is read for."""

from __future__ import annotations

from typing import TypeGuard

MAX_ID = 100


def is_id(value: object) -> TypeGuard[str]:
    """1 to MAX_ID printable characters with no surrounding space. Printable (str.isprintable) leaves out control
    and format characters, separators but the space and unpaired surrogates: a send to an id no token is accepted
    with, or one that displays like another (`ali\\u200bce`, `bo\\u202eb`), would fill an inbox nobody opens."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and value.strip() == value and value.isprintable()
