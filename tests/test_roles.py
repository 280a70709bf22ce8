"""Roles as recipients: `setUserRoles` and `userRoles`, and triggers addressed to roles, over GraphQL in-process on
PostgreSQL and through the Python API on PostgreSQL and SQLite; every operation tried across users and tenants."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from models import Message, User, UserRole
from services import events, recipients, roles
from services.errors import BadInput
from services.runtime import Runtime
from services.templates import samples
from settings import Settings
from tests.support import IN_PROCESS, JWT_SECRET, GraphQLClient, in_process, token, unique
from tests.test_events import TRIGGER, count, titles
from tests.test_events import embedded as embedded  # the fixture
from tests.test_sending import counting_statements, inbox_of

SET_ROLES = "mutation S($input: SetUserRolesInput!) { setUserRoles(input: $input) { updated roles } }"
UNREAD = "{ unreadCount }"
ROLES_OF = "query R($userId: ID!, $tenantId: ID) { userRoles(userId: $userId, tenantId: $tenantId) }"


def low_stock(**extra: Any) -> dict[str, Any]:
    return {"event": "inventory.low_stock", "data": samples()["inventory.low_stock"], **extra}


async def role_rows(runtime: Runtime, tenant: str) -> int:
    async with runtime.reading() as session:
        query = select(func.count()).select_from(UserRole).where(UserRole.tenant_id == tenant)
        return int((await session.execute(query)).scalar_one())


async def test_a_trigger_to_a_role_reaches_its_holders_in_its_tenant_only(app_api: GraphQLClient) -> None:
    tenant, other = unique("t"), unique("t")
    admin = token("boss", tenant, "admin")
    set_ = {"input": {"userIds": ["ann", "bob"], "roles": ["warehouse", "warehouse", "night_shift"]}}
    assert (await app_api.data(SET_ROLES, set_, token=admin))["setUserRoles"] == {
        "updated": 2,
        "roles": ["warehouse", "night_shift"],
    }
    await app_api.data(SET_ROLES, {"input": {"userIds": ["cat"], "roles": ["sales"]}}, token=admin)
    # The same role and user ids in another tenant are other people.
    service = token("svc", unique("t"), "service")
    await app_api.data(
        SET_ROLES, {"input": {"userIds": ["ann", "dan"], "roles": ["warehouse"], "tenantId": other}}, token=service
    )
    assert (await app_api.data(ROLES_OF, {"userId": "ann"}, token=admin))["userRoles"] == ["night_shift", "warehouse"]
    assert (await app_api.data(ROLES_OF, {"userId": "cat"}, token=admin))["userRoles"] == ["sales"]
    assert (await app_api.data(ROLES_OF, {"userId": "nobody"}, token=admin))["userRoles"] == []

    sent = (await app_api.data(TRIGGER, {"input": low_stock(roles=["warehouse"])}, token=admin))["triggerEvent"]
    assert (sent["delivered"], sent["skipped"]) == (2, 0)
    title = sent["notification"]["title"]
    assert await titles(app_api, tenant, "ann") == [title]
    assert await titles(app_api, tenant, "bob") == [title]
    assert await titles(app_api, tenant, "cat") == []
    assert await titles(app_api, other, "ann") == [] and await titles(app_api, other, "dan") == []
    # Any of several roles, each holder once.
    both = {"input": low_stock(roles=["sales", "night_shift"], data={**samples()["inventory.low_stock"], "sku": "X-2"})}
    assert (await app_api.data(TRIGGER, both, token=admin))["triggerEvent"]["delivered"] == 3


async def test_a_user_who_loses_a_role_stops_receiving_its_events(app_api: GraphQLClient) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    await app_api.data(SET_ROLES, {"input": {"userIds": ["ann", "bob"], "roles": ["warehouse"]}}, token=admin)
    assert (await app_api.data(TRIGGER, {"input": low_stock(roles=["warehouse"])}, token=admin))["triggerEvent"][
        "delivered"
    ] == 2
    taken = await app_api.data(SET_ROLES, {"input": {"userIds": ["bob"], "roles": ["sales"]}}, token=admin)
    assert taken["setUserRoles"] == {"updated": 1, "roles": ["sales"]}
    assert (await app_api.data(ROLES_OF, {"userId": "bob"}, token=admin))["userRoles"] == ["sales"]
    assert (await app_api.data(ROLES_OF, {"userId": "ann"}, token=admin))["userRoles"] == ["warehouse"]
    again = {"input": low_stock(roles=["warehouse"], data={**samples()["inventory.low_stock"], "sku": "X-3"})}
    assert (await app_api.data(TRIGGER, again, token=admin))["triggerEvent"]["delivered"] == 1
    assert len(await titles(app_api, tenant, "ann")) == 2 and len(await titles(app_api, tenant, "bob")) == 1


async def test_roles_are_set_and_read_by_the_tenants_admins_only(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    set_ = {"input": {"userIds": ["ann"], "roles": ["warehouse"]}}
    assert await app_api.code(SET_ROLES, set_, token=token("ann", tenant)) == "FORBIDDEN"
    assert await app_api.code(ROLES_OF, {"userId": "ann"}, token=token("ann", tenant)) == "FORBIDDEN"
    foreign = {"input": {**set_["input"], "tenantId": other}}
    assert await app_api.code(SET_ROLES, foreign, token=token("boss", tenant, "admin")) == "FORBIDDEN"
    assert await app_api.code(ROLES_OF, {"userId": "ann", "tenantId": other}, token=token("boss", tenant, "admin")) == (
        "FORBIDDEN"
    )
    assert await app_api.code(SET_ROLES, set_) == "UNAUTHENTICATED"
    assert await role_rows(runtime, tenant) + await role_rows(runtime, other) == 0


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"userIds": ["ann"], "roles": ["has space"]}, "without spaces"),
        ({"userIds": ["ann"], "roles": [""]}, "1 to 100"),
        ({"userIds": ["ann"], "roles": ["r" * 101]}, "1 to 100"),
        ({"userIds": ["ann"], "roles": ["ware\u200bhouse"]}, "printable"),
        ({"userIds": ["ann"], "roles": ["\u202eesuoherawg"]}, "printable"),
        ({"userIds": ["ann"], "roles": ["a\x9bb"]}, "printable"),
        ({"userIds": ["ann"], "roles": ["a\u0000b"]}, "printable"),
        ({"userIds": ["ann"], "roles": [f"r{i}" for i in range(51)]}, "At most 50"),
        ({"userIds": [], "roles": ["warehouse"]}, "at least one"),
        ({"userIds": ["ok", "a\u0000b"], "roles": ["warehouse"]}, "user id"),
    ],
)
async def test_bad_roles_are_refused_and_write_nothing(
    app_api: GraphQLClient, runtime: Runtime, fields: dict[str, Any], said: str
) -> None:
    tenant = unique("t")
    error = await app_api.error(SET_ROLES, {"input": fields}, token=token("boss", tenant, "admin"))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and said in error["message"], error
    assert await role_rows(runtime, tenant) == 0
    assert await recipients.register_users(runtime, tenant, ["probe"]) == {"probe": await _id(runtime, tenant)}


async def _id(runtime: Runtime, tenant: str) -> int:
    """The tenant's one user: nobody but the probe was registered by the refused call."""
    async with runtime.reading() as session:
        return int((await session.execute(select(User.id).where(User.tenant_id == tenant))).scalar_one())


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        (low_stock(roles=[]), "at least one"),
        (low_stock(roles=["a b"]), "without spaces"),
        (low_stock(roles=["warehouse"], userIds=["ann"]), "exactly one way"),
        (low_stock(roles=["warehouse"], toTenant=True), "exactly one way"),
        (low_stock(roles=["warehouse"], data={}), "needs a value"),
    ],
)
async def test_bad_role_triggers_are_refused_and_write_nothing(
    app_api: GraphQLClient, runtime: Runtime, fields: dict[str, Any], said: str
) -> None:
    tenant = unique("t")
    admin = token("boss", tenant, "admin")
    await app_api.data(SET_ROLES, {"input": {"userIds": ["ann"], "roles": ["warehouse"]}}, token=admin)
    error = await app_api.error(TRIGGER, {"input": fields}, token=admin)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and said in error["message"], error
    assert await count(runtime, Message, tenant_id=tenant) == 0


