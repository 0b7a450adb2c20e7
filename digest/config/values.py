"""Checks and parsers for single config values: URLs, e-mail addresses, durations, clocks.

Each raises ValueError with a message the table reader turns into the key's error.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.config.model import WEEKDAYS, Source

LOOPBACK = ("localhost", "127.0.0.1", "::1")
# An address as mail servers take it (no DNS lookup): a dot-atom local part (no slashes, no
# quotes) and a domain of letters, digits and hyphens; nothing a file name or header could
# be forged with.
EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"
)
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_text(text: str) -> str:
    """One line of text for titles and headers: no control or bidi characters."""
    if CONTROLS.search(text):
        raise ValueError(f"control characters are not allowed: {text!r}")
    return text


def check_url(url: str) -> str:
    """Accept only absolute http(s) URLs; make sure a site URL ends with a slash."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    if not parts.path.endswith("/") and not parts.query:
        url = url + "/"
    return url


def source_from_url(url: str) -> Source:
    """An ad hoc source given on the command line, named by its host."""
    url = check_url(url)
    return Source(name=urlsplit(url).hostname or url, url=url)


def parse_duration(text: str) -> int:
    """ "90s", "15m", "2h", "1d" (or combinations such as "1h30m") to seconds."""
    parts = re.findall(r"(\d+)\s*([smhd])", text.lower())
    if not parts or re.sub(r"\s|\d+\s*[smhd]", "", text.lower()):
        raise ValueError(f"not a duration: {text!r} (use e.g. 30m, 2h, 1d)")
    seconds = sum(int(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return seconds


def parse_clock(text: str) -> tuple[int, int, int]:
    """ "07:00" or "07:00:30" to (hour, minute, second)."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text.strip())
    if not match:
        raise ValueError(f"not a time of day: {text!r} (use HH:MM)")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"not a time of day: {text!r}")
    return hour, minute, second


def parse_weekly(text: str) -> tuple[int, int, int, int]:
    """ "mon 07:30" to (weekday with Monday 0, hour, minute, second)."""
    day, _, clock_text = text.strip().partition(" ")
    if day.lower()[:3] not in WEEKDAYS:
        raise ValueError(f'expected a weekday and a time such as "mon 07:30", got {text!r}')
    return (WEEKDAYS.index(day.lower()[:3]), *parse_clock(clock_text))


def parse_monthly(text: str) -> tuple[int, int, int, int]:
    """ "1 08:00" to (day of month 1-28, hour, minute, second): every month has that day."""
    day, _, clock_text = text.strip().partition(" ")
    if not day.isdigit() or not 1 <= int(day) <= 28:
        raise ValueError(f'expected a day 1-28 and a time such as "1 08:00", got {text!r}')
    return (int(day), *parse_clock(clock_text))


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"unknown time zone {name!r} (use an IANA name such as Asia/Kolkata)"
        raise ValueError(message) from None
    return name
