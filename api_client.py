"""The service's GraphQL API seen from outside: how `python main.py send` hands a notification to a running server,
so that the server's own subscribers see it live (the embedded default's broadcast does not cross processes)."""

from __future__ import annotations

import http.client
import json
import queue
import threading
import urllib.error
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
TIMEOUT_SECONDS = 30.0  # for the whole exchange: a server that trickles its answer byte by byte is given up on too
# A send's answer is a few hundred bytes; whatever answers at the URL is not trusted to stop.
MAX_ANSWER_BYTES = 1024 * 1024
# What a server says is shown in a terminal: no more of it than a person reads.
_MAX_SHOWN = 500

SEND = """
mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { delivered notification { id } }
}"""


TRIGGER = """
mutation Trigger($input: TriggerEventInput!) {
  triggerEvent(input: $input) { delivered skipped duplicate notification { id } }
}"""


class NoServer(Exception):
    """Nothing listens at the URL: the notification was certainly not sent."""


class Refused(Exception):
    """The server answered, but did not send: a GraphQL error (with its code) or an answer that is not GraphQL's."""

    def __init__(self, code: str, message: str) -> None:
        # Both may come from the server, and are printed: control characters could rewrite the terminal.
        code, message = _printable(code), _printable(message)
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def send_notification(url: str, token: str, fields: dict[str, Any]) -> tuple[str, bool]:
    """Send through `url` with `token` (never shown anywhere); the notification's id and whether it was delivered."""
    data = _execute(url, token, SEND, {"input": fields})
    sent = data.get("sendNotification")
    notification = sent.get("notification") if isinstance(sent, dict) else None
    identifier = notification.get("id") if isinstance(notification, dict) else None
    if not isinstance(identifier, str | int) or not isinstance(sent, dict):
        raise Refused("NOT_GRAPHQL", f"{url} answered without the notification's id; is it this service?")
    return str(identifier), bool(sent.get("delivered"))


def trigger_event(url: str, token: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Trigger an event through `url` (`fields` as `TriggerEventInput` names them); what `triggerEvent` answered."""
    data = _execute(url, token, TRIGGER, {"input": fields})
    sent = data.get("triggerEvent")
    if not isinstance(sent, dict) or not isinstance(sent.get("notification"), dict):
        raise Refused("NOT_GRAPHQL", f"{url} answered without the notification; is it this service?")
    return sent


def _execute(url: str, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {token}"},
    )
    status, raw = _exchange(url, request)
    try:
        answer = json.loads(raw)
    except (ValueError, RecursionError):
        answer = None
    if not isinstance(answer, dict) or not ("data" in answer or "errors" in answer):
        raise Refused("NOT_GRAPHQL", f"{url} answered HTTP {status} without a GraphQL response; is it this service?")
    errors = answer.get("errors")
    if errors:
        first = errors[0] if isinstance(errors, list) else None
        if not isinstance(first, dict):
            raise Refused("NOT_GRAPHQL", f"{url} answered HTTP {status} with errors GraphQL does not spell that way")
        extensions = first.get("extensions")
        code = extensions.get("code", "ERROR") if isinstance(extensions, dict) else "ERROR"
        raise Refused(str(code), str(first.get("message", "")))
    result = answer.get("data")
    if not isinstance(result, dict):
        raise Refused("NOT_GRAPHQL", f"{url} answered HTTP {status} without data or errors")
    return result


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would follow a redirect to any host with the Authorization header, the service token in it.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _exchange(url: str, request: urllib.request.Request) -> tuple[int, bytes]:
    """The answer's status and body, within TIMEOUT_SECONDS in all. The socket's timeout bounds each read only, so the
    exchange runs in a thread of its own, left behind (a daemon: it ends with the command) if it takes too long."""
    outcome: queue.Queue[tuple[int, bytes] | Refused | NoServer] = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            outcome.put(_fetch(url, request))
        except (Refused, NoServer) as error:
            outcome.put(error)

    threading.Thread(target=run, name="send-request", daemon=True).start()
    try:
        result = outcome.get(timeout=TIMEOUT_SECONDS)
    except queue.Empty:
        raise Refused("UNREACHABLE", f"{url} did not answer within {TIMEOUT_SECONDS:.0f} s") from None
    if isinstance(result, Refused | NoServer):
        raise result
    return result


def _fetch(url: str, request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            status, raw = response.status, response.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as error:  # GraphQL over HTTP may answer errors with a 4xx and a GraphQL body
        with error:
            if 300 <= error.code < 400:
                where = error.headers.get("Location") or "elsewhere"
                raise Refused("REDIRECTED", f"{url} redirects (HTTP {error.code}) to {where}: name that URL") from None
            status, raw = error.code, error.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            raise NoServer(f"nothing answered at {url}") from None
        raise Refused("UNREACHABLE", f"could not reach {url}: {error.reason}") from None
    except (OSError, http.client.HTTPException) as error:  # timeouts included
        raise Refused("UNREACHABLE", f"could not read {url}'s answer: {error!r}") from None
    except ValueError as error:  # not an http(s) URL
        raise Refused("UNREACHABLE", f"could not send to {url}: {error}") from None
    if len(raw) > MAX_ANSWER_BYTES:
        raise Refused("NOT_GRAPHQL", f"{url} answered over {MAX_ANSWER_BYTES} bytes; is it this service?")
    return status, raw


def _printable(text: str) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in text[:_MAX_SHOWN])
    return shown + ("…" if len(text) > _MAX_SHOWN else "")
