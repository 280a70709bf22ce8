"""What a channel is: something that delivers one claimed outbox row and says how it went.

`services.worker` claims rows, hands each to its channel's `deliver`, and records the outcome: `Sent`, `Retry`
(later: after `after` seconds if the provider said when, else after the worker's backoff) or `Failed` (for good).
A channel never retries by itself and never raises for a provider's answer: an exception is taken as a `Retry`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, Self

from pydantic import SecretStr

from models.outbox import Claimed, Reach
from settings import ConfigurationError, Settings


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class Retry:
    reason: str
    after: float | None = None  # seconds, when the provider said (Retry-After)


@dataclass(frozen=True)
class Failed:
    reason: str


Outcome = Sent | Retry | Failed


class Identified(Protocol):
    @property
    def id(self) -> int: ...


def delivery_key(item: Identified) -> str:
    """The delivery's stable id as receivers see it (Message-ID, webhook-id, idempotency key): the same on every
    attempt, so a repeat (a crash after the provider accepted, before we recorded it) can be recognised."""
    return f"dlv_{item.id}"


class Channel(ABC):
    # Which recipients of a send get a row for this channel (`models.outbox.Reach`); its name is the channel's.
    reach: ClassVar[Reach]
    # Whether it waits out the user's quiet hours (`services.timing`): channels that reach a person, not a system.
    quiet: ClassVar[bool] = False

    @classmethod
    @abstractmethod
    def from_settings(cls, settings: Settings) -> Self:
        """The channel as configured; raises `ConfigurationError` naming what is missing."""

    @abstractmethod
    async def deliver(self, item: Claimed) -> Outcome: ...

    async def deliver_digest(self, items: Sequence[Claimed]) -> Outcome:
        """One message to one user listing `items`, oldest first: the outcome of each. Only channels that batch (a
        user's email digest) override it."""
        raise NotImplementedError(f"the {self.reach.channel} channel sends no digests")

    async def aclose(self) -> None:  # noqa: B027 (most channels hold nothing to close)
        """Release connections at the worker's end."""


def required(value: SecretStr | None, setting: str, channel: str) -> str:
    if value is None or not value.get_secret_value():
        raise ConfigurationError(f"the {channel} channel needs {setting}")
    return value.get_secret_value()
