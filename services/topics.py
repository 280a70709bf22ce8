"""Topic subscriptions: users following something of their tenant (`order:123`), so events about it reach them."""

from __future__ import annotations

from collections.abc import Sequence

from models import topic as stored
from models.user import ensure_users
from services.draft import check_recipients, storable
from services.errors import BadInput
from services.recipients import remember
from services.runtime import Runtime

MAX_TOPIC = 200
MAX_LISTED = 1_000


def check_topic(topic: str) -> str:
    if (
        not isinstance(topic, str)
        or not 0 < len(topic) <= MAX_TOPIC
        or not storable(topic)
        or any(c.isspace() for c in topic)
    ):
        raise BadInput(f"`topic` must be 1 to {MAX_TOPIC} printable characters without spaces, such as `order:123`.")
    return topic


async def subscribe(runtime: Runtime, tenant: str, topic: str, users: Sequence[str]) -> int:
    """Make `users` of `tenant` (registered on the way if new) follow `topic`; how many were given."""
    check_topic(topic)
    ids = check_recipients(list(users))
    async with runtime.transaction() as session:
        registered = await ensure_users(session, tenant, ids)
        await stored.subscribe(session, tenant, topic, list(registered.values()))
    remember(runtime, tenant, registered)
    return len(registered)


async def unsubscribe(runtime: Runtime, tenant: str, topic: str, users: Sequence[str]) -> int:
    """Stop `users` of `tenant` following `topic`; how many did follow it."""
    check_topic(topic)
    ids = check_recipients(list(users))
    async with runtime.transaction() as session:
        return await stored.unsubscribe(session, tenant, topic, ids)


async def topics_of(runtime: Runtime, user_id: int) -> list[str]:
    """The topics a user follows, in order, at most `MAX_LISTED`."""
    async with runtime.transaction() as session:
        return await stored.topics_of(session, user_id, MAX_LISTED)
