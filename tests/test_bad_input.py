"""Bad input: every refusal is a GraphQL error with `extensions.code` (BAD_USER_INPUT unless said otherwise) and a
sentence a person understands; never a traceback, never an HTTP 500, and never a half-written change (a refused send
delivers nothing, a refused mark marks nothing).

Requests go to the app in this process through httpx's ASGI transport (conftest.app_api); the bodies strawberry alone
would answer with a 500 also go through the real server, where a failure would show on the wire."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.support import LIST, REGISTER, SEND, SEND_BULK, SEND_TENANT, GraphQLClient, Server, token, unique

BAD = "BAD_USER_INPUT"
DROP = object()  # an override that removes the field from the input

INBOX = "{ unreadCount notifications(first: 5) { edges { node { id title } } } }"
NOTIFICATION = "query($id: ID!) { notification(id: $id) { id } }"
MARK_READ = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount } }"
MARK_UNREAD = "mutation($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount } }"
PAGE = "query($first: Int, $after: String) { notifications(first: $first, after: $after) { edges { cursor } } }"
RECENT = "query($limit: Int!) { recentNotifications(limit: $limit) { id } }"
UNREAD_OF = "query($types: [String!]) { unreadCount(types: $types) }"
PREFS = "{ notificationPreferences { inApp { enabled } typeOverrides { type inApp } } }"
UPDATE_PREFS = """
mutation($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { inApp { enabled } typeOverrides { type inApp } }
}"""

# What no error message may contain: internals of the server.
LEAKS = ("Traceback", 'File "', "sqlalchemy", "asyncpg", "psycopg", "Exception", "site-packages")


# --- helpers ----------------------------------------------------------------------------------------------------


def cursor_of(text: str) -> str:
    """A cursor as the API encodes them (urlsafe base64 of "n:<id>", unpadded), around any text."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def check_errors(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Every error carries a code and a readable message; nothing leaks."""
    errors: list[dict[str, Any]] = body.get("errors") or []
    assert errors, body
    assert "Traceback" not in json.dumps(body)
    for error in errors:
        assert error.get("extensions", {}).get("code"), error
        message = error.get("message")
        assert isinstance(message, str) and 10 <= len(message) <= 500, error
        assert not any(leak in message for leak in LEAKS), error
    return errors


async def refused(
    api: GraphQLClient,
    query: str,
    variables: dict[str, Any] | None,
    access: str,
    *,
    code: str = BAD,
    says: str | None = None,
    nullable: str | None = None,
) -> dict[str, Any]:
    """The call fails as a whole (no data, or null for its `nullable` root field), every error is coded, the first
    is `code` and readable, and one of them says `says`."""
    body = await api.run(query, variables, token=access)
    errors = check_errors(body)
    assert body.get("data") in (None, {nullable: None}) if nullable else body.get("data") is None, body
    first = errors[0]
    assert first["extensions"]["code"] == code, body
    assert first["message"] != "Internal server error.", body
    if says is not None:
        assert any(says in e["message"] for e in errors), errors
    return first


async def post_text(http: httpx.AsyncClient, url: str, text: str, access: str | None = None) -> httpx.Response:
    """A body sent exactly as given: for JSON the client would refuse to write (lone surrogates, NaN)."""
    headers = {"Content-Type": "application/json"}
    if access:
        headers["Authorization"] = f"Bearer {access}"
    return await http.post(url, content=text.encode(), headers=headers)


async def inbox_of(api: GraphQLClient, tenant: str, user: str) -> tuple[int, list[str]]:
    data = await api.data(INBOX, token=token(user, tenant))
    return data["unreadCount"], [e["node"]["title"] for e in data["notifications"]["edges"]]


async def assert_empty_inbox(api: GraphQLClient, tenant: str, *users: str) -> None:
    for user in users:
        assert await inbox_of(api, tenant, user) == (0, []), user


def send_input(user: str, **overrides: Any) -> dict[str, Any]:
    value: dict[str, Any] = {"userId": user, "title": "Hello", "message": "A message."}
    for key, override in overrides.items():
        if override is DROP:
            value.pop(key, None)
        else:
            value[key] = override
    return value


@pytest.fixture
def api(app_api: GraphQLClient) -> GraphQLClient:
    return app_api


@pytest.fixture
def people() -> tuple[str, str, str]:
    """A fresh tenant, an admin of it (as a token) and a user id in it."""
    tenant = unique("t")
    return tenant, token(unique("admin"), tenant, "admin"), unique("u")


# --- sends: content ---------------------------------------------------------------------------------------------

