"""Calendar periods of digests (days, ISO weeks, months) in the configured time zone.

Pure date arithmetic, so "which posts belong to which digest" and "which digest is due" can
be tested against any clock. Bounds are returned in UTC, the store's time, as half-open
intervals [start, end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from digest.clock import STAMP, utc

KINDS = ("daily", "weekly", "monthly")  # the one list of periods, in this order


@dataclass(frozen=True)
class Period:
    kind: str
    first: date  # first local day
    last: date  # last local day (inclusive)
    tz: ZoneInfo

    @property
    def label(self) -> str:
        """File-name label: daily-2026-04-21, weekly-2026-W17, monthly-2026-04."""
        if self.kind == "daily":
            return f"daily-{self.first.isoformat()}"
        if self.kind == "weekly":
            year, week, _ = self.first.isocalendar()
            return f"weekly-{year}-W{week:02d}"
        return f"monthly-{self.first:%Y-%m}"

    @property
    def title(self) -> str:
        """Human title: Tue 21 Apr 2026 / Week 17, 20–26 Apr 2026 / April 2026."""
        if self.kind == "daily":
            return f"{self.first:%a} {self.first.day} {self.first:%b %Y}"
        if self.kind == "weekly":
            week = self.first.isocalendar()[1]
            if self.first.month == self.last.month:
                span = f"{self.first.day}–{self.last.day} {self.last:%b %Y}"
            else:
                span = f"{self.first.day} {self.first:%b} – {self.last.day} {self.last:%b %Y}"
            return f"Week {week}, {span}"
        return f"{self.first:%B %Y}"

    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), self.tz)

    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), self.tz)

    def bounds_utc(self) -> tuple[str, str]:
        return utc(self.start()), utc(self.end())

    def previous(self) -> Period:
        return containing(self.kind, self.first - timedelta(days=1), self.tz)


def containing(kind: str, day: date, tz: ZoneInfo) -> Period:
    """The period of `kind` that contains local date `day`."""
    if kind == "daily":
        return Period(kind, day, day, tz)
    if kind == "weekly":
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6), tz)
    if kind == "monthly":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(kind, first, following - timedelta(days=1), tz)
    raise ValueError(f"unknown period {kind!r} (one of {', '.join(KINDS)})")


def from_label(label: str, tz: ZoneInfo) -> Period:
    """The period a label such as daily-2026-04-21 or weekly-2026-W17 names."""
    kind, _, rest = label.partition("-")
    if kind == "daily":
        return containing(kind, date.fromisoformat(rest), tz)
    if kind == "weekly":
        year, week = rest.split("-W")
        return containing(kind, date.fromisocalendar(int(year), int(week), 1), tz)
    if kind == "monthly":
        return containing(kind, date.fromisoformat(rest + "-01"), tz)
    raise ValueError(f"not a period label: {label!r}")


def last_completed(kind: str, now: datetime, tz: ZoneInfo) -> Period:
    """The latest period of `kind` that has fully ended by `now` (default digest)."""
    return containing(kind, now.astimezone(tz).date(), tz).previous()


def local_time(stamp_utc: str, tz: ZoneInfo) -> datetime:
    return datetime.strptime(stamp_utc, STAMP).replace(tzinfo=UTC).astimezone(tz)
