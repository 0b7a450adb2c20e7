"""The typed, frozen configuration objects, each default stated here and nowhere else.

The TOML readers (digest.config.read) take their defaults from these classes, and a test
checks that the starter file `wp-digest init` writes states the same values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from digest import __version__

CONFIG_ENV = "WP_DIGEST_CONFIG"
DEFAULT_NAME = "wp-digest.toml"
PROJECT_URL = "https://github.com/wp-digest/wp-digest"
DEFAULT_USER_AGENT = f"wp-digest/{__version__} (+{PROJECT_URL})"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Rules:
    """A source's additions to the built-in classification, from its [source.classify]."""

    subjects: tuple[tuple[str, str], ...] = ()  # extra keyword -> paper, checked first
    categories: tuple[tuple[int, str], ...] = ()  # category/tag term id -> paper


# Source kinds: `[[source]] kind` -> the name of the Scrapy spider (in the `spiders` package)
# that crawls it. A second kind (an RSS feed, say) is one spider module plus one line here.
SOURCE_KINDS: dict[str, str] = {"wordpress": "wordpress"}


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str = "wordpress"  # a key of SOURCE_KINDS: which spider crawls it
    paused: bool = False  # kept, not crawled
    post_types: tuple[str, ...] = ("posts",)
    categories: tuple[int, ...] = ()
    classify: Rules = field(default_factory=Rules)
    link_hosts: tuple[str, ...] = ()  # hosts besides the site's own that posts may link to
    rank: int | None = None  # whose write-up of a story shown across sources comes first