BAD_SENDS: list[tuple[str, dict[str, Any], str | None]] = [
    ("empty-title", {"title": ""}, "`title` must not be empty"),
    ("blank-title", {"title": " \t\n "}, "`title` must not be empty"),
    ("long-title", {"title": "x" * 201}, "`title` is 201 characters; the limit is 200"),
    ("no-title", {"title": DROP}, "title"),
    ("null-title", {"title": None}, "title"),
    ("number-title", {"title": 5}, "title"),
    ("empty-message", {"message": ""}, "`message` must not be empty"),
    ("blank-message", {"message": "   "}, "`message` must not be empty"),
    ("long-message", {"message": "x" * 5001}, "`message` is 5001 characters; the limit is 5000"),
    ("type-punctuation", {"type": "Sale!"}, "`type`"),
    ("type-empty", {"type": ""}, "`type`"),
    ("type-uppercase", {"type": "SALE"}, "`type`"),
    ("type-51", {"type": "a" * 51}, "`type`"),
    ("type-digit-first", {"type": "1sale"}, "`type`"),
    ("type-space", {"type": "big sale"}, "`type`"),
    ("type-trailing-space", {"type": "sale "}, "`type`"),
    ("type-accent", {"type": "s\u00e1le"}, "`type`"),
    ("priority-unknown", {"priority": "SUPER"}, "priority"),
    ("priority-lowercase", {"priority": "high"}, "priority"),
    ("url-javascript", {"actionUrl": "javascript:alert(1)"}, "`actionUrl`"),
    ("url-javascript-upper", {"actionUrl": "JAVASCRIPT:alert(1)"}, "`actionUrl`"),
    ("url-data", {"actionUrl": "data:text/html,<script>alert(1)</script>"}, "`actionUrl`"),
    ("url-protocol-relative", {"actionUrl": "//evil.com/x"}, "`actionUrl`"),
    ("url-backslash", {"actionUrl": "/\\evil.com"}, "`actionUrl`"),
    ("url-ftp", {"actionUrl": "ftp://x"}, "`actionUrl`"),
    ("url-no-host", {"actionUrl": "https:evil.com"}, "`actionUrl`"),
    ("url-bare-scheme", {"actionUrl": "http://"}, "`actionUrl`"),
    ("url-relative-no-slash", {"actionUrl": "sales/123"}, "`actionUrl`"),
    ("url-empty", {"actionUrl": ""}, "`actionUrl`"),
    ("url-space", {"actionUrl": "https://x.y/a b"}, "`actionUrl`"),
    ("url-path-space", {"actionUrl": "/sales/ 123"}, "`actionUrl`"),
    ("url-leading-space", {"actionUrl": " https://x.y/z"}, "`actionUrl`"),
    ("url-tab-javascript", {"actionUrl": "\tjavascript:alert(1)"}, "`actionUrl`"),
    ("url-newline", {"actionUrl": "/a\nb"}, "`actionUrl`"),
    ("url-2049", {"actionUrl": "https://x.y/" + "a" * 2037}, "`actionUrl` must be at most 2048 characters"),
    ("action-text-empty", {"actionText": ""}, "`actionText`"),
    ("action-text-long", {"actionText": "x" * 101}, "`actionText`"),
    ("metadata-list", {"metadata": [1, 2]}, "`metadata` must be a JSON object"),
    ("metadata-string", {"metadata": "{}"}, "`metadata` must be a JSON object"),
    ("metadata-number", {"metadata": 5}, "`metadata` must be a JSON object"),
    ("metadata-bool", {"metadata": True}, "`metadata` must be a JSON object"),
    ("metadata-16k", {"metadata": {"x": "a" * 16_377}}, "16385 bytes; the limit is 16384"),
    ("metadata-huge-int", {"metadata": {"x": 2**70}}, "`metadata`"),
    ("expires-past", {"expiresAt": "2000-01-01T00:00:00Z"}, "`expiresAt` is in the past"),
    ("expires-naive", {"expiresAt": "2090-01-01T00:00:00"}, "`expiresAt` must include a time zone"),
    ("expires-date-only", {"expiresAt": "2090-01-01"}, "`expiresAt`"),
    ("expires-words", {"expiresAt": "tomorrow"}, "expiresAt"),
    ("expires-epoch", {"expiresAt": 4_102_444_800}, "expiresAt"),
    ("idempotency-201", {"idempotencyKey": "k" * 201}, "`idempotencyKey` must be 1 to 200 characters"),
    ("idempotency-empty", {"idempotencyKey": ""}, "`idempotencyKey`"),
    ("user-empty", {"userId": ""}, "user id"),
    ("user-padded", {"userId": " u "}, "user id"),
    ("user-101", {"userId": "u" * 101}, "user id"),
    # Ids no token can carry (services.ids): such an inbox could never be opened.
    ("user-zero-width-space", {"userId": "ali\u200bce"}, "user id"),
    ("user-bidi-override", {"userId": "bo\u202eb"}, "user id"),
    ("user-tab", {"userId": "a\tb"}, "user id"),
    ("user-newline", {"userId": "a\nb"}, "user id"),
    ("user-next-line", {"userId": "a\x85b"}, "user id"),
    ("user-missing", {"userId": DROP}, "userId"),
    ("unknown-field", {"bogus": 1}, "bogus"),
]


@pytest.mark.parametrize(("overrides", "says"), [c[1:] for c in BAD_SENDS], ids=[c[0] for c in BAD_SENDS])
async def test_bad_send_is_refused_and_writes_nothing(
    api: GraphQLClient, people: tuple[str, str, str], overrides: dict[str, Any], says: str | None
) -> None:
    tenant, admin, user = people
    await refused(api, SEND, {"input": send_input(user, **overrides)}, admin, says=says)
    await assert_empty_inbox(api, tenant, user)


