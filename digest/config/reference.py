# ruff: noqa: E501 - the reference is a table: one key per line reads best
"""The configuration reference: every key the reader accepts, its default and its meaning.

The README's table is generated from here (`python -m digest.readme`), the defaults from the
model (digest.config.model, through the starter's formatting), and a test runs the reader
over a file with every table to check that each key it accepts is documented here and each
key documented here is accepted: a new key cannot ship undocumented.
"""

from __future__ import annotations

from typing import Any

from digest.config.model import (
    Config,
    CrawlSettings,
    DigestSettings,
    MailSettings,
    ScheduleSettings,
    Source,
    Subscriber,
    WatchSettings,
    WebSettings,
)
from digest.config.starter import _clock, _duration, _toml

# (table, key): (default when the model's value is not the one to show, else None; meaning)
KEYS: dict[tuple[str, str], tuple[str | None, str]] = {
    ("", "timezone"): (None, "IANA zone of the digests' calendar, the schedule and every time shown"),
    ("", "state_dir"): ("`$STATE_DIRECTORY`, else the config's folder", "where relative state paths (database, outbox, archive) resolve"),
    ("", "database"): (None, "the SQLite file (created mode 600)"),
    ("[[source]]", "name"): ("required", "used on the command line and in digests"),
    ("[[source]]", "url"): ("required", "the site (`https://www.nextias.com/ca/`); its API is discovered"),
    ("[[source]]", "kind"): (None, "which spider crawls it (`wordpress`)"),
    ("[[source]]", "paused"): (None, "kept, not crawled (a crawl naming it still does); `status` says since when"),
    ("[[source]]", "post_types"): (None, "REST bases to crawl"),
    ("[[source]]", "categories"): ("all", "only posts in these category term IDs"),
    ("[[source]]", "link_hosts"): ("none", "hosts besides the site's own that its posts' links may point to; any other link is replaced by the site's `?p=ID` address"),
    ("[[source]]", "rank"): ("config order", "when several sources report one story, a digest shows the write-up of the lowest rank and lists the others as \"also covered by\"; sources without a rank follow those with one, in config order"),
    ("[[source]]", "classify"): ("none", "the table below"),
    ("[source.classify]", "subjects"): ("none", 'extra subject keyword → paper, e.g. `{"ecology" = "GS3"}`'),
    ("[source.classify]", "categories"): ("none", 'category/tag term ID → paper, e.g. `{"21" = "GS2"}`'),
    ("[crawl]", "user_agent"): ("`wp-digest/<version> (+<project url>)`", "sent with every request"),
    ("[crawl]", "requests_per_second"): (None, "per host, never exceeded"),
    ("[crawl]", "timeout"): (None, "seconds per request"),
    ("[crawl]", "retries"): (None, "on 429, 5xx, timeouts; exponential backoff, `Retry-After` honoured"),
    ("[crawl]", "backoff"): (None, "seconds before the first retry, doubling each time"),
    ("[crawl]", "max_response_mb"): (None, "bigger responses are refused"),
    ("[crawl]", "obey_robots"): (None, "honour robots.txt"),
    ("[crawl]", "max_pages"): (None, "pages of posts per source and crawl; a crawl stops there, keeps what it read, and the next goes on"),
    ("[crawl]", "max_minutes"): (None, "the same, in time"),
    ("[digest]", "title"): (None, "first words of titles and subjects (no control characters)"),
    ("[digest]", "content"): (None, 'or `"full"`: the whole sanitised post'),
    ("[digest]", "images"): (None, "keep images (http/https only); the monthly PDF then fetches them, from public addresses only, 5 MB at most each"),
    ("[digest]", "templates"): ("bundled", "a folder whose templates override the bundled ones"),
    ("[digest]", "base_url"): (None, "where the archive folder is served, for absolute feed links"),
    ("[digest]", "archive"): ("none", "folder the scheduler keeps as a static site: every day's and week's digest, and the monthly books sent"),
    ("[mail]", "transport"): ('`"smtp"` with a host, else `"outbox"`', '`"outbox"` writes `.eml` files'),
    ("[mail]", "host"): ("none", "the SMTP server"),
    ("[mail]", "port"): ("by security: 465, 587, 25", "its port"),
    ("[mail]", "security"): (None, '`"ssl"` (implicit TLS), `"starttls"`, `"none"` (loopback only)'),
    ("[mail]", "username"): ("none", "log in as this user"),
    ("[mail]", "password_env"): (None, "the variable holding the password (never the file)"),
    ("[mail]", "password_file"): ("none", "a file holding it (mode 600; for cron); else the systemd credential `smtp-password`"),
    ("[mail]", "from"): (_toml(MailSettings().sender), "the From address"),
    ("[mail]", "outbox"): (None, 'folder for `transport = "outbox"`'),
    ("[mail]", "unsubscribe"): ("none", "`mailto:` or `https:` URL for List-Unsubscribe (the site's one-click link comes first when `[web] base_url` is set)"),
    ("[mail]", "send_empty"): (None, 'send a "nothing new" digest'),
    ("[mail]", "attachment_max_mb"): (None, "monthly PDFs above this are linked (`[digest] base_url`), not attached"),
    ("[mail]", "ca_file"): ("system CAs", "a private CA for the server's certificate"),
    ("[mail]", "timeout"): (None, "seconds"),
    ("[mail]", "list_id"): ("`UPSC digest <digest.DOMAIN>`", "the List-Id header"),
    ("[mail]", "max_message_mb"): (None, "a digest bigger than this (or refused with 552) is sent with excerpts and links"),
    ("[mail]", "operator"): ("none", "who gets the daily watch's warnings (drift, failing crawls and deliveries) by mail"),
    ("[mail]", "suspend_after"): (None, "permanent (5xx) failures in a row that suspend an address"),
    ("[mail]", "bounce_address"): ("none", "set, each digest's envelope sender is `LOCAL+REF@DOMAIN` of it (VERP), so a bounce names its reader"),
    ("[mail]", "bounces"): ("none", "the bounce mailbox `wp-digest bounces` and the daemon read: `imaps://USER@HOST/INBOX`, or a Maildir folder"),
    ("[mail]", "bounces_password_env"): (None, "the variable holding the IMAP password"),
    ("[mail]", "bounces_password_file"): ("none", "a file holding it; else the systemd credential `bounces-password`"),
    ("[mail]", "soft_bounce_limit"): (None, "soft bounces (4.x.x: mailbox full) within `soft_bounce_days` that suspend an address; a hard one suspends at once"),
    ("[mail]", "soft_bounce_days"): (None, "the window, in days"),
    ("[[subscriber]]", "email"): ("required", "one message per subscriber; nobody sees another"),
    ("[[subscriber]]", "period"): (None, '`"weekly"` (ISO weeks, Monday to Sunday) or `"monthly"` (the month\'s PDF book attached)'),
    ("[[subscriber]]", "papers"): ("all", 'e.g. `["GS2", "GS3"]` (`"GS 2"`, `"gs-2"` are read as GS2)'),
    ("[schedule]", "crawl_every"): (None, "between incremental crawls (`30m`, `1h30m`, `1d`)"),
    ("[schedule]", "daily"): (None, "local time daily digests go out"),
    ("[schedule]", "weekly"): (None, "day and time weekly digests go out"),
    ("[schedule]", "monthly"): (None, "day of the month (1–28) and time monthly books go out"),
    ("[schedule]", "check_every"): (None, "how often the daemon looks at what is due"),
    ("[watch]", "recent_posts"): (None, "a source's last N posts are compared with the ones before (at least 5)"),
    ("[watch]", "jump"): (None, "warn when a paper's (or Other's) share moves by this much (0–1)"),
    ("[watch]", "crawl_failing_for"): (None, "how long a source's crawls may all fail before a warning"),
    ("[watch]", "delivery_failures"): (None, "failed deliveries in a day that make a warning"),
    ("[web]", "base_url"): (None, "the site's public URL; set, digests carry manage and one-click unsubscribe links"),
    ("[web]", "secret_env"): (None, "the variable holding the signing key (16+ characters)"),
    ("[web]", "secret_file"): ("none", "a file holding it (mode 600); else the systemd credential `wp-digest-secret`"),
    ("[web]", "signup"): (None, "the subscribe form on the home page"),
    ("[web]", "host"): (None, "where `serve` listens (behind a reverse proxy)"),
    ("[web]", "port"): (None, "its port"),
    ("[web]", "mailto"): ("none", "an unsubscribe mailbox, offered beside the one-click URL"),
    ("[web]", "signups_per_hour"): (None, "per client address (an IPv6 client: its /64)"),
    ("[web]", "mails_per_day"): (None, "confirmation mails per mailbox (lower-case, without +tag)"),
    ("[web]", "confirmations_per_hour"): (None, "confirmation mails in all, whoever asks"),
    ("[web]", "trusted_proxies"): (None, "proxies whose X-Forwarded-For names the client"),
}  # fmt: skip