async def test_a_role_trigger_costs_the_same_statements_whatever_the_number_of_holders(runtime: Runtime) -> None:
    counts: dict[int, int] = {}
    for size in (5, 500):
        tenant = unique("t")
        users = [f"u{i}" for i in range(size)]
        await roles.set_roles(runtime, tenant, users, ["warehouse"])
        await recipients.register_users(runtime, tenant, ["not_in_it"])
        await roles.set_roles(runtime, unique("other"), ["u0"], ["warehouse"])
        with counting_statements(runtime) as statements:
            result = await events.trigger_event(
                runtime,
                event="system.maintenance",
                tenant=tenant,
                roles=["warehouse"],
                data=samples()["system.maintenance"],
            )
        counts[size] = len(statements)
        assert (result.delivered, result.skipped) == (size, 0)
    # The locales and the templates, then the send's one statement.
    assert counts[5] == counts[500] and counts[5] <= 3, counts


async def test_roles_on_the_embedded_database(embedded: Runtime) -> None:
    tenant = "acme"
    await roles.set_roles(embedded, tenant, ["alice", "bob"], ["warehouse"])
    await roles.set_roles(embedded, tenant, ["carol"], ["sales"])
    await roles.set_roles(embedded, "other", ["alice"], ["warehouse"])
    data = samples()["inventory.low_stock"]
    result = await events.trigger_event(
        embedded, event="inventory.low_stock", tenant=tenant, roles=["warehouse"], data=data
    )
    assert (result.delivered, result.skipped) == (2, 0)
    assert len(await inbox_of(embedded, tenant, "alice")) == 1 and await inbox_of(embedded, tenant, "carol") == []
    assert await inbox_of(embedded, "other", "alice") == []
    await roles.set_roles(embedded, tenant, ["alice"], [])
    assert await roles.roles_of(embedded, tenant, "alice") == []
    assert await roles.roles_of(embedded, tenant, "bob") == ["warehouse"]
    with pytest.raises(BadInput):
        await roles.set_roles(embedded, tenant, ["bob"], ["a b"])
    assert await roles.roles_of(embedded, tenant, "bob") == ["warehouse"]


