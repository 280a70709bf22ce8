"""sentNotifications: what senders sent to a tenant, with delivery counts; senders of that tenant only."""

from tests.support import SEND, SEND_BULK, SEND_TENANT, GraphQLClient, token, unique

SENT = """
query Sent($first: Int, $after: String, $tenantId: ID) {
  sentNotifications(first: $first, after: $after, tenantId: $tenantId) {
    edges { cursor node { sender senderName delivered read skipped notification { id title type } } }
    pageInfo { hasNextPage endCursor }
  }
}"""
MARK_READ = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount } }"
PREFS = """
mutation {
  updateNotificationPreferences(input: { typeOverrides: [{ type: "sale", inApp: false }] }) { inApp { enabled } }
}"""


async def test_admin_sees_its_tenants_sends_newest_first_with_counts(api: GraphQLClient) -> None:
    tenant, other = unique("t"), unique("t")
    admin, outsider = token("boss", tenant, "admin"), token("boss", other, "admin")
    alice, bob = unique("alice"), unique("bob")
    await api.data(PREFS, token=token(bob, tenant))  # bob turns `sale` off
    await api.data(SEND, {"input": {"userId": alice, "title": "one", "message": "m"}}, token=admin)
    await api.data(
        SEND_BULK, {"input": {"userIds": [alice, bob], "title": "two", "message": "m", "type": "sale"}}, token=admin
    )
    await api.data(SEND_TENANT, {"input": {"title": "three", "message": "m"}}, token=admin)
    await api.data(SEND, {"input": {"userId": "x", "title": "elsewhere", "message": "m"}}, token=outsider)

    page = (await api.data(SENT, {"first": 2}, token=admin))["sentNotifications"]
    nodes = [e["node"] for e in page["edges"]]
    assert [n["notification"]["title"] for n in nodes] == ["three", "two"]
    assert (nodes[0]["delivered"], nodes[0]["skipped"]) == (2, 0)
    assert (nodes[1]["delivered"], nodes[1]["skipped"]) == (1, 1)
    assert page["pageInfo"]["hasNextPage"] is True
    assert {n["senderName"] for n in nodes} == {f"boss ({tenant})"}
    # Reads are counted per notification, one recipient at a time; another tenant's reads never count.
    assert [n["read"] for n in nodes] == [0, 0]
    await api.data(MARK_READ, {"ids": [nodes[0]["notification"]["id"]]}, token=token(alice, tenant))
    await api.data(MARK_READ, {"ids": [nodes[1]["notification"]["id"]]}, token=token(alice, tenant))
    await api.data(MARK_READ, {"ids": [nodes[0]["notification"]["id"]]}, token=token(bob, tenant))
    reread = (await api.data(SENT, {"first": 2}, token=admin))["sentNotifications"]["edges"]
    assert [e["node"]["read"] for e in reread] == [2, 1]
    rest = (await api.data(SENT, {"first": 2, "after": page["pageInfo"]["endCursor"]}, token=admin))[
        "sentNotifications"
    ]
    assert [e["node"]["notification"]["title"] for e in rest["edges"]] == ["one"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_only_senders_of_the_tenant_may_look(api: GraphQLClient) -> None:
    tenant, other = unique("t"), unique("t")
    await api.data(SEND_TENANT, {"input": {"title": "secret", "message": "m"}}, token=token("boss", tenant, "admin"))
    assert await api.code(SENT, token=token(unique("u"), tenant)) == "FORBIDDEN"
    assert await api.code(SENT, {"tenantId": tenant}, token=token("boss", other, "admin")) == "FORBIDDEN"
    assert await api.code(SENT, {"tenantId": tenant}) == "UNAUTHENTICATED"
    seen = await api.data(SENT, {"tenantId": tenant}, token=token("svc", other, "service"))
    assert [e["node"]["notification"]["title"] for e in seen["sentNotifications"]["edges"]] == ["secret"]
    own = await api.data(SENT, token=token("boss", other, "admin"))
    assert own["sentNotifications"]["edges"] == []


async def test_bad_paging_is_refused(api: GraphQLClient) -> None:
    admin = token("boss", unique("t"), "admin")
    assert await api.code(SENT, {"first": 101}, token=admin) == "BAD_USER_INPUT"
    assert await api.code(SENT, {"after": "nope"}, token=admin) == "BAD_USER_INPUT"
