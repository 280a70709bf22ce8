"""The page of an email's unsubscribe link: GET shows what it does and a button, and changes nothing (mail scanners
follow links); POST, from that button or from a mail client's one-click (RFC 8058), switches the email off."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from services import unsubscribe as service
from services.errors import ServiceError
from services.runtime import Runtime

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">{body}</body></html>"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    # No referrer: the page's URL is the link, and it must not travel to wherever the reader goes next.
    headers = {"referrer-policy": "no-referrer", "cache-control": "no-store"}
    return HTMLResponse(_PAGE.format(title=escape(title), body=body), status_code=status, headers=headers)


def _refused(error: ServiceError) -> HTMLResponse:
    status = 404 if error.code == "NOT_FOUND" else 400 if error.code == "BAD_USER_INPUT" else 503
    return _page("Unsubscribe", f"<p>{escape(error.message)}</p>", status)


async def confirm(request: Request) -> HTMLResponse:
    runtime: Runtime = request.app.state.runtime
    try:
        subscription = service.verified(runtime.settings.signing_secret(), request.path_params["token"])
    except ServiceError as error:
        return _refused(error)
    kind = escape(subscription.type)
    return _page(
        "Unsubscribe",
        f"<p>Stop emails about <strong>{kind}</strong>? You will still see them in the app.</p>"
        '<form method="post"><button type="submit">Unsubscribe</button></form>',
    )


async def unsubscribe(request: Request) -> HTMLResponse:
    runtime: Runtime = request.app.state.runtime
    try:
        subscription = await service.unsubscribe(runtime, request.path_params["token"])
    except ServiceError as error:
        return _refused(error)
    return _page("Unsubscribed", f"<p>Done: no more emails about <strong>{escape(subscription.type)}</strong>.</p>")
