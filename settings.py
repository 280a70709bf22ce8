"""Configuration: one `Settings` read from the environment, validated once at start-up.

Why a top-level module: `main.py`, `migrations/env.py` and `services/` all read it, and none of them owns it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from pubsub.redis_url import sentinel_parts

log = logging.getLogger("notifications.settings")

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./notifications.db"
DEV_SECRET_FILE = Path(".dev-jwt-secret")
PLACEHOLDER_SECRETS = {"", "secret", "changeme", "change-me", "dev", "test", "password"}
ORIGIN = re.compile(r"https?://[^/?#\s]+")


class ConfigurationError(RuntimeError):
    """The environment asks for something the service refuses to run with."""


class Settings(BaseSettings):
    # Errors name the setting, never its value: a refused secret or a URL's password must not reach a terminal or log.
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore", hide_input_in_errors=True)

    database_url: str = DEFAULT_DATABASE_URL
    broadcast_url: str = "memory://"
    # Prefixed to every pub/sub channel: Redis pub/sub channels are global (database numbers do not separate them),
    # so deployments sharing one Redis must not share names. Unset, it is derived from the database.
    broadcast_namespace: str | None = Field(default=None, min_length=1, pattern=r"^\S+$")
    # A send publishes while it holds its tenant's order, so a Redis that stopped answering must not hold it long.
    publish_timeout_seconds: float = Field(default=0.5, gt=0)
    jwt_secret: SecretStr | None = None
    # Tokens from an identity provider (RS256, ES256, …), verified with the public keys it publishes; beside HS256.
    jwt_jwks_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    # How often the keys are fetched again, and at most how often a token naming an unknown key may cause a fetch.
    jwt_jwks_refresh_seconds: float = Field(default=600.0, gt=0)
    jwt_jwks_min_refresh_seconds: float = Field(default=10.0, ge=0)
    jwt_issuer: str | None = Field(default=None, min_length=1)
    # Comma-separated: a token is accepted when its `aud` names one of them.
    jwt_audience: str | None = Field(default=None, min_length=1)
    # Clock skew allowed between the token's issuer and this server, in the token's favour.
    jwt_leeway_seconds: float = Field(default=0.0, ge=0, le=300)
    # Where the caller's id, tenant and roles are in the token; a dotted name reads nested objects.
    jwt_user_claim: str = Field(default="sub", min_length=1)
    jwt_tenant_claim: str = Field(default="tenant", min_length=1)
    jwt_roles_claim: str = Field(default="roles", min_length=1)
    # The roles sends address (`setUserRoles`) taken from the users' tokens instead: each user holds those of the
    # latest token a process saw them with, replacing what was set.
    roles_from_tokens: bool = False
    # PostgreSQL connections each process keeps open. A fixed pool, no overflow: under more concurrent requests
    # than this they wait for a connection (at most 5 s, then SERVICE_UNAVAILABLE) rather than open and close one
    # each, which cost more than the queries (BENCHMARKS.md, *Connection pool*).
    database_pool_size: int = Field(default=20, ge=1)

    # Sends each sender may make to each tenant: requests and recipients per second, with bursts above the rate;
    # shared by every process through Redis (BROADCAST_URL). 0 turns a limit off.
    send_requests_per_second: float = Field(default=100.0, ge=0)
    send_requests_burst: float = Field(default=200.0, ge=1)
    send_recipients_per_second: float = Field(default=50_000.0, ge=0)
    send_recipients_burst: float = Field(default=200_000.0, ge=1)
    # New websockets one client address may open per second in each process (a reconnect storm, a script); 0: off.
    websocket_connects_per_second: float = Field(default=50.0, ge=0)
    websocket_connects_burst: float = Field(default=500.0, ge=1)

    # Retention (`services/retention.py`): read notifications are deleted this many days after they were read
    # (unset: kept); expired ones and messages left without recipients always are. Each server process runs a pass
    # every interval (0: only `python main.py purge`), deleting at most a batch of rows per transaction.
    retention_days: int | None = Field(default=None, ge=1)
    retention_interval_seconds: float = Field(default=3600.0, ge=0)
    retention_batch: int = Field(default=500, ge=1, le=10_000)

    # Per-connection and per-request limits; the defaults are what a browser bell needs with room to spare.
    max_subscriptions_per_connection: int = Field(default=20, ge=1)
    connection_init_timeout_seconds: float = Field(default=10.0, gt=0)
    subscriber_buffer: int = Field(default=256, ge=1)
    ping_interval_seconds: float = Field(default=15.0, gt=0)
    pong_timeout_seconds: float = Field(default=10.0, gt=0)
    # Comma-separated origins (`https://app.example.com`) whose pages may call the API, or `*` for any; none by
    # default. A string, not a list: pydantic-settings would read a list from the environment as JSON.
    cors_origins: str = ""

    @property
    def allowed_origins(self) -> list[str]:
        # Lower case, as browsers send them.
        return [origin.strip().lower() for origin in self.cors_origins.split(",") if origin.strip()]

    # Open for development; production may turn off the IDE at GET /graphql and schema introspection.
    graphiql: bool = True
    introspection: bool = True
    # Start on library versions outside pyproject.toml's tested ranges (for trying new releases: .ci/upstream).
    allow_untested_dependencies: bool = False

    # Connections that never finish (`transport/http_protocol.py`): each holds a file descriptor until closed.
    headers_timeout_seconds: float = Field(default=10.0, gt=0)
    body_timeout_seconds: float = Field(default=30.0, gt=0)
    keep_alive_timeout_seconds: float = Field(default=5.0, gt=0)
    # Many users behind one office's NAT share an address, each with a bell open. Unset: a quarter of the process's
    # file descriptor limit, at most 1,000; 0: no cap (behind a proxy every connection has the proxy's address).
    max_connections_per_address: int | None = Field(default=None, ge=0)

    # Delivery beyond the inbox (`channels/`, `services/worker.py`). CHANNELS names the channels to deliver on
    # (comma-separated); unset, every built-in channel whose address is set below. None by default: a send then
    # writes no outbox rows at all. URLs and secrets are SecretStr: SMTP_URL carries a password.
    channels: str | None = None
    smtp_url: SecretStr | None = None
    email_from: str = "notifications@localhost"
    # Where relative action links (`/orders/7`) in emails point; unset, emails carry absolute links only.
    public_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    # Where this service is reached from outside, for the emails' one-click unsubscribe links; unset, none.
    service_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    sms_url: SecretStr | None = None
    sms_token: SecretStr | None = None
    # Set, SMS goes in the shape of Twilio's Messages API (its Account SID, and the number messages come from).
    sms_account: str | None = None
    sms_from: str | None = None
    # Webhook endpoints are registered per tenant through GraphQL; WEBHOOKS turns the channel on. Endpoints that
    # resolve to loopback, private or other non-public addresses are refused unless WEBHOOK_ALLOW_PRIVATE is set.
    webhooks: bool = False
    webhook_allow_private: bool = False
    # `serve` works off the outbox in-process unless this is off (then run `python main.py worker` apart).
    delivery_worker: bool = True
    delivery_batch: int = Field(default=50, ge=1)
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    # A claimed delivery is due again after its lease: how long a killed worker's rows wait. Above the timeout.
    delivery_lease_seconds: float = Field(default=60.0, gt=0)
    delivery_timeout_seconds: float = Field(default=15.0, gt=0)
    # Exponential backoff with jitter: about 8 attempts over half an hour by default.
    delivery_max_attempts: int = Field(default=8, ge=1)
    delivery_retry_base_seconds: float = Field(default=20.0, gt=0)
    delivery_retry_max_seconds: float = Field(default=1800.0, gt=0)

    # The data admin at /admin (`admin/`): besides admin and service tokens, this password logs in to every
    # tenant's rows (for the embedded default, where no one issues tokens). Unset: tokens only.
    admin_password: SecretStr | None = None
    # Operations: /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` when set; LOG_FORMAT=json writes
    # one JSON object per line.
    metrics: bool = True
    metrics_token: SecretStr | None = None
    log_format: Literal["text", "json"] = "text"

    @property
    def channel_names(self) -> list[str]:
        if self.channels is not None:
            return [name.strip().lower() for name in self.channels.split(",") if name.strip()]
        given = {"email": self.smtp_url is not None, "sms": self.sms_url is not None, "webhook": self.webhooks}
        return [name for name, on in given.items() if on]

    @property
    def is_embedded(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def shown_database_url(self) -> str:
        """DATABASE_URL as it may be printed: without its password."""
        return make_url(self.database_url).render_as_string(hide_password=True)

    @field_validator("database_url")
    @classmethod
    def _parseable_url(cls, value: str) -> str:
        try:
            make_url(value)
        except ArgumentError:
            # SQLAlchemy's own message repeats the whole URL, password included.
            raise ValueError("not a database URL (e.g. postgresql+asyncpg://user@host/db)") from None
        return value

    @field_validator("broadcast_url")
    @classmethod
    def _known_broadcast(cls, value: str) -> str:
        scheme = value.partition("://")[0]
        if scheme not in ("memory", "redis", "rediss", "redis+sentinel"):
            raise ValueError("must be memory://, redis://host:port/db or redis+sentinel://host:26379/service")
        if scheme == "redis+sentinel":
            try:
                sentinel_parts(value)
            except ValueError as error:
                raise ValueError(str(error)) from None
        return value

    @model_validator(mode="after")
    def _refuse_unusable_secret(self) -> Settings:
        secret = self.jwt_secret.get_secret_value() if self.jwt_secret is not None else None
        if secret is not None and secret.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("JWT_SECRET is a placeholder; set a long random value (e.g. `openssl rand -hex 32`)")
        if secret is not None and len(secret) < 16:
            raise ValueError("JWT_SECRET is shorter than 16 characters; set a long random value")
        return self

    @model_validator(mode="after")
    def _refuse_weak_passwords(self) -> Settings:
        for name, value in (("ADMIN_PASSWORD", self.admin_password), ("METRICS_TOKEN", self.metrics_token)):
            given = value.get_secret_value() if value is not None else None
            if given is not None and (given.strip().lower() in PLACEHOLDER_SECRETS or len(given) < 12):
                raise ValueError(f"{name} is a placeholder or shorter than 12 characters; set a long random value")
        return self

    @model_validator(mode="after")
    def _lease_outlasts_a_delivery(self) -> Settings:
        # A live worker's claim must not lapse while it still waits on a provider: another would send it again.
        if self.delivery_lease_seconds <= self.delivery_timeout_seconds:
            raise ValueError("DELIVERY_LEASE_SECONDS must be above DELIVERY_TIMEOUT_SECONDS")
        return self

    @model_validator(mode="after")
    def _refuse_unmatchable_origins(self) -> Settings:
        for origin in self.allowed_origins:
            # A browser's Origin is scheme://host[:port], nothing after: anything else would never match.
            if origin != "*" and not ORIGIN.fullmatch(origin):
                raise ValueError(f"CORS_ORIGINS: {origin!r} is not an origin such as https://app.example.com")
        return self

    def resolved_broadcast_namespace(self) -> str:
        """`BROADCAST_NAMESPACE`, or one derived from where the database is (never from its credentials): processes
        on one database hear each other, deployments on different databases never do."""
        if self.broadcast_namespace:
            return self.broadcast_namespace
        url = make_url(self.database_url)
        if url.get_backend_name() == "sqlite":
            where = f"sqlite:{Path(url.database or '').resolve()}"
        else:
            host = url.host or url.query.get("host") or ""
            # `host` and `host:5432` are the same server: spelled either way, processes must meet on one channel.
            port = url.port or (5432 if url.get_backend_name() == "postgresql" else "")
            where = f"{url.get_backend_name()}:{str(host).lower()}:{port}/{url.database or ''}"
        return "notifications-" + hashlib.sha256(where.encode()).hexdigest()[:12]

    def resolved_jwt_secret(self, *, announce: bool = True) -> str | None:
        """The HS256 secret; None when only JWT_JWKS_URL's keys are trusted. Only the embedded (SQLite) default may
        fall back to a generated local secret, which a server announces (`announce`); the commands that sign tokens
        for it leave that to the server."""
        if self.jwt_secret:
            return self.jwt_secret.get_secret_value()
        if self.jwt_jwks_url:
            return None
        if not self.is_embedded:
            raise ConfigurationError(
                "JWT_SECRET is not set. A server with a non-SQLite DATABASE_URL refuses to start without it or "
                "JWT_JWKS_URL: set JWT_SECRET to a long random value shared with whatever issues your tokens."
            )
        return _dev_secret(announce)

    def signing_secret(self) -> str:
        """The secret the command line signs its HS256 tokens with (`token`, `send`), and unsubscribe links."""
        secret = self.resolved_jwt_secret(announce=False)
        if secret is None:
            raise ConfigurationError(
                "JWT_SECRET is not set: only the identity provider (JWT_JWKS_URL) signs tokens, and unsubscribe "
                "links (SERVICE_URL) have no key to be signed with"
            )
        return secret

    @property
    def audiences(self) -> frozenset[str]:
        given = (self.jwt_audience or "").split(",")
        return frozenset(audience.strip() for audience in given if audience.strip())


def problems(error: ValidationError) -> str:
    """What is wrong with the environment, one setting after another, without the values given."""
    described = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        names = ".".join(str(part) for part in problem["loc"]).upper()
        described.append(f"{names}: {message}" if names else message)
    return "; ".join(described)


# Dev secret files announced by this process: the server resolves its secret before migrating and again when the
# app starts, and one warning is what a person should see.
_announced: set[Path] = set()


def _dev_secret(announce: bool) -> str:
    # Kept in a file so tokens printed by `python main.py token` keep working across restarts of the dev server.
    if DEV_SECRET_FILE.exists():
        secret = DEV_SECRET_FILE.read_text().strip()
    else:
        secret = secrets.token_hex(32)
        DEV_SECRET_FILE.write_text(secret + "\n")
        DEV_SECRET_FILE.chmod(0o600)
    where = DEV_SECRET_FILE.resolve()
    if announce and where not in _announced:
        _announced.add(where)
        log.warning(
            "JWT_SECRET is not set: using the local development secret in %s. "
            "This is only allowed with the embedded SQLite database; never run it in production.",
            where,
        )
    return secret
