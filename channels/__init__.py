"""Channels beyond the inbox, as plugins: `channels.<name>` holds a `Channel` subclass named in its `CHANNEL`.

Which are on is configuration (`Settings.channel_names`): adding one (Slack, say) is a module here and its name in
CHANNELS. The send needs only their `Reach` (who gets a row); the worker opens the channels themselves.
"""

from __future__ import annotations

import importlib

from channels.base import Channel
from models.outbox import Reach
from settings import ConfigurationError, Settings


def channel_class(name: str) -> type[Channel]:
    try:
        module = importlib.import_module(f"channels.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"channels.{name}":
            raise
        raise ConfigurationError(f"CHANNELS: no channel named {name!r} (no module channels/{name}.py)") from None
    found: type[Channel] = module.CHANNEL
    return found


def reaches(settings: Settings) -> tuple[Reach, ...]:
    """Who gets an outbox row on each configured channel; checks each channel's configuration on the way, so that
    a process refuses to start rather than write rows nothing can send."""
    names = settings.channel_names
    classes = [channel_class(name) for name in names]
    for cls in classes:
        cls.from_settings(settings)
    return tuple(cls.reach for cls in classes)


def opened(settings: Settings) -> dict[str, Channel]:
    """The configured channels by name, ready to deliver; each to be closed (`Channel.aclose`) by its user."""
    return {name: channel_class(name).from_settings(settings) for name in settings.channel_names}
