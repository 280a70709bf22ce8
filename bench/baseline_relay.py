"""The baseline the service is measured against: a bare Starlette websocket relay over Redis, no GraphQL.

It speaks just enough graphql-transport-ws for the load client (connection_init with a JWT, one subscribe), takes
`POST /send {"users": [...], "notification": {...}}`, publishes one Redis message per user in a pipeline, and each
process relays every message of its users (one pattern subscription) to their sockets. Nothing is stored.

Run: `python -m bench.baseline_relay --port 8100` with REDIS_URL and JWT_SECRET set.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import jwt
import orjson
import uvicorn
from redis import asyncio as aioredis
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
JWT_SECRET = os.environ["JWT_SECRET"]
PREFIX = "relay-user:"
sockets: dict[str, dict[WebSocket, str]] = {}


async def relay(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol="graphql-transport-ws")
    user: str | None = None
    try:
        init = orjson.loads(await websocket.receive_text())
        header = str(init.get("payload", {}).get("Authorization", ""))
        claims = jwt.decode(header.removeprefix("Bearer "), JWT_SECRET, algorithms=["HS256"])
        user = f"{claims['tenant']}/{claims['sub']}"
        await websocket.send_text('{"type":"connection_ack"}')
        while True:
            message = orjson.loads(await websocket.receive_text())
            if message.get("type") == "subscribe":
                sockets.setdefault(user, {})[websocket] = str(message["id"])
            elif message.get("type") == "ping":
                await websocket.send_text('{"type":"pong"}')
    except (WebSocketDisconnect, jwt.InvalidTokenError, KeyError, ValueError):
        pass
    finally:
        if user is not None:
            sockets.get(user, {}).pop(websocket, None)


async def send(request: Request) -> Response:
    body = orjson.loads(await request.body())
    payload = orjson.dumps(body["notification"])
    redis: aioredis.Redis = request.app.state.redis
    async with redis.pipeline(transaction=False) as pipe:
        for user in body["users"]:
            pipe.publish(PREFIX + user, payload)
        await pipe.execute()
    return JSONResponse({"published": len(body["users"])})


async def listen(redis: aioredis.Redis) -> None:
    pubsub = redis.pubsub()
    await pubsub.psubscribe(PREFIX + "*")
    async for message in pubsub.listen():
        if message["type"] != "pmessage":
            continue
        user = message["channel"].decode()[len(PREFIX) :]
        data = message["data"].decode()
        for websocket, op_id in list(sockets.get(user, {}).items()):
            frame = f'{{"id":"{op_id}","type":"next","payload":{{"data":{{"notificationAdded":{data}}}}}}}'
            with suppress(Exception):
                await websocket.send_text(frame)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    redis = aioredis.Redis.from_url(REDIS_URL)
    app.state.redis = redis
    listener = asyncio.create_task(listen(aioredis.Redis.from_url(REDIS_URL)))
    yield
    listener.cancel()
    await redis.aclose()


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ready"})


app = Starlette(
    routes=[WebSocketRoute("/graphql", relay), Route("/send", send, methods=["POST"]), Route("/health/ready", health)],
    lifespan=lifespan,
)

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    # The same websocket settings as the service's `python main.py serve`.
    uvicorn.run(
        app, host="127.0.0.1", port=args.port, log_level="warning", ws_ping_interval=None, ws_per_message_deflate=False
    )
