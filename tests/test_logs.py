"""LOG_FORMAT=json: a real server's output is one JSON object per line, each request and websocket with an id of its
own and its caller's tenant and user, and no token or message body in any line."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import httpx
import pytest

import logs
from tests.support import SEND, GraphQLClient, start_server, subscription, token, unique

NOTIFICATIONS = "subscription { notificationAdded { id title message } }"


@pytest.mark.slow
async def test_json_lines_attribute_requests_and_never_hold_tokens_or_bodies(
    server_env: dict[str, str], logs_dir: Path
) -> None:
    tenant, user = unique("acme"), unique("alice")
    admin, reader = token("boss", tenant, "admin"), token(user, tenant)
    body = unique("a private message body")
    args = (sys.executable, "main.py", "serve", "--port", "{port}", "--log-level", "info")
    server = start_server(server_env | {"LOG_FORMAT": "json"}, logs_dir, args=args)
    try:
        async with httpx.AsyncClient(timeout=30) as http, subscription(server, reader) as sub:
            await sub.subscribe(NOTIFICATIONS)
            api = GraphQLClient(server.url, http)
            await api.data(SEND, {"input": {"userId": "warm-up", "title": "t", "message": "m"}}, token=admin)
            await api.data(SEND, {"input": {"userId": user, "title": "Hello", "message": body}}, token=admin)
            assert (await sub.next_data())["notificationAdded"]["message"] == body
            # A token and a body in a URL, where careless clients put them; a refused token in a header.
            await http.get(server.url, params={"query": "{ unreadCount }", "token": reader, "body": body})
            await http.post(
                server.url, json={"query": "{ unreadCount }"}, headers={"Authorization": f"Bearer {admin}x"}
            )
            # The data admin's login takes the token as its password.
            page = await http.get(server.base("/admin/login"))
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert csrf is not None
            await http.post(server.base("/admin/login"), data={"csrf_token": csrf.group(1), "password": admin})
    finally:
        server.stop()
    output = server.log()
    for secret in (admin, reader, body, *(part for t in (admin, reader) for part in t.split(".")[1:])):
        assert secret not in output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    requests = [line for line in lines if line["logger"] == "uvicorn.access"]
    posts = [line for line in requests if '"POST /graphql' in line["message"]]
    assert len(posts) == 3, requests
    # Each request has an id of its own; the sends name their caller.
    assert len({line["request_id"] for line in requests}) == len(requests)
    assert [(line.get("tenant"), line.get("user")) for line in posts[:2]] == [(tenant, "boss")] * 2
    assert "tenant" not in posts[2]  # its token was refused
    handshake = [line for line in lines if "WebSocket /graphql" in line["message"]]
    assert handshake and all("request_id" in line for line in handshake)


def test_what_looks_like_a_token_is_masked_in_messages_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    secret = token("boss", unique("t"), "admin")
    handler = logging.StreamHandler()
    handler.setFormatter(logs.JsonLines())
    filtering = logs._Attributed()
    record = logging.LogRecord("test", logging.ERROR, __file__, 1, "token %s and Bearer %s", (secret, "abc"), None)
    try:
        raise ValueError(f"refused {secret}")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert filtering.filter(record)
    line = json.loads(handler.format(record))
    assert secret not in json.dumps(line) and "abc" not in line["message"]
    assert line["message"] == "token [masked] and [masked]" and "[masked]" in line["exc_info"]
