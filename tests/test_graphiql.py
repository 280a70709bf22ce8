"""GraphiQL at GET /graphql (transport/graphiql.py): served by the service alone, working in a headless Chromium that
can reach nothing else, under the page's Content-Security-Policy; and gone with GRAPHIQL=false."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.browser import Page, open_tab
from tests.support import SEND, GraphQLClient, Server, start_server, token, unique

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}  # what a browser asks for when opening a page

# Records the page's Content-Security-Policy violations, from before any of its scripts run.
JS_RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
});
"""

# GraphiQL's editors are CodeMirror 5 instances: the query, the Headers tab and the result.
JS_HELPERS = """
var editor = (selector) => document.querySelector(`${selector} .CodeMirror`).CodeMirror;
var headers = () => [...document.querySelectorAll(".graphiql-editor-tool .graphiql-editor")]
  .find((e) => !e.classList.contains("hidden")).querySelector(".CodeMirror").CodeMirror;
var result = () => editor(".result-window").getValue();
"""
GRAPHIQL_READY = "!!document.querySelector('.graphiql-query-editor .CodeMirror')"


@pytest.fixture
async def page(chromium: int) -> AsyncIterator[Page]:
    async with open_tab(chromium, helpers=JS_HELPERS, ready=GRAPHIQL_READY) as tab:
        await tab.call("Page.addScriptToEvaluateOnNewDocument", source=JS_RECORD_VIOLATIONS)
        yield tab


async def run_in_graphiql(page: Page, query: str, operation: str, access_token: str) -> None:
    """Types the token's header and the query (naming `operation`) into GraphiQL's editors and presses its run button
    once GraphiQL has read the query (it does so shortly after each change)."""
    await page.run(f"headers().setValue({json.dumps(json.dumps({'Authorization': f'Bearer {access_token}'}))})")
    await page.run(f"editor('.graphiql-query-editor').setValue({json.dumps(query)})")
    await page.wait_for(f"editor('.graphiql-query-editor').operationName === {json.dumps(operation)}")
    await page.run("document.querySelector('.graphiql-execute-button').click()")


def assert_only_the_server_was_asked(page: Page, server: Server) -> None:
    """Every request the page made went to the test server (fonts are data: URLs, which are no request)."""
    assert page.requests, "no request recorded"
    origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in page.requests if not u.startswith("data:")}
    assert origins <= {server.base(""), server.base("").replace("http", "ws")}, origins


async def test_the_page_loads_graphiql_from_the_service_under_a_strict_policy(
    server: Server, http: httpx.AsyncClient
) -> None:
    response = await http.get(server.url, headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert not re.search(r"(src|href)=\"(https?:)?//", response.text), "the page loads something from another host"
    assets = re.findall(r"(?:src|href)=\"([^\"]+)\"", response.text)
    assert {Path(a).name for a in assets} >= {"graphiql.min.js", "react.production.min.js", "graphiql.min.css"}
    for asset in assets:
        served = await http.get(server.base(f"/{asset}"))
        assert served.status_code == 200, asset
        assert "//# sourceMappingURL" not in served.text  # the maps are not vendored
        assert "unpkg.com" not in served.text, asset


async def test_graphiql_runs_a_query_with_only_the_server_reachable(
    api: GraphQLClient, server: Server, page: Page
) -> None:
    user = unique("gq-user")
    await page.open(server.url)  # waits for GraphiQL's editor: strawberry's page stayed on "Loading..." here
    await run_in_graphiql(page, "query Count { unreadCount }", "Count", token(user, "acme"))
    assert json.loads(await page.wait_for("result()")) == {"data": {"unreadCount": 0}}
    assert await page.evaluate("window.__violations") == []
    assert_only_the_server_was_asked(page, server)


async def test_graphiql_runs_a_subscription_over_the_websocket_with_its_headers(
    api: GraphQLClient, server: Server, page: Page
) -> None:
    user, admin = unique("gq-live"), token(unique("gq-admin"), "acme", "admin")
    await page.open(server.url)
    await run_in_graphiql(page, "subscription Live { unreadCountChanged }", "Live", token(user, "acme"))
    assert json.loads(await page.wait_for("result()")) == {"data": {"unreadCountChanged": 0}}
    data = await api.data(SEND, {"input": {"userId": user, "title": "live", "message": "in GraphiQL"}}, token=admin)
    assert data["sendNotification"]["delivered"] == 1
    await page.wait_for("JSON.parse(result()).data?.unreadCountChanged === 1")
    assert await page.evaluate("window.__violations") == []
    assert_only_the_server_was_asked(page, server)
    assert any(u.startswith("ws://") for u in page.requests), page.requests


# --- GRAPHIQL=false ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def without_graphiql(server_env: dict[str, str], logs_dir: Path) -> Iterator[Server]:
    running = start_server({**server_env, "GRAPHIQL": "false"}, logs_dir)
    yield running
    running.stop()


@pytest.mark.slow
async def test_graphiql_false_serves_no_ide_and_keeps_the_api(
    without_graphiql: Server, http: httpx.AsyncClient
) -> None:
    for accept in (HTML, {"Accept": "*/*"}):
        response = await http.get(without_graphiql.url, headers=accept)
        assert response.status_code == 404, response.text
        assert "graphiql" not in response.text.lower()
    answer = await http.get(without_graphiql.url, params={"query": "{ __typename }"}, headers=HTML)
    assert answer.status_code == 200 and answer.json() == {"data": {"__typename": "Query"}}
    api = GraphQLClient(without_graphiql.url, http)
    assert await api.data("{ __typename }") == {"__typename": "Query"}