GOOD_SENDS: list[tuple[str, dict[str, Any]]] = [
    ("url-https", {"actionUrl": "https://x.y/z"}),
    ("url-path", {"actionUrl": "/sales/123"}),
    ("url-http-port-query", {"actionUrl": "http://localhost:8080/a?b=c&d=%20#e"}),
    ("url-2048", {"actionUrl": "https://x.y/" + "a" * 2036}),
    ("title-200", {"title": "x" * 200}),
    ("message-5000", {"message": "x" * 5000}),
    ("title-unicode", {"title": "Caf\u00e9 \u2615 \U0001f600"}),
    ("type-50", {"type": "a" * 50}),
    ("type-punctuated", {"type": "sale.item-new_2"}),
    ("action-text-100", {"actionText": "x" * 100}),
    ("metadata-null", {"metadata": None}),
    ("metadata-empty", {"metadata": {}}),
    ("metadata-16k", {"metadata": {"x": "a" * 16_376}}),
    ("metadata-nested", {"metadata": {"a": [1, 2.5, None, True, {"b": "c"}]}}),
    ("expires-offset", {"expiresAt": "2090-01-01T00:00:00+02:00"}),
    ("idempotency-200", {"idempotencyKey": "k" * 200}),
    ("user-100", {"userId": "u" * 100}),
    ("user-numeric", {"userId": 12345}),
]


@pytest.mark.parametrize("overrides", [c[1] for c in GOOD_SENDS], ids=[c[0] for c in GOOD_SENDS])
async def test_valid_send_at_the_limits_is_accepted(
    api: GraphQLClient, people: tuple[str, str, str], overrides: dict[str, Any]
) -> None:
    tenant, admin, user = people
    content = send_input(user, **overrides)
    user = str(content["userId"])  # the tenant is fresh, so even fixed user ids and idempotency keys are unused
    sent = await api.data(SEND, {"input": content}, token=admin)
    assert sent["sendNotification"]["delivered"] == 1
    node = (await api.data(LIST, token=token(user, tenant)))["notifications"]["edges"][0]["node"]
    assert node["title"] == content["title"]
    assert node["message"] == content["message"]
    if "actionUrl" in overrides:
        assert node["actionUrl"] == overrides["actionUrl"]
    if "metadata" in overrides:
        assert node["metadata"] == (overrides["metadata"] or {})


async def test_refused_send_does_not_use_up_its_idempotency_key(
    api: GraphQLClient, people: tuple[str, str, str]
) -> None:
    tenant, admin, user = people
    key = unique("key")
    await refused(api, SEND, {"input": send_input(user, title="", idempotencyKey=key)}, admin)
    sent = await api.data(SEND, {"input": send_input(user, idempotencyKey=key)}, token=admin)
    assert sent["sendNotification"]["delivered"] == 1
    assert sent["sendNotification"]["duplicate"] is False
    assert (await inbox_of(api, tenant, user))[0] == 1


@pytest.mark.parametrize("tenant_id", ["", " t", "t" * 101], ids=["empty", "padded", "101"])
async def test_service_send_to_a_bad_tenant_id_is_refused(api: GraphQLClient, tenant_id: str) -> None:
    service = token(unique("svc"), unique("t"), "service")
    await refused(api, SEND, {"input": send_input(unique("u"), tenantId=tenant_id)}, service, says="tenant id")


# --- sends: recipients, bulk and tenant-wide --------------------------------------------------------------------


async def test_bulk_send_with_one_bad_field_delivers_to_nobody(
    api: GraphQLClient, people: tuple[str, str, str]
) -> None:
    tenant, admin, _ = people
    users = [unique("u") for _ in range(3)]
    for bad in ({"title": ""}, {"actionUrl": "javascript:alert(1)"}, {"metadata": [1]}, {"type": "Bad Type"}):
        content = {"userIds": users, "title": "Hello", "message": "A message.", **bad}
        await refused(api, SEND_BULK, {"input": content}, admin)
    await assert_empty_inbox(api, tenant, *users)


@pytest.mark.parametrize(
    "bad_user", ["", " padded", "u" * 101, "ali\u200bce", "a\tb"], ids=["empty", "padded", "101", "zero-width", "tab"]
)
async def test_bulk_send_with_one_bad_user_id_delivers_to_nobody(
    api: GraphQLClient, people: tuple[str, str, str], bad_user: str
) -> None:
    tenant, admin, _ = people
    good = [unique("u"), unique("u")]
    content = {"userIds": [good[0], bad_user, good[1]], "title": "Hello", "message": "A message."}
    await refused(api, SEND_BULK, {"input": content}, admin, says="user id")
    await assert_empty_inbox(api, tenant, *good)


