from tests.support import SEND, GraphQLClient, Server, subscription, token, unique


async def test_notification_added_live(api: GraphQLClient, server: Server) -> None:
    tenant, admin, user = unique("t"), unique("admin"), unique("u")
    async with subscription(server, token(user, tenant)) as sub:
        await sub.subscribe("subscription { notificationAdded { id title isRead } }")
        await sub.subscribe("subscription { unreadCountChanged }")
        first = await sub.receive()
        assert first["payload"]["data"] == {"unreadCountChanged": 0}, first
        await api.data(
            SEND, {"input": {"userId": user, "title": "Live", "message": "m"}}, token=token(admin, tenant, "admin")
        )
        got = [await sub.receive(), await sub.receive()]
        print(got)
        datas = [g["payload"]["data"] for g in got]
        assert {"unreadCountChanged": 1} in datas
        assert any("notificationAdded" in d and d["notificationAdded"]["title"] == "Live" for d in datas)
