"""`api_client`, which `python main.py send` posts through with a service token, against servers that misbehave:
real HTTP servers on 127.0.0.1 that redirect, answer what is not GraphQL, answer without end or trickle."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import api_client
from tests.support import serving_in_thread

TOKEN = "eyJ.secret-token.sig"
FIELDS = {"userId": "u", "title": "t", "message": "m"}

Answer = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def serving(answer: Answer) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A server on a free port answering every POST with `answer`; its URL and the headers of what it was sent."""
    received: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name
            received.append({k.lower(): v for k, v in self.headers.items()})
            self.rfile.read(int(self.headers.get("content-length") or 0))
            with suppress(OSError):  # the client gave up, as it should
                answer(self)

        do_GET = do_POST  # a redirected POST may come back as a GET

        def log_message(self, *args: object) -> None:
            pass

    with serving_in_thread(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/graphql", received


def replying(status: int, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


SENT = json.dumps({"data": {"sendNotification": {"delivered": 1, "notification": {"id": "7"}}}}).encode()


def test_an_answer_of_the_service_is_read() -> None:
    with serving(replying(200, SENT)) as (url, received):
        assert api_client.send_notification(url, TOKEN, FIELDS) == ("7", True)
    assert received[0]["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_so_the_token_goes_nowhere_else(status: int) -> None:
    with (
        serving(replying(200, SENT)) as (elsewhere, seen_elsewhere),
        serving(replying(status, b"", {"Location": elsewhere})) as (url, _),
        pytest.raises(api_client.Refused) as refused,
    ):
        api_client.send_notification(url, TOKEN, FIELDS)
    assert refused.value.code == "REDIRECTED" and elsewhere in refused.value.message
    assert seen_elsewhere == [], "nothing, least of all the service token, reaches where the redirect points"


@pytest.mark.parametrize(
    "body",
    [
        {"errors": "no"},
        {"errors": [1]},
        {"errors": [{"message": {"a": 1}, "extensions": "x"}]},
        {"data": 5},
        {"data": {"sendNotification": None}},
        {"data": {"sendNotification": {"delivered": 1, "notification": None}}},
        {"data": {"sendNotification": {"delivered": 1, "notification": {"id": {"nested": 1}}}}},
        {"data": None},
    ],
)
def test_an_answer_shaped_unlike_the_service_s_is_refused(body: object) -> None:
    with serving(replying(200, json.dumps(body).encode())) as (url, _), pytest.raises(api_client.Refused) as refused:
        api_client.send_notification(url, TOKEN, FIELDS)
    assert refused.value.code in {"NOT_GRAPHQL", "ERROR"}


def test_what_the_server_says_reaches_the_terminal_without_control_characters() -> None:
    message = "\x1b]0;owned\x07\x1b[2Jcleared" + "x" * 5000
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": "BAD\x1b[31m"}}]}).encode()
    with serving(replying(400, body)) as (url, _), pytest.raises(api_client.Refused) as refused:
        api_client.send_notification(url, TOKEN, FIELDS)
    shown = str(refused.value)
    assert shown.isprintable(), shown[:100]
    assert "cleared" in shown and len(shown) < 1_000


def test_an_answer_too_large_for_a_send_is_not_read_to_its_end() -> None:
    padding = "x" * (api_client.MAX_ANSWER_BYTES + 1)
    body = json.dumps({"data": {"sendNotification": {"delivered": 1, "notification": {"id": "7"}}}, "p": padding})
    with serving(replying(200, body.encode())) as (url, _), pytest.raises(api_client.Refused) as refused:
        api_client.send_notification(url, TOKEN, FIELDS)
    assert refused.value.code == "NOT_GRAPHQL" and "bytes" in refused.value.message


def test_a_server_that_trickles_its_answer_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_client, "TIMEOUT_SECONDS", 1.0)
    stop = threading.Event()

    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):  # a byte at a time, each well within the timeout: 20 s if nobody gives up
            if stop.wait(0.2):
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()

    with serving(trickle) as (url, _):
        try:
            with pytest.raises(api_client.Refused) as refused:
                api_client.send_notification(url, TOKEN, FIELDS)
        finally:
            stop.set()
    assert refused.value.code == "UNREACHABLE"


def test_a_server_that_never_answers_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_client, "TIMEOUT_SECONDS", 0.5)
    stop = threading.Event()

    def silent(handler: BaseHTTPRequestHandler) -> None:
        stop.wait(30)

    with serving(silent) as (url, _):
        try:
            with pytest.raises(api_client.Refused) as refused:
                api_client.send_notification(url, TOKEN, FIELDS)
        finally:
            stop.set()
    assert refused.value.code == "UNREACHABLE"
