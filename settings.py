"""Configuration: one `Settings` read from the environment, validated once at start-up.

Why a top-level module: `main.py`, `migrations/env.py` and `services/` all read it, and none of them owns it.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("notifications.settings")

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./notifications.db"
DEV_SECRET_FILE = Path(".dev-jwt-secret")
PLACEHOLDER_SECRETS = {"", "secret", "changeme", "change-me", "dev", "test", "password"}


class ConfigurationError(RuntimeError):
    """The environment asks for something the service refuses to run with."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    broadcast_url: str = "memory://"
    # A send publishes while it holds its tenant's order, so a Redis that stopped answering must not hold it long.
    publish_timeout_seconds: float = Field(default=0.5, gt=0)
    jwt_secret: str | None = None
    # PostgreSQL connections each process keeps open. A fixed pool, no overflow: under more concurrent requests
    # than this they wait for a connection (at most 5 s, then SERVICE_UNAVAILABLE) rather than open and close one
    # each, which cost more than the queries (measured: a third of the server's time at 50 concurrent clients).
    database_pool_size: int = Field(default=20, ge=1)

    # Per-connection and per-request limits; the defaults are what a browser bell needs with room to spare.
    max_subscriptions_per_connection: int = Field(default=20, ge=1)
    connection_init_timeout_seconds: float = Field(default=10.0, gt=0)
    subscriber_buffer: int = Field(default=256, ge=1)
    ping_interval_seconds: float = Field(default=15.0, gt=0)
    pong_timeout_seconds: float = Field(default=10.0, gt=0)

    # Connections that never finish (`resolvers/http_transport.py`): each holds a file descriptor until closed.
    headers_timeout_seconds: float = Field(default=10.0, gt=0)
    body_timeout_seconds: float = Field(default=30.0, gt=0)
    keep_alive_timeout_seconds: float = Field(default=5.0, gt=0)
    # Many users behind one office's NAT share an address, each with a bell open. Unset: a quarter of the process's
    # file descriptor limit, at most 1,000; 0: no cap (behind a proxy every connection has the proxy's address).
    max_connections_per_address: int | None = Field(default=None, ge=0)

    @property
    def is_embedded(self) -> bool:
        return self.database_url.startswith("sqlite")

    @model_validator(mode="after")
    def _refuse_unusable_secret(self) -> Settings:
        if self.jwt_secret is not None and self.jwt_secret.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("JWT_SECRET is a placeholder; set a long random value (e.g. `openssl rand -hex 32`)")
        if self.jwt_secret is not None and len(self.jwt_secret) < 16:
            raise ValueError("JWT_SECRET is shorter than 16 characters; set a long random value")
        return self

    def resolved_jwt_secret(self) -> str:
        """The HS256 secret. Only the embedded (SQLite) default may fall back to a generated local secret."""
        if self.jwt_secret:
            return self.jwt_secret
        if not self.is_embedded:
            raise ConfigurationError(
                "JWT_SECRET is not set. A server with a non-SQLite DATABASE_URL refuses to start without it: "
                "set JWT_SECRET to a long random value shared with whatever issues your tokens."
            )
        return _dev_secret()


def _dev_secret() -> str:
    # Kept in a file so tokens printed by `python main.py token` keep working across restarts of the dev server.
    if DEV_SECRET_FILE.exists():
        secret = DEV_SECRET_FILE.read_text().strip()
    else:
        secret = secrets.token_hex(32)
        DEV_SECRET_FILE.write_text(secret + "\n")
        DEV_SECRET_FILE.chmod(0o600)
    log.warning(
        "JWT_SECRET is not set: using the local development secret in %s. "
        "This is only allowed with the embedded SQLite database; never run it in production.",
        DEV_SECRET_FILE.resolve(),
    )
    return secret