# The model object each table's defaults come from.
MODELS: dict[str, Any] = {
    "": Config(path=None),
    "[[source]]": Source(name="", url=""),
    "[crawl]": CrawlSettings(),
    "[digest]": DigestSettings(),
    "[mail]": MailSettings(),
    "[[subscriber]]": Subscriber(email=""),
    "[schedule]": ScheduleSettings(),
    "[watch]": WatchSettings(),
    "[web]": WebSettings(),
}
DURATIONS = {"crawl_every", "check_every", "crawl_failing_for"}


def _shown(table: str, key: str, value: Any) -> str:
    """A model default as it is written in the file."""
    if key in DURATIONS:
        return f'`"{_duration(value)}"`'
    if table == "[schedule]" and key == "daily":
        return f'`"{_clock(*value)}"`'
    if table == "[schedule]" and key == "weekly":
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        return f'`"{days[value[0]]} {_clock(*value[1:])}"`'
    if table == "[schedule]" and key == "monthly":
        return f'`"{value[0]} {_clock(*value[1:])}"`'
    if isinstance(value, tuple | list):
        return "`[" + ", ".join(_toml(v) for v in value) + "]`"
    return f"`{_toml(value)}`"


def default(table: str, key: str) -> str:
    shown, _ = KEYS[(table, key)]
    if shown is not None:
        return shown if shown.startswith(("`", "required", "none", "all", "by ", "system",
                                          "bundled")) else f"`{shown}`"  # fmt: skip
    return _shown(table, key, getattr(MODELS[table], key))


def markdown() -> str:
    """The reference as a Markdown table, in the order of KEYS."""
    rows = ["| key | default | meaning |", "|---|---|---|"]
    for table, key in KEYS:
        name = f"`{key}`" if not table else f"`{table} {key}`"
        rows.append(f"| {name} | {default(table, key)} | {KEYS[(table, key)][1]} |")
    return "\n".join(rows)