async def test_with_roles_from_tokens_each_user_holds_their_latest_tokens_roles(database_url: str) -> None:
    settings = Settings(
        database_url=database_url, broadcast_url="memory://", jwt_secret=JWT_SECRET, roles_from_tokens=True
    )
    tenant, other = unique("t"), unique("t")
    admin = token("boss", tenant, "admin")
    async with in_process(settings) as http:
        api = GraphQLClient(f"{IN_PROCESS}/graphql", http)
        # Arriving registers them with their token's roles; a name with a space is left out, not refused.
        for user, held in (("ann", ["warehouse", "night shift"]), ("bob", ["warehouse"]), ("cat", [])):
            await api.data(UNREAD, token=token(user, tenant, *held))
        await api.data(UNREAD, token=token("dan", other, "warehouse"))
        assert (await api.data(ROLES_OF, {"userId": "ann"}, token=admin))["userRoles"] == ["warehouse"]
        sent = await api.data(TRIGGER, {"input": low_stock(roles=["warehouse"])}, token=admin)
        assert sent["triggerEvent"]["delivered"] == 2  # ann and bob; not dan, of another tenant
        # bob's next token no longer says warehouse: from his next request on, he does not hold it.
        await api.data(UNREAD, token=token("bob", tenant))
        assert (await api.data(ROLES_OF, {"userId": "bob"}, token=admin))["userRoles"] == []
        again = {"input": low_stock(roles=["warehouse"], data={**samples()["inventory.low_stock"], "sku": "X-4"})}
        assert (await api.data(TRIGGER, again, token=admin))["triggerEvent"]["delivered"] == 1
        assert len(await titles(api, tenant, "ann")) == 2 and len(await titles(api, tenant, "bob")) == 1
        assert await titles(api, other, "dan") == []


async def test_a_thousand_users_with_fifty_roles_are_set_in_one_call(app_api: GraphQLClient, runtime: Runtime) -> None:
    tenant, other = unique("t"), unique("t")
    admin = token("boss", tenant, "admin")
    await roles.set_roles(runtime, other, ["u0"], ["r0"])
    users, held = [f"u{i}" for i in range(1000)], [f"r{i}" for i in range(50)]
    set_ = {"input": {"userIds": users, "roles": held}}
    assert (await app_api.data(SET_ROLES, set_, token=admin))["setUserRoles"]["updated"] == 1000
    assert await role_rows(runtime, tenant) == 50_000
    fewer = {"input": {"userIds": users, "roles": held[:2]}}
    assert (await app_api.data(SET_ROLES, fewer, token=admin))["setUserRoles"]["updated"] == 1000
    assert await role_rows(runtime, tenant) == 2_000
    assert await roles.roles_of(runtime, tenant, "u999") == ["r0", "r1"]
    assert await roles.roles_of(runtime, other, "u0") == ["r0"] and await role_rows(runtime, other) == 1


async def test_two_calls_for_the_same_users_at_once_leave_one_calls_roles(
    app_api: GraphQLClient, runtime: Runtime
) -> None:
    tenant, other = unique("t"), unique("t")
    admin = token("boss", tenant, "admin")
    users = [f"u{i}" for i in range(100)]
    await roles.set_roles(runtime, other, users[:3], ["c"])
    for _ in range(10):
        both = [
            app_api.data(SET_ROLES, {"input": {"userIds": order, "roles": [held]}}, token=admin)
            for order, held in ((users, "a"), (users[::-1], "b"))
        ]
        await asyncio.gather(*both)
        held = {tuple(await roles.roles_of(runtime, tenant, user)) for user in users[:3]}
        assert held in ({("a",)}, {("b",)}), held
        assert await role_rows(runtime, tenant) == 100
    assert await roles.roles_of(runtime, other, "u0") == ["c"]


async def test_two_calls_registering_the_same_new_users_in_opposite_orders_both_succeed(
    app_api: GraphQLClient, runtime: Runtime
) -> None:
    users = [f"u{i}" for i in range(300)]
    for _ in range(5):
        tenant = unique("t")
        admin = token("boss", tenant, "admin")
        both = [
            app_api.data(SET_ROLES, {"input": {"userIds": order, "roles": [held]}}, token=admin)
            for order, held in ((users, "a"), (users[::-1], "b"))
        ]
        assert [answer["setUserRoles"]["updated"] for answer in await asyncio.gather(*both)] == [300, 300]
        assert await role_rows(runtime, tenant) == 300
        fresh = unique("t")
        registered = await asyncio.gather(
            recipients.register_users(runtime, fresh, users), recipients.register_users(runtime, fresh, users[::-1])
        )
        assert registered[0] == registered[1] and len(set(registered[0].values())) == 300