def source_from_dict(data: dict[str, Any]) -> Source:
    """Rebuild a Source from `dataclasses.asdict` output (the crawler child gets JSON)."""
    rules = data.get("classify") or {}
    return Source(
        name=data["name"],
        url=data["url"],
        kind=data.get("kind") or "wordpress",
        paused=bool(data.get("paused")),
        post_types=tuple(data.get("post_types") or Source.post_types),
        categories=tuple(data.get("categories") or ()),
        link_hosts=tuple(data.get("link_hosts") or ()),
        rank=data.get("rank"),
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
    max_pages: int = 10_000  # pages of posts per source and crawl: a crawl always ends
    max_minutes: float = 120.0  # and so does a crawl that a slow server drags out


@dataclass(frozen=True)
class DigestSettings:
    title: str = "UPSC digest"
    content: str = "excerpt"  # or "full"
    images: bool = False
    templates: Path | None = None  # a folder whose templates override the bundled ones
    base_url: str = ""  # where the archive folder is served, for absolute feed links
    archive: Path | None = None  # scheduled sends also publish their digests here


def read_secret(env: str, file: Path | None, credential: str) -> str | None:
    """A secret from the environment variable `env`, else the file `file`, else the systemd
    credential `credential` ($CREDENTIALS_DIRECTORY, from LoadCredential=). One trailing
    newline is dropped (`echo secret > file`). None when none of them holds one."""
    value = os.environ.get(env)
    if value:
        return value
    folder = os.environ.get("CREDENTIALS_DIRECTORY")
    for path in (file, Path(folder) / credential if folder else None):
        if path is not None:
            try:
                text = path.read_text(encoding="utf-8").removesuffix("\n").removesuffix("\r")
            except OSError:
                continue
            if text:
                return text
    return None


@dataclass(frozen=True)
class MailSettings:
    transport: str = "outbox"  # "smtp" or "outbox"
    host: str | None = None
    port: int = 587
    security: str = "starttls"  # "ssl" | "starttls" | "none" (loopback only)
    username: str | None = None
    password_env: str = "WP_DIGEST_SMTP_PASSWORD"
    password_file: Path | None = None  # a file holding it (mode 600), for cron jobs
    sender: str = "wp-digest <wp-digest@localhost>"
    outbox: Path = Path("outbox")
    unsubscribe: str | None = None
    send_empty: bool = False
    attachment_max_mb: float = 10.0  # monthly PDFs above this are linked, not attached
    ca_file: Path | None = None
    timeout: float = 60.0
    list_id: str | None = None
    max_message_mb: float = 15.0  # a bigger digest goes out with excerpts, well under 25 MB
    operator: str | None = None  # who gets the watch's warnings (drift, failing crawls/mail)
    suspend_after: int = 3  # permanent (5xx) failures in a row that suspend an address
    bounce_address: str | None = None  # VERP: bounces+REF@domain is each digest's envelope
    bounces: str | None = None  # the bounce mailbox: "imaps://user@host/INBOX" or a Maildir
    bounces_password_env: str = "WP_DIGEST_BOUNCES_PASSWORD"
    bounces_password_file: Path | None = None
    soft_bounce_limit: int = 3  # soft bounces (4.x.x) within soft_bounce_days that suspend
    soft_bounce_days: int = 7

    def bounces_password(self) -> str | None:
        """For an IMAP bounce mailbox: the variable, else the file, else the systemd
        credential `bounces-password`."""
        return read_secret(self.bounces_password_env, self.bounces_password_file,
                           "bounces-password")  # fmt: skip

    def password(self) -> str | None:
        """Read when needed (never kept in the config object): the environment variable,
        else `password_file`, else the systemd credential `smtp-password`."""
        if not self.username:
            return None
        return read_secret(self.password_env, self.password_file, "smtp-password")

    def missing_password(self) -> str | None:
        """Why SMTP login cannot work (a username without its password), or None."""
        if self.transport == "smtp" and self.username and not self.password():
            return (
                f"mail.username is set but no password was found: the environment variable "
                f"{self.password_env}, [mail] password_file, or the systemd credential "
                "smtp-password (LoadCredential=)"
            )
        return None


@dataclass(frozen=True)
class Subscriber:
    email: str
    period: str = "daily"
    papers: tuple[str, ...] = ()  # empty: every paper


@dataclass(frozen=True)
class ScheduleSettings:
    crawl_every: int = 7200  # seconds
    daily: tuple[int, int, int] = (7, 0, 0)  # local hour, minute, second
    weekly: tuple[int, int, int, int] = (0, 7, 30, 0)  # weekday (mon=0), hour, minute, second
    check_every: int = 60  # seconds between the daemon's checks of what is due
    monthly: tuple[int, int, int, int] = (1, 8, 0, 0)  # day of month, hour, minute, second


@dataclass(frozen=True)
class WebSettings:
    """`wp-digest serve`: the readers' site (sign-up, manage, unsubscribe, search)."""

    base_url: str = ""  # the public URL; set: digests carry manage and unsubscribe links
    secret_env: str = "WP_DIGEST_SECRET"  # the variable holding the signing key
    secret_file: Path | None = None  # or a file holding it (mode 600)
    signup: bool = True
    host: str = "127.0.0.1"  # where `serve` listens (behind a reverse proxy)
    port: int = 8080
    mailto: str | None = None  # an unsubscribe mailbox, offered beside the one-click URL
    signups_per_hour: int = 5  # per client address (an IPv6 client: its /64)
    mails_per_day: int = 3  # confirmation mails per mailbox (lower-case, without +tag)
    confirmations_per_hour: int = 100  # confirmation mails in all, whoever asks
    # Proxies whose X-Forwarded-For names the client; any other peer is the client itself.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")

    def secret(self) -> str | None:
        """Read when needed: the environment variable, else `secret_file`, else the systemd
        credential `wp-digest-secret`; 16 characters at least."""
        value = read_secret(self.secret_env, self.secret_file, "wp-digest-secret") or ""
        return value if len(value) >= 16 else None


@dataclass(frozen=True)
class WatchSettings:
    """What the daily watch (status, daemon log, operator mail) warns about."""

    recent_posts: int = 50  # a source's last N posts are compared with the ones before
    jump: float = 0.25  # warn when a paper's (or Other's) share moves by this much
    crawl_failing_for: int = 86400  # seconds a source's crawls may fail before a warning
    delivery_failures: int = 3  # failed deliveries in a day that make a warning


@dataclass(frozen=True)
class Config:
    path: Path | None
    timezone: str = "Asia/Kolkata"
    state_dir: Path | None = None  # where relative state paths resolve (see config.read)
    database: Path = Path("wp-digest.db")
    sources: tuple[Source, ...] = ()
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    subscribers: tuple[Subscriber, ...] = ()
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    watch: WatchSettings = field(default_factory=WatchSettings)
    web: WebSettings = field(default_factory=WebSettings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def crawled(self) -> list[Source]:
        """The sources a crawl of "everything" takes: the configured ones not paused."""
        return [s for s in self.sources if not s.paused]

    @property
    def ranking(self) -> tuple[str, ...]:
        """Source names, first whose write-up of a story a digest shows: by `rank`, then
        those without one in the order they are configured."""
        order = sorted(enumerate(self.sources), key=lambda e: (e[1].rank is None,
                                                              e[1].rank or 0, e[0]))  # fmt: skip
        return tuple(s.name for _, s in order)

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)
