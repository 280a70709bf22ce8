"""When a user's email and SMS may go: outside their quiet hours, and (email) at the end of their digest window,
both in their own time zone (`models.preference.Timing`). Pure functions of the time, so a test's clock drives them.

Local times are turned into instants by `zoneinfo`: a window end that a DST change skips (02:30 on the night the
clocks go forward) is the instant just after the gap, and one that happens twice is the first of the two.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from models.preference import Timing


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def quiet_until(now: datetime, timing: Timing) -> datetime | None:
    """The end of the quiet hours `now` falls in, as an instant; None outside them (or with none)."""
    if timing.quiet_hours is None:
        return None
    start, end = timing.quiet_hours
    zone = _zone(timing.time_zone)
    local = now.astimezone(zone)
    minute = local.hour * 60 + local.minute
    if start < end:
        if not start <= minute < end:
            return None
        day = local.date()
    else:  # across midnight: from `start` tonight to `end` tomorrow morning
        if end <= minute < start:
            return None
        day = local.date() + timedelta(days=1) if minute >= start else local.date()
    until = _instant(datetime.combine(day, time(end // 60, end % 60), tzinfo=zone))
    # A DST change inside the window can put its local end at or before `now` once converted: a minute later then.
    return until if until > now else now + timedelta(minutes=1)


def digest_due(created_at: datetime, timing: Timing) -> datetime | None:
    """When the digest that holds a notification sent at `created_at` goes: the start of the next local hour or
    day after it. None without a digest."""
    if timing.email_digest == "off":
        return None
    zone = _zone(timing.time_zone)
    local = created_at.astimezone(zone)
    if timing.email_digest == "hourly":
        # From the local hour's start in absolute time: zones with half-hour offsets have their hours elsewhere.
        return _instant(local.replace(minute=0, second=0, microsecond=0)) + timedelta(hours=1)
    return _instant(datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone))


def _instant(local: datetime) -> datetime:
    """A local wall time as an instant in UTC; a wall time in a gap comes out after the gap (fold 0 reads it with
    the offset before the change), one that happens twice as its first occurrence."""
    return local.astimezone(UTC)
