"""The one clock of wp-digest, and the one way timestamps are written.

`WP_DIGEST_NOW` (an ISO date-time with offset, e.g. 2026-04-16T07:00:00+05:30) pins it,
so tests, demos and "what would be sent on Tuesday?" all run against a chosen time. Every
timestamp the program writes comes from here, so they stay consistent with each other.

The store keeps times as UTC text in `STAMP` format (WordPress' `*_gmt` shape): such strings
sort in time order, which lets SQL compare them directly.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo

ENV = "WP_DIGEST_NOW"
STAMP = "%Y-%m-%dT%H:%M:%S"


def now() -> datetime:
    pinned = os.environ.get(ENV)
    if pinned:
        when = datetime.fromisoformat(pinned)
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return datetime.now(UTC)


def utc(when: datetime) -> str:
    """An aware datetime as a UTC stamp."""
    return when.astimezone(UTC).strftime(STAMP)


def now_utc() -> str:
    return utc(now())


def parse_utc(stamp: str | None) -> datetime | None:
    """A UTC stamp (fractions and offsets ignored) back to an aware datetime; None for none."""
    if not stamp:
        return None
    return datetime.strptime(stamp[:19], STAMP).replace(tzinfo=UTC)


def shift(stamp: str, seconds: int) -> str:
    """A stamp moved by some seconds."""
    return (datetime.strptime(stamp, STAMP) + timedelta(seconds=seconds)).strftime(STAMP)


def shown(stamp: str | datetime | None, tz: tzinfo) -> str:
    """A time as a person reads it: in the configured zone, with the zone's name and offset
    ("2026-04-03 08:30 IST (UTC+05:30)"), so no one has to guess which clock it is."""
    when = parse_utc(stamp) if isinstance(stamp, str) or stamp is None else stamp
    if when is None:
        return "never"
    local = when.astimezone(tz)
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    name = local.tzname() or ""
    named = f"{name} " if name and name[0] not in "+-" and name != "UTC" else ""
    return f"{local:%Y-%m-%d %H:%M} {named}({offset})"
