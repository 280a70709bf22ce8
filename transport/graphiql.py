"""GraphiQL, the page a browser gets at GET /graphql: strawberry's, but from files the service serves itself.

strawberry's page loads React and GraphiQL from a CDN, so it stays on "Loading..." offline, behind a firewall or
under a strict Content-Security-Policy. This one loads pinned copies from web/graphiql/ (served at /ui/graphiql/,
refreshed by its update.mjs) by a path relative to the endpoint, so it works under any root path, and says so in
its policy: nothing but the service itself, save the fonts GraphiQL's stylesheet embeds as data: URLs.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse

ASSETS = "ui/graphiql"  # relative to /graphql: the StaticFiles mount of web/ in main.py

PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>GraphiQL: notifications</title>
  <link rel="stylesheet" href="{ASSETS}/graphiql.min.css">
  <link rel="stylesheet" href="{ASSETS}/page.css">
  <script src="{ASSETS}/react.production.min.js" defer></script>
  <script src="{ASSETS}/react-dom.production.min.js" defer></script>
  <script src="{ASSETS}/graphiql.min.js" defer></script>
  <script src="{ASSETS}/page.js" defer></script>
</head>
<body>
  <div id="graphiql">Loading...</div>
</body>
</html>
"""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "font-src data:",
        "img-src 'self' data:",
        "connect-src 'self'",  # the endpoint, over HTTP and its websocket
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


def graphiql_page() -> HTMLResponse:
    return HTMLResponse(PAGE, headers={"content-security-policy": CONTENT_SECURITY_POLICY})
