"""What is due at time T: pure, so every schedule can be tested against any clock.

"Due" is computed from what the store says has been done, never from a scheduler's memory:
a daemon that was down at 07:00 sends the daily digest when it comes back, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from digest.clock import utc
from digest.config import Config, ScheduleSettings
from digest.periods import KINDS


def latest_occurrence(kind: str, now: datetime, tz: ZoneInfo, schedule: ScheduleSettings):
    """The most recent daily (or weekly) digest time at or before `now`, as an aware datetime.

    Local wall-clock times, so 07:00 stays 07:00 across a DST change.
    """
    local = now.astimezone(tz)
    if kind == "monthly":
        mday, hour, minute, second = schedule.monthly
        at = time(hour, minute, second)
        candidate = datetime.combine(local.date().replace(day=mday), at, tz)
        if candidate > now:
            previous = local.date().replace(day=1) - timedelta(days=1)
            candidate = datetime.combine(previous.replace(day=mday), at, tz)
        return candidate
    if kind == "daily":
        hour, minute, second = schedule.daily
        day = local.date()
        step = timedelta(days=1)
    else:
        weekday, hour, minute, second = schedule.weekly
        day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
        step = timedelta(days=7)
    at = time(hour, minute, second)
    candidate = datetime.combine(day, at, tz)
    if candidate > now:
        candidate = datetime.combine(day - step, at, tz)
    return candidate


def digest_times(cfg: Config, now: datetime) -> dict[str, datetime]:
    """For each period, the latest digest time at or before `now`: a digest covers the last
    period completed by then (so a send at 03:00 does not mail today's digest early)."""
    return {k: latest_occurrence(k, now, cfg.tz, cfg.schedule) for k in KINDS}


@dataclass
class Due:
    crawl: bool = False
    sends: list[tuple[str, datetime]] = field(default_factory=list)  # (kind, digest time)
    retry: bool = False

    @property
    def anything(self) -> bool:
        return self.crawl or bool(self.sends) or self.retry


def due(
    now: datetime,
    tz: ZoneInfo,
    schedule: ScheduleSettings,
    *,
    last_crawl: datetime | None,
    sent_for: set[tuple[str, str]],
    kinds: set[str],
    next_retry: datetime | None,
) -> Due:
    """Pure: what to do at `now`, given what the store says has been done.

    `sent_for` holds (job, digest time in UTC) of send runs already made; `kinds` the
    periods subscribers use; `next_retry` the earliest retry time of a pending delivery.
    """
    result = Due()
    for kind in sorted(kinds):
        at = latest_occurrence(kind, now, tz, schedule)
        if (f"send-{kind}", utc(at)) not in sent_for:
            result.sends.append((kind, at))
    every = timedelta(seconds=schedule.crawl_every)
    result.crawl = bool(result.sends) or last_crawl is None or now - last_crawl >= every
    result.retry = next_retry is not None and next_retry <= now
    return result
