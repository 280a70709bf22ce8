from tests.support import SEND, GraphQLClient, token, unique


async def test_send_then_list(api: GraphQLClient) -> None:
    tenant, admin, user = unique("t"), unique("admin"), unique("u")
    sent = await api.data(
        SEND, {"input": {"userId": user, "title": "Hi", "message": "There"}}, token=token(admin, tenant, "admin")
    )
    assert sent["sendNotification"]["delivered"] == 1
    data = await api.data("{ unreadCount }", token=token(user, tenant))
    assert data == {"unreadCount": 1}