async def test_bulk_send_to_more_than_1000_users_is_refused(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    tenant, admin, _ = people
    users = [f"{unique('u')}-{i}" for i in range(1001)]
    content = {"userIds": users, "title": "Hello", "message": "A message."}
    await refused(api, SEND_BULK, {"input": content}, admin, says="At most 1000 user ids per call; got 1001")
    await assert_empty_inbox(api, tenant, users[0], users[-1])


async def test_bulk_send_to_exactly_1000_users_is_accepted(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    tenant, admin, _ = people
    users = [f"{unique('u')}-{i}" for i in range(1000)]
    sent = await api.data(SEND_BULK, {"input": {"userIds": users, "title": "Hi", "message": "m"}}, token=admin)
    assert sent["sendBulkNotifications"]["delivered"] == 1000
    assert (await inbox_of(api, tenant, users[-1]))[0] == 1


async def test_bulk_send_to_nobody_is_refused(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    _, admin, _ = people
    content = {"userIds": [], "title": "Hello", "message": "A message."}
    await refused(api, SEND_BULK, {"input": content}, admin, says="at least one user id")


async def test_tenant_send_with_a_bad_field_delivers_to_nobody(
    api: GraphQLClient, people: tuple[str, str, str]
) -> None:
    tenant, admin, _ = people
    users = [unique("u"), unique("u")]
    registered = await api.data(REGISTER, {"input": {"users": [{"userId": u} for u in users]}}, token=admin)
    assert registered["registerUsers"]["registered"] == 2
    for bad in ({"message": ""}, {"actionUrl": "//evil.com/x"}, {"expiresAt": "2000-01-01T00:00:00Z"}):
        await refused(api, SEND_TENANT, {"input": {"title": "Hello", "message": "A message.", **bad}}, admin)
    await assert_empty_inbox(api, tenant, *users)


# --- inbox: ids, paging, limits ---------------------------------------------------------------------------------

BAD_IDS = ["abc", "-1", "1.5", "", " 1", "1 ", "0x10", "1e3", "9" * 19, "9" * 40, "\u00b2", "\u0661"]
BAD_ID_NAMES = ["abc", "negative", "decimal", "empty", "leading-space", "trailing-space", "hex", "exponent"]
BAD_ID_NAMES += ["19-digits", "40-digits", "superscript-two", "arabic-one"]


@pytest.mark.parametrize("bad_id", BAD_IDS, ids=BAD_ID_NAMES)
async def test_malformed_notification_id_is_refused_everywhere(api: GraphQLClient, bad_id: str) -> None:
    tenant, user = unique("t"), unique("u")
    access = token(user, tenant)
    await refused(api, NOTIFICATION, {"id": bad_id}, access, says="is not a notification id", nullable="notification")
    await refused(api, MARK_READ, {"ids": [bad_id]}, access, says="is not a notification id")
    await refused(api, MARK_UNREAD, {"ids": [bad_id]}, access, says="is not a notification id")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (NOTIFICATION, {"id": 1.5}),
        (NOTIFICATION, {"id": True}),
        (NOTIFICATION, {"id": None}),
        (NOTIFICATION, {}),
        (MARK_READ, {"ids": [{"id": 1}]}),
        (MARK_READ, {"ids": [None]}),
        ("{ notification(id: 1.5) { id } }", None),
        ("{ notification(id: -1) { id } }", None),
        ("{ notification(id: 99999999999999999999) { id } }", None),
    ],
    ids=[
        "float",
        "bool",
        "null",
        "missing",
        "object-in-list",
        "null-in-list",
        "float-literal",
        "negative-literal",
        "huge-literal",
    ],
)
async def test_id_of_the_wrong_graphql_type_is_refused(
    api: GraphQLClient, query: str, variables: dict[str, Any] | None
) -> None:
    await refused(api, query, variables, token(unique("u"), unique("t")), nullable="notification")


async def test_mark_with_one_bad_id_marks_nothing(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    tenant, admin, user = people
    sent = await api.data(SEND, {"input": send_input(user)}, token=admin)
    good = sent["sendNotification"]["notification"]["id"]
    access = token(user, tenant)
    await refused(api, MARK_READ, {"ids": [good, "abc"]}, access)
    assert (await inbox_of(api, tenant, user))[0] == 1
    await api.data(MARK_READ, {"ids": [good]}, token=access)
    await refused(api, MARK_UNREAD, {"ids": [good, "-1"]}, access)
    assert (await inbox_of(api, tenant, user))[0] == 0


@pytest.mark.parametrize("query", [MARK_READ, MARK_UNREAD], ids=["read", "unread"])
async def test_mark_more_than_1000_ids_is_refused(api: GraphQLClient, people: tuple[str, str, str], query: str) -> None:
    tenant, admin, user = people
    sent = await api.data(SEND, {"input": send_input(user)}, token=admin)
    good = sent["sendNotification"]["notification"]["id"]
    ids = [good] + [str(10**15 + i) for i in range(1000)]
    await refused(api, query, {"ids": ids}, token(user, tenant), says="At most 1000 ids per call; got 1001")
    assert (await inbox_of(api, tenant, user))[0] == 1


@pytest.mark.parametrize(
    ("variables", "says"),
    [
        ({"first": 101}, "`first` must be between 0 and 100"),
        ({"first": -1}, "`first` must be between 0 and 100"),
        ({"first": 2**31}, "first"),
        ({"first": "ten"}, "first"),
        ({"first": 2.5}, "first"),
        ({"after": "zzz"}, "`after` is not a cursor"),
        ({"after": ""}, "`after` is not a cursor"),
        ({"after": "!!!!"}, "`after` is not a cursor"),
        ({"after": "a" * 100}, "`after` is not a cursor"),
        ({"after": cursor_of("x:1")}, "`after` is not a cursor"),
        ({"after": cursor_of("n:abc")}, "`after` is not a cursor"),
        ({"after": cursor_of("n:-1")}, "`after` is not a cursor"),
        ({"after": cursor_of("n:")}, "`after` is not a cursor"),
        ({"after": cursor_of("n:1" + "0" * 40)}, "`after` is not a cursor"),
        ({"after": 5}, "after"),
    ],
    ids=[
        "first-101",
        "first-negative",
        "first-2^31",
        "first-string",
        "first-float",
        "after-junk",
        "after-empty",
        "after-not-base64",
        "after-long",
        "after-wrong-prefix",
        "after-letters",
        "after-negative",
        "after-no-id",
        "after-40-digits",
        "after-number",
    ],
)
async def test_bad_paging_is_refused(api: GraphQLClient, variables: dict[str, Any], says: str) -> None:
    await refused(api, PAGE, variables, token(unique("u"), unique("t")), says=says)


async def test_paging_at_the_limits_is_accepted(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    tenant, admin, user = people
    await api.data(SEND, {"input": send_input(user)}, token=admin)
    access = token(user, tenant)
    assert (await api.data(PAGE, {"first": 0}, token=access))["notifications"]["edges"] == []
    edges = (await api.data(PAGE, {"first": 100}, token=access))["notifications"]["edges"]
    assert len(edges) == 1
    after = await api.data(PAGE, {"first": 100, "after": edges[0]["cursor"]}, token=access)
    assert after["notifications"]["edges"] == []


@pytest.mark.parametrize("limit", [0, 51, -1], ids=["zero", "51", "negative"])
async def test_recent_notifications_limit_out_of_range_is_refused(api: GraphQLClient, limit: int) -> None:
    access = token(unique("u"), unique("t"))
    await refused(api, RECENT, {"limit": limit}, access, says="`limit` must be between 1 and 50")


@pytest.mark.parametrize(
    "types",
    [["Bad Type"], [""], ["ok", "NOPE"], ["x" * 51], [f"t{i}" for i in range(51)]],
    ids=["space", "empty", "one-of-two", "51-chars", "51-types"],
)
async def test_bad_type_filter_is_refused(api: GraphQLClient, types: list[str]) -> None:
    access = token(unique("u"), unique("t"))
    await refused(api, UNREAD_OF, {"types": types}, access)
    filtered = "query($types: [String!]) { notifications(filter: {types: $types}) { edges { cursor } } }"
    await refused(api, filtered, {"types": types}, access)


# --- preferences and registration -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ([{"type": "Bad Type", "inApp": False}], "`type`"),
        ([{"type": "", "inApp": False}], "`type`"),
        ([{"type": "sale", "inApp": False}, {"type": "sale", "inApp": True}], "Each type may appear once"),
        ([{"type": f"t{i}", "inApp": False} for i in range(101)], "At most 100 type overrides"),
        ([{"inApp": False}], "type"),
    ],
    ids=["bad-type", "empty-type", "duplicate", "101-overrides", "missing-type"],
)
async def test_bad_preference_update_is_refused_and_changes_nothing(
    api: GraphQLClient, overrides: list[dict[str, Any]], says: str
) -> None:
    access = token(unique("u"), unique("t"))
    before = await api.data(PREFS, token=access)
    # The valid parts of the same update (turning in-app off, a good override) must not be applied either.
    update = {"inApp": {"enabled": False}, "typeOverrides": [{"type": "fine", "inApp": False}, *overrides]}
    await refused(api, UPDATE_PREFS, {"input": update}, access, says=says)
    assert await api.data(PREFS, token=access) == before


@pytest.mark.parametrize(
    ("user", "says"),
    [
        ({"email": "nope"}, "is not an email address"),
        ({"email": "a" * 320 + "@x.y"}, "is not an email address"),
        ({"phone": "abc"}, "is not a phone number"),
        ({"phone": "+"}, "is not a phone number"),
        ({"phone": "1" * 33}, "is not a phone number"),
        ({"phone": "555-1234"}, "is not a phone number"),
        ({"phone": "+15550100"}, "E.164"),
        ({"phone": "0044 20 7946 0958"}, "E.164"),
        ({"userId": ""}, "user id"),
        ({"userId": " x "}, "user id"),
        ({"userId": "bo\u202eb"}, "user id"),
        ({"userId": "a\nb"}, "user id"),
    ],
    ids=[
        "email-no-at",
        "email-long",
        "phone-letters",
        "phone-plus-only",
        "phone-long",
        "phone-dash",
        "phone-too-short-for-its-country",
        "phone-without-plus",
        "user-empty",
        "user-padded",
        "user-bidi-override",
        "user-newline",
    ],
)
async def test_bad_registration_is_refused_and_registers_nobody(
    api: GraphQLClient, people: tuple[str, str, str], user: dict[str, Any], says: str
) -> None:
    _, admin, _ = people
    good = unique("u")
    users = [{"userId": good, "email": "good@example.com"}, {"userId": unique("u"), **user}]
    await refused(api, REGISTER, {"input": {"users": users}}, admin, says=says)
    # Nobody was registered: a tenant-wide send reaches no one.
    sent = await api.data(SEND_TENANT, {"input": {"title": "Hello", "message": "A message."}}, token=admin)
    assert sent["sendTenantNotification"]["delivered"] == 0


async def test_registering_a_user_twice_in_one_call_is_refused(
    api: GraphQLClient, people: tuple[str, str, str]
) -> None:
    _, admin, _ = people
    user = unique("u")
    users = [{"userId": user, "email": "a@example.com"}, {"userId": user, "email": "b@example.com"}]
    await refused(api, REGISTER, {"input": {"users": users}}, admin, says="Each user may appear once")


# --- the request's shape: types, unknown fields, syntax, limits -------------------------------------------------

SHAPES: list[tuple[str, str, dict[str, Any] | None, str | None]] = [
    ("first-string-variable", PAGE, {"first": "ten"}, "first"),
    ("first-string-literal", '{ notifications(first: "ten") { edges { cursor } } }', None, "Int"),
    ("limit-float", RECENT, {"limit": 1.5}, "limit"),
    ("types-not-strings", UNREAD_OF, {"types": [1, 2]}, "types"),
    ("input-a-string", SEND, {"input": "send it"}, "input"),
    ("input-missing", SEND, {}, "input"),
    ("undeclared-variable", "{ notifications(first: $n) { edges { cursor } } }", None, "$n"),
    ("unknown-field", "{ nope }", None, "nope"),
    ("unknown-nested-field", "{ notifications { edges { node { nope } } } }", None, "nope"),
    ("unknown-argument", "{ unreadCount(nope: 1) }", None, "nope"),
    ("selection-on-leaf", "{ unreadCount { value } }", None, "unreadCount"),
    ("missing-selection", "{ notifications }", None, "notifications"),
    ("unknown-type", "query($x: Nope) { unreadCount }", None, "Nope"),
    ("unknown-enum", "{ notifications(filter: {status: SOMETIMES}) { edges { cursor } } }", None, "SOMETIMES"),
    ("unknown-directive", "{ unreadCount @nope }", None, "nope"),
    ("unclosed", "{ unreadCount ", None, "Syntax Error"),
    ("unopened", "unreadCount }", None, "Syntax Error"),
    ("stray-brace", "{ unreadCount } }", None, "Syntax Error"),
    ("bad-string", '{ notification(id: "1) { id } }', None, "Syntax Error"),
    ("bad-character", "{ unread\u00a7Count }", None, "Syntax Error"),
    ("fragment-cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", None, "fragment"),
    ("subscription-over-http", "subscription { unreadCountChanged }", None, "websockets"),
]


@pytest.mark.parametrize(("query", "variables", "says"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
async def test_malformed_request_is_refused(
    api: GraphQLClient, query: str, variables: dict[str, Any] | None, says: str | None
) -> None:
    tenant = unique("t")
    await refused(api, query, variables, token(unique("admin"), tenant, "admin"), says=says)


DEEP = "{ notifications { edges { node { " + "a { " * 10 + "b" + " }" * 10 + " } } } }"
DEEP_VIA_FRAGMENTS = (
    "{ ...Q } fragment Q on Query { notifications { ...C } } "
    "fragment C on NotificationConnection { edges { node { ...N } } } "
    "fragment N on Notification { " + "a { " * 10 + "b" + " }" * 10 + " }"
)


@pytest.mark.parametrize("query", [DEEP, DEEP_VIA_FRAGMENTS], ids=["inline", "via-fragments"])
async def test_query_deeper_than_the_limit_is_refused(api: GraphQLClient, query: str) -> None:
    # No real path in the schema is deeper than the limit (10), so the nesting below a real field is made of
    # unknown fields: the depth rule walks the document and must still object, alongside the field errors.
    body = await api.run(query, token=token(unique("u"), unique("t")))
    errors = check_errors(body)
    assert body.get("data") is None
    assert all(e["extensions"]["code"] == BAD for e in errors), errors
    assert any("exceeds maximum operation depth of 10" in e["message"] for e in errors), errors


async def test_deep_introspection_is_refused(api: GraphQLClient) -> None:
    # Introspection fields are not counted by the depth limiter, but graphql-core caps their nesting.
    query = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"
    await refused(api, query, None, token(unique("u"), unique("t")), says="introspection depth")


async def test_query_at_the_depth_of_the_schema_is_accepted(api: GraphQLClient) -> None:
    query = "{ notifications { edges { node { id } } pageInfo { hasNextPage } } }"
    data = await api.data(query, token=token(unique("u"), unique("t")))
    assert data == {"notifications": {"edges": [], "pageInfo": {"hasNextPage": False}}}


@pytest.mark.parametrize("count", [31, 300], ids=["31", "300"])
async def test_too_many_aliases_are_refused(api: GraphQLClient, count: int) -> None:
    query = "{ " + " ".join(f"a{i}: unreadCount" for i in range(count)) + " }"
    await refused(api, query, None, token(unique("u"), unique("t")), says=f"{count} aliases found. Allowed: 30")


async def test_thirty_aliases_are_accepted(api: GraphQLClient) -> None:
    query = "{ " + " ".join(f"a{i}: unreadCount" for i in range(30)) + " }"
    data = await api.data(query, token=token(unique("u"), unique("t")))
    assert data == {f"a{i}": 0 for i in range(30)}


@pytest.mark.parametrize(
    "query",
    [
        # Short tokens, so that the documents stay under the size limit and it is the token count that refuses them.
        "{ " + " ".join(["a"] * 3000) + " }",
        "{ unreadCount(types: [" + ",".join(['"s"'] * 2500) + "]) }",
    ],
    ids=["3000-fields", "2500-list-items"],
)
async def test_query_with_too_many_tokens_is_refused(api: GraphQLClient, query: str) -> None:
    await refused(api, query, None, token(unique("u"), unique("t")), says="more than 2000 tokens")


@pytest.mark.parametrize(
    "query",
    [
        "{ unreadCount(types: " + "[" * 900 + "]" * 900 + ") }",
        "{ notifications(filter: " + "{a: " * 600 + "1" + "}" * 600 + ") { edges { cursor } } }",
    ],
    ids=["lists", "objects"],
)
async def test_deeply_nested_literal_is_refused(api: GraphQLClient, query: str) -> None:
    await refused(api, query, None, token(unique("u"), unique("t")), says="nested too deeply")


# --- the HTTP layer ---------------------------------------------------------------------------------------------

JSON = "application/json"
# (id, body as bytes, content type). Strawberry answers these with 400 and a plain-text reason, e.g.
# "Unable to parse request body as JSON", "Unsupported content type", "No GraphQL query found in the request"; the
# endpoint sends them as JSON errors with a code.
HTTP_BODIES: list[tuple[str, bytes, str | None]] = [
    ("invalid-json", b"{not json", JSON),
    ("empty-body", b"", JSON),
    ("no-content-type", b'{"query": "{ unreadCount }"}', None),
    ("plain-text", b"{ unreadCount }", "text/plain"),
    ("form", b"query=%7B+unreadCount+%7D", "application/x-www-form-urlencoded"),
    ("json-array", b'[{"query": "{ unreadCount }"}]', JSON),
    ("no-query", b"{}", JSON),
    ("empty-query", b'{"query": ""}', JSON),
    ("query-a-number", b'{"query": 5}', JSON),
    ("variables-a-string", b'{"query": "{ unreadCount }", "variables": "x"}', JSON),
]
# Bodies that strawberry alone would answer with an HTTP 500.
CRASHING_BODIES: list[tuple[str, bytes, str | None]] = [
    ("json-string", b'"{ unreadCount }"', JSON),
    ("json-number", b"5", JSON),
    ("json-null", b"null", JSON),
    ("invalid-utf8", b'{"query": "{ unreadCount }", "x": "\xe9"}', JSON),
    (
        "nested-100000-deep",
        b'{"query": "{ unreadCount }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
        JSON,
    ),
]


async def post_body(api: GraphQLClient, content: bytes, content_type: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token(unique('u'), unique('t'))}"}
    if content_type:
        headers["Content-Type"] = content_type
    return await api.http.post(api.url, content=content, headers=headers)


@pytest.mark.parametrize(("content", "content_type"), [b[1:] for b in HTTP_BODIES], ids=[b[0] for b in HTTP_BODIES])
async def test_unusable_http_body_is_a_4xx_not_a_500(
    api: GraphQLClient, content: bytes, content_type: str | None
) -> None:
    response = await post_body(api, content, content_type)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert "Traceback" not in response.text
    assert len(response.text.strip()) >= 10, response.text
    assert_coded(response)


def assert_coded(response: httpx.Response) -> None:
    """A refusal of the request itself is JSON with coded errors too, not strawberry's plain-text reason."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    check_errors(response.json())


@pytest.mark.parametrize("name", ["B", "\ud800"], ids=["unknown", "lone-surrogate"])
async def test_an_unknown_operation_name_is_a_coded_error(api: GraphQLClient, name: str) -> None:
    # As for the other unusable documents: a GraphQL error with a code. (strawberry answered with a plain-text 400
    # quoting the name, and a lone surrogate, which JSON may spell, turned that into a 500.)
    body = json.dumps({"query": "query A { unreadCount }", "operationName": name})  # escapes the surrogate
    response = await post_body(api, body.encode(), JSON)
    assert response.status_code == 200, response.text
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("The document has no operation named")


@pytest.mark.parametrize("where", ["in-process", "real-server"])
@pytest.mark.parametrize(
    ("content", "content_type"), [b[1:] for b in CRASHING_BODIES], ids=[b[0] for b in CRASHING_BODIES]
)
async def test_non_object_or_undecodable_json_body_is_a_4xx(
    request: pytest.FixtureRequest, api: GraphQLClient, content: bytes, content_type: str | None, where: str
) -> None:
    if where == "in-process":
        response = await post_body(api, content, content_type)
    else:
        server: Server = request.getfixturevalue("server")
        # Its own client: a server error may close the connection, which must not disturb the shared one.
        async with httpx.AsyncClient(timeout=30) as http:
            response = await post_body(GraphQLClient(server.url, http), content, content_type)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    assert_coded(response)


async def test_mutation_over_get_is_a_4xx(api: GraphQLClient) -> None:
    access = token(unique("u"), unique("t"))
    response = await api.http.get(
        api.url,
        params={"query": "mutation { markAllNotificationsRead { updatedCount } }"},
        headers={"Authorization": f"Bearer {access}"},
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert_coded(response)


@pytest.mark.parametrize("name", [5, ["A"]], ids=["number", "list"])
async def test_an_operation_name_that_is_not_a_string_is_a_coded_4xx(api: GraphQLClient, name: object) -> None:
    body = json.dumps({"query": "query A { unreadCount }", "operationName": name}).encode()
    response = await post_body(api, body, JSON)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert_coded(response)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_on_the_endpoint_are_405_with_the_allowed_ones(api: GraphQLClient, method: str) -> None:
    # GET and POST go straight to the endpoint (app.NotificationService); the rest still meet Starlette's route.
    response = await api.http.request(method, api.url, content=b'{"query": "{ unreadCount }"}')
    assert response.status_code == 405, (response.status_code, response.text)
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


# --- bugs: inputs that reach the database unchecked and come back as INTERNAL_SERVER_ERROR -----------------------

# JSON text of a send's input, written by hand so it can carry what a JSON client library would refuse to write.
WEIRD_SENDS: list[tuple[str, str]] = [
    ("nul-title", '"title": "a\\u0000b"'),
    ("nul-message", '"message": "a\\u0000b"'),
    ("nul-action-text", '"actionText": "a\\u0000b"'),
    ("nul-idempotency-key", '"idempotencyKey": "k\\u0000"'),
    ("nul-metadata-value", '"metadata": {"a": "x\\u0000"}'),
    ("nul-metadata-key", '"metadata": {"a\\u0000": "x"}'),
    ("lone-surrogate-title", '"title": "a\\ud800b"'),
    ("metadata-nan", '"metadata": {"a": NaN}'),
    ("metadata-infinity", '"metadata": {"a": Infinity}'),
    ("metadata-minus-infinity", '"metadata": {"a": [-Infinity]}'),
    ("expires-after-year-9999-in-utc", '"expiresAt": "9999-12-31T23:59:59-14:00"'),
]


# Already refused as BAD_USER_INPUT (orjson in check_metadata rejects surrogates); still checked for atomicity.
REFUSED_WEIRD_SENDS = [("lone-surrogate-metadata", '"metadata": {"a": "\\udfff"}')]


def weird_send_body(user: str, field: str) -> str:
    defaults = {"title": '"Hello"', "message": '"A message."'}
    name = field.split(":", 1)[0].strip().strip('"')
    parts = [f'"userId": {json.dumps(user)}', field] + [f'"{k}": {v}' for k, v in defaults.items() if k != name]
    return json.dumps({"query": SEND, "variables": {"input": "INPUT"}}).replace('"INPUT"', "{" + ", ".join(parts) + "}")


@pytest.mark.parametrize(
    "field",
    [w[1] for w in WEIRD_SENDS + REFUSED_WEIRD_SENDS],
    ids=[w[0] for w in WEIRD_SENDS + REFUSED_WEIRD_SENDS],
)
async def test_unstorable_send_writes_nothing(api: GraphQLClient, people: tuple[str, str, str], field: str) -> None:
    # A failed send leaves nothing behind and the answer is coded.
    tenant, admin, user = people
    response = await post_text(api.http, api.url, weird_send_body(user, field), admin)
    assert response.status_code == 200, response.text
    body = response.json()
    check_errors(body)
    assert body.get("data") is None, body
    await assert_empty_inbox(api, tenant, user)


@pytest.mark.parametrize("field", [w[1] for w in WEIRD_SENDS], ids=[w[0] for w in WEIRD_SENDS])
async def test_unstorable_send_is_bad_input(api: GraphQLClient, people: tuple[str, str, str], field: str) -> None:
    _, admin, user = people
    response = await post_text(api.http, api.url, weird_send_body(user, field), admin)
    assert response.status_code == 200, response.text
    assert check_errors(response.json())[0]["extensions"]["code"] == BAD, response.text


@pytest.mark.parametrize("kind", ["user", "tenant"])
async def test_id_with_a_nul_character_is_bad_input(api: GraphQLClient, kind: str) -> None:
    service = token(unique("svc"), unique("t"), "service")
    content = send_input("u\x00x") if kind == "user" else send_input(unique("u"), tenantId="t\x00x")
    await refused(api, SEND, {"input": content}, service)


async def test_email_with_a_nul_character_is_bad_input(api: GraphQLClient, people: tuple[str, str, str]) -> None:
    _, admin, _ = people
    users = [{"userId": unique("u"), "email": "a\x00@example.com"}]
    await refused(api, REGISTER, {"input": {"users": users}}, admin, says="email")


@pytest.mark.parametrize(
    "after",
    [cursor_of("n:9999999999999999999"), cursor_of("n:" + "9" * 25), cursor_of("n:\u00b2")],
    ids=["19-digits", "25-digits", "superscript-two"],
)
async def test_cursor_with_an_impossible_id_is_bad_input(api: GraphQLClient, after: str) -> None:
    await refused(api, PAGE, {"after": after}, token(unique("u"), unique("t")), says="`after` is not a cursor")


@pytest.mark.parametrize("where", ["send", "filter", "preferences"])
async def test_type_with_a_trailing_newline_is_refused(
    api: GraphQLClient, people: tuple[str, str, str], where: str
) -> None:
    tenant, admin, user = people
    if where == "send":
        await refused(api, SEND, {"input": send_input(user, type="sale\n")}, admin, says="`type`")
    elif where == "filter":
        await refused(api, UNREAD_OF, {"types": ["sale\n"]}, token(user, tenant), says="`type`")
    else:
        update = {"typeOverrides": [{"type": "sale\n", "inApp": False}]}
        await refused(api, UPDATE_PREFS, {"input": update}, token(user, tenant), says="`type`")


async def test_subscription_first_of_several_operations_over_http_is_refused(api: GraphQLClient) -> None:
    query = "subscription B { unreadCountChanged } query A { unreadCount }"
    await refused(api, query, None, token(unique("u"), unique("t")))


async def test_action_url_with_unencodable_text_is_bad_input(api: GraphQLClient) -> None:
    user, admin = unique("u"), token(unique("admin"), unique("t"), "admin")
    content = {"userId": user, "title": "t", "message": "m", "actionUrl": "https://a.example/\ud800"}
    # Sent as JSON's \ud800 escape: valid JSON that decodes to an unpaired surrogate.
    body = json.dumps({"query": SEND, "variables": {"input": content}})
    headers = {"Authorization": f"Bearer {admin}", "Content-Type": "application/json"}
    response = await api.http.post(api.url, content=body, headers=headers)
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", response.json()
