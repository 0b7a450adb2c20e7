"""User configuration: one TOML file in, one frozen typed object out.

Configuration (what the user wants) is kept apart from state (what has happened, in SQLite),
as rss2email does. Every key is checked here, once, so the rest of the program can trust the
object it gets; a mistake is reported as one line naming the file, the key and the fix.
This module holds the types, the value checks and the file lookup; digest/config_tables.py
reads each TOML table.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest import __version__
from digest.classify import Rules

CONFIG_ENV = "WP_DIGEST_CONFIG"
DEFAULT_NAME = "wp-digest.toml"
PROJECT_URL = "https://github.com/wp-digest/wp-digest"
DEFAULT_USER_AGENT = f"wp-digest/{__version__} (+{PROJECT_URL})"


class ConfigError(Exception):
    """A problem with the configuration; the CLI prints it as one line and exits 2."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    post_types: tuple[str, ...] = ("posts",)
    categories: tuple[int, ...] = ()
    classify: Rules = field(default_factory=Rules)


def source_from_dict(data: dict[str, Any]) -> Source:
    """Rebuild a Source from `dataclasses.asdict` output (the crawler child gets JSON)."""
    rules = data.get("classify") or {}
    return Source(
        name=data["name"],
        url=data["url"],
        post_types=tuple(data.get("post_types") or ("posts",)),
        categories=tuple(data.get("categories") or ()),
        classify=Rules(
            subjects=tuple((k, p) for k, p in rules.get("subjects", ())),
            categories=tuple((int(k), p) for k, p in rules.get("categories", ())),
        ),
    )


@dataclass(frozen=True)
class CrawlSettings:
    user_agent: str = DEFAULT_USER_AGENT
    requests_per_second: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    max_response_mb: int = 32
    obey_robots: bool = True


@dataclass(frozen=True)
class DigestSettings:
    title: str = "UPSC digest"
    content: str = "excerpt"  # or "full"
    images: bool = False
    templates: Path | None = None  # a folder whose templates override the bundled ones
    base_url: str = ""  # where the archive folder is served, for absolute feed links
    archive: Path | None = None  # scheduled sends also publish their digests here


@dataclass(frozen=True)
class MailSettings:
    transport: str = "outbox"  # "smtp" or "outbox"
    host: str | None = None
    port: int = 587
    security: str = "starttls"  # "ssl" | "starttls" | "none" (loopback only)
    username: str | None = None
    password_env: str = "WP_DIGEST_SMTP_PASSWORD"
    sender: str = "wp-digest <wp-digest@localhost>"
    outbox: Path = Path("outbox")
    unsubscribe: str | None = None
    send_empty: bool = False
    attachment_max_mb: float = 10.0  # monthly PDFs above this are linked, not attached
    ca_file: Path | None = None
    timeout: float = 60.0
    list_id: str | None = None

    def password(self) -> str | None:
        """Read when needed, from the environment only; never stored in the config object."""
        return os.environ.get(self.password_env) if self.username else None


@dataclass(frozen=True)
class Subscriber:
    email: str
    period: str = "daily"
    papers: tuple[str, ...] = ()  # empty: every paper


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ScheduleSettings:
    crawl_every: int = 7200  # seconds
    daily: tuple[int, int, int] = (7, 0, 0)  # local hour, minute, second
    weekly: tuple[int, int, int, int] = (0, 7, 30, 0)  # weekday (mon=0), hour, minute, second
    check_every: int = 60  # seconds between the daemon's checks of what is due
    monthly: tuple[int, int, int, int] = (1, 8, 0, 0)  # day of month, hour, minute, second


@dataclass(frozen=True)
class Config:
    path: Path | None
    timezone: str = "Asia/Kolkata"
    database: Path = Path(DEFAULT_NAME.replace(".toml", ".db"))
    sources: tuple[Source, ...] = ()
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    subscribers: tuple[Subscriber, ...] = ()
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)


LOOPBACK = ("localhost", "127.0.0.1", "::1")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.?[^@\s<>]*$")


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


def parse(data: dict[str, Any], path: Path | None) -> Config:
    """Build a Config from parsed TOML; paths are resolved relative to the file."""
    from digest.config_tables import read  # the readers import this module's types

    return read(data, path)


def find(explicit: str | None) -> Path | None:
    """--config, then $WP_DIGEST_CONFIG, then ./wp-digest.toml; None when there is none."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path(DEFAULT_NAME)
    return local if local.exists() else None


def load(explicit: str | None = None) -> Config:
    path = find(explicit)
    if path is None:
        return parse({}, None)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read config: {e.strerror or e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    return parse(data, path.resolve())
