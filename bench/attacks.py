"""A bystander's latency while attackers run: what one client's hostile requests cost everyone else.

    uv run python -m bench.attacks                     # this checkout
    uv run python -m bench.attacks --root ../before    # another checkout's server, same client and machine

One server (`python main.py serve` of `--root`) on a database of its own; a bystander asks for its `unreadCount`
as fast as one client can, first alone, then while each attack runs. Prints one JSON line an attack. See
BENCHMARKS.md, Reliability.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import tempfile
import uuid
from pathlib import Path

import httpx

from bench.load import bystander
from bench.run import REDIS_URL, ROOT, SECRET, create_database, free_port, spawn
from services.auth import issue_token

PAGE = (
    "notifications(first: 100) { edges { cursor node { id type title message priority isRead readAt actionUrl "
    "actionText metadata createdAt expiresAt } } }"
)
ATTACKS = {
    # Thirty aliases of a full page of large notifications: megabytes of answer from a 4 KB query.
    "wide_answers": "{ " + " ".join(f"a{i}: {PAGE}" for i in range(30)) + " }",
    # Thirty root fields at once, each on a pooled connection of its own.
    "many_root_fields": "{ " + " ".join(f"c{i}: unreadCount" for i in range(30)) + " }",
    # Fragments spreading the next one twice, 18 deep: checks that walk every spread take 2^18 steps.
    "fragment_spreads": "query{...F0} "
    + " ".join(f"fragment F{i} on Query{{...F{i + 1} ...F{i + 1}}}" for i in range(18))
    + " fragment F18 on Query{__typename}",
}


async def seed(database_url: str, tenant: str, user: str, count: int) -> None:
    """`count` notifications of 4 KB each (message and metadata) for `user`, straight into the database."""
    import asyncpg

    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(
            """
            WITH u AS (INSERT INTO users (tenant_id, external_id, created_at) VALUES ($1, $2, now()) RETURNING id),
            m AS (
              INSERT INTO messages (tenant_id, sender, type, title, body, priority, metadata, created_at,
                                    delivered_count, skipped_count)
              SELECT $1, 'bench', 'system', 'Seeded ' || g, repeat('m', 2000), 1,
                     jsonb_build_object('pad', repeat('x', 2000)), now(), 1, 0
              FROM generate_series(1, $3) g RETURNING id, created_at)
            INSERT INTO inbox_entries (user_id, message_id, type, priority, created_at, read_at)
            SELECT u.id, m.id, 'system', 1, m.created_at, NULL FROM u, m
            """,
            tenant,
            user,
            count,
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


_SENT = itertools.count()


async def attacker(client: httpx.AsyncClient, url: str, query: str, token: str, stop: asyncio.Event) -> int:
    """Sends `query` again and again until `stop`, each time a new document (the operation's name numbers it: a
    comment would not do, as strawberry caches validation by the parsed document), so that no cache answers for it;
    how many answers came back."""
    answered = 0
    while not stop.is_set():
        try:
            named = f"query Q{next(_SENT)}"
            unique = f"{named} {query}" if query.startswith("{") else query.replace("query", named, 1)
            await client.post(url, json={"query": unique}, headers={"authorization": token})
            answered += 1
        except httpx.HTTPError:
            pass
    return answered


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose server to run")
    parser.add_argument("--attackers", type=int, default=10, help="concurrent attacking clients")
    parser.add_argument("--seconds", type=float, default=10, help="how long each attack runs")
    parser.add_argument("--only", action="append", choices=sorted(ATTACKS), help="run only these attacks")
    args = parser.parse_args()

    database_url, drop = await create_database(args.root)
    tenant, victim, attacker_user = f"bench-{uuid.uuid4().hex[:8]}", "bystander", "attacker"
    await seed(database_url, tenant, attacker_user, 100)
    port = free_port()
    command = [sys.executable, "main.py", "serve", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    env = {"DATABASE_URL": database_url, "BROADCAST_URL": REDIS_URL, "JWT_SECRET": SECRET}
    server = spawn("service", command, env, port, Path(tempfile.mkdtemp(prefix="bench-attacks-")), cwd=args.root)
    url = f"{server.http}/graphql"
    bearer = {u: "Bearer " + issue_token(SECRET, user=u, tenant=tenant, ttl=3600) for u in (victim, attacker_user)}
    print(json.dumps({"run": {"root": str(args.root.resolve()), "attackers": args.attackers}}), flush=True)
    try:
        async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=args.attackers + 5)) as client:
            alone = await bystander(client, url, bearer[victim], args.seconds)
            print(json.dumps({"attack": "none", "bystander": alone}), flush=True)
            for name in args.only or list(ATTACKS):
                stop = asyncio.Event()
                attacks = [
                    asyncio.create_task(attacker(client, url, ATTACKS[name], bearer[attacker_user], stop))
                    for _ in range(args.attackers)
                ]
                await asyncio.sleep(1)  # the attack under way before the bystander starts
                seen = await bystander(client, url, bearer[victim], args.seconds)
                stop.set()
                # An attack's requests may take longer than the run to come back: they are waited for, not counted.
                answered = sum(await asyncio.gather(*attacks))
                rss = server.rss_kb() // 1024
                print(json.dumps({"attack": name, "bystander": seen, "attacks_answered": answered, "rss_mb": rss}))
    finally:
        server.stop()
        await drop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    asyncio.run(main())
