"""The service's GraphQL API seen from outside: how `python main.py send` hands a notification to a running server,
so that the server's own subscribers see it live (the embedded default's broadcast does not cross processes)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
TIMEOUT_SECONDS = 30.0

SEND = """
mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { delivered notification { id } }
}"""


class NoServer(Exception):
    """Nothing listens at the URL: the notification was certainly not sent."""


class Refused(Exception):
    """The server answered, but did not send: a GraphQL error (with its code) or an answer that is not GraphQL's."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def send_notification(url: str, token: str, fields: dict[str, Any]) -> tuple[str, bool]:
    """Send through `url` with `token` (never shown anywhere); the notification's id and whether it was delivered."""
    data = _execute(url, token, SEND, {"input": fields})["sendNotification"]
    return str(data["notification"]["id"]), bool(data["delivered"])


def _execute(url: str, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:  # GraphQL over HTTP may answer errors with a 4xx and a GraphQL body
        status, raw = error.code, error.read()
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            raise NoServer(f"nothing answered at {url}") from None
        raise Refused("UNREACHABLE", f"could not reach {url}: {error.reason}") from None
    except TimeoutError:
        raise Refused("UNREACHABLE", f"{url} did not answer within {TIMEOUT_SECONDS:.0f} s") from None
    try:
        answer = json.loads(raw)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or not ("data" in answer or "errors" in answer):
        raise Refused("NOT_GRAPHQL", f"{url} answered HTTP {status} without a GraphQL response; is it this service?")
    if answer.get("errors"):
        first = answer["errors"][0]
        code = str((first.get("extensions") or {}).get("code", "ERROR"))
        raise Refused(code, str(first.get("message", "")))
    result: dict[str, Any] = answer["data"]
    return result
