"""The commented starter file `wp-digest init` writes: every table, with the defaults of
digest.config.model filled in (so they are stated once, there), and a file that loads."""

from __future__ import annotations

from digest.config.model import (
    WEEKDAYS,
    Config,
    CrawlSettings,
    DigestSettings,
    MailSettings,
    ScheduleSettings,
    WatchSettings,
)


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _clock(hour: int, minute: int, second: int) -> str:
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def text() -> str:
    top, c, d, m = Config(path=None), CrawlSettings(), DigestSettings(), MailSettings()
    s, w = ScheduleSettings(), WatchSettings()
    weekday, *weekly = s.weekly
    mday, *monthly = s.monthly
    return f"""\
# wp-digest configuration. Every key is optional unless marked; the values shown are the
# defaults. Program state (posts, cursors, deliveries) lives in the database, not here.

# Time zone of the digests' calendar (an IANA name).
timezone = {_toml(top.timezone)}

# Where program state lives: the database, the outbox, the archive. Relative state paths
# resolve against state_dir, else $STATE_DIRECTORY (set by systemd's StateDirectory=), else
# this file's folder. Templates and ca_file always resolve against this file's folder.
# state_dir = "/var/lib/wp-digest"
database = {_toml(top.database)}

# One [[source]] table per WordPress site.
[[source]]
name = "nextias"                      # required; used on the command line and in digests
url = "https://www.nextias.com/ca/"   # required; the site, its REST API is discovered
post_types = ["posts"]                # REST bases to crawl
# categories = [21]                   # only posts in these category term IDs
# [source.classify]                   # this site's additions to the classifier
# subjects = {{ "monsoon" = "GS1" }}    # keyword in a subject -> paper
# categories = {{ "21" = "GS2" }}       # category or tag term ID -> paper

[crawl]
# user_agent = "wp-digest/VERSION (+https://github.com/wp-digest/wp-digest)"
requests_per_second = {_toml(c.requests_per_second)}  # per host; be polite
timeout = {_toml(c.timeout)}                 # seconds per request
retries = {_toml(c.retries)}                   # on 429, 5xx and timeouts, with exponential backoff
backoff = {_toml(c.backoff)}                   # seconds before the first retry; doubles each time
max_response_mb = {_toml(c.max_response_mb)}          # larger responses are refused
obey_robots = {_toml(c.obey_robots)}            # honour the site's robots.txt
max_pages = {_toml(c.max_pages)}            # a crawl of one source stops after this many pages
max_minutes = {_toml(c.max_minutes)}            # ... or after this long; the next one goes on

[digest]
title = {_toml(d.title)}
content = {_toml(d.content)}               # "excerpt", or "full" for the whole post
images = {_toml(d.images)}                 # images in mailed digests (fetched by the reader)
# templates = "templates"             # a folder whose templates override the bundled ones
# base_url = "https://digest.example.org/"   # where the archive is served (feed links)
# archive = "archive"                 # scheduled runs also publish every digest here

[mail]
# transport = "outbox"               # default: "smtp" once host is set, else "outbox"
outbox = {_toml(m.outbox)}                  # where "outbox" writes .eml files
# host = "smtp.example.org"           # set it, and digests go out by SMTP
# port = {m.port}                          # default: 465 for ssl, 587 for starttls, 25 for none
# security = {_toml(m.security)}           # "ssl", "starttls", or "none" (loopback only)
# username = "digest@example.org"
password_env = {_toml(m.password_env)}   # the variable holding the password
from = {_toml(m.sender)}
# unsubscribe = "https://example.org/unsubscribe"   # or a mailto: URL
send_empty = {_toml(m.send_empty)}             # mail a digest even when nothing is new
# monthly PDFs above this size are linked, not attached
attachment_max_mb = {_toml(m.attachment_max_mb)}
# ca_file = "ca.pem"                  # a private CA for the SMTP server's certificate
timeout = {_toml(m.timeout)}                  # seconds per SMTP command
# list_id = "UPSC digest <digest.example.org>"
max_message_mb = {_toml(m.max_message_mb)}         # a bigger digest is sent with excerpts
# operator = "you@example.org"        # gets the daily watch's warnings by mail

# One [[subscriber]] table per reader (the outbox above keeps their mail until you set up
# SMTP). papers: any of GS1 GS2 GS3 GS4 Essay Prelims Other; none means all.
[[subscriber]]
email = "reader@example.org"          # required
period = "daily"                      # "daily", "weekly" or "monthly"
papers = []

[schedule]                            # for `wp-digest run` and `wp-digest tick`
crawl_every = {_toml(_duration(s.crawl_every))}
# local time of the daily digest; weekday and time of the weekly one; day (1-28) and time
# of the monthly compilation
daily = {_toml(_clock(*s.daily))}
weekly = {_toml(WEEKDAYS[weekday] + " " + _clock(*weekly))}
monthly = {_toml(f"{mday} " + _clock(*monthly))}
check_every = {_toml(_duration(s.check_every))}

# The readers' site, `wp-digest serve`: sign-up with double opt-in, manage, one-click
# unsubscribe (RFC 8058), search. With base_url set, every digest links to the reader's
# manage page and carries List-Unsubscribe. The signing key comes from the environment.
# [web]
# base_url = "https://digest.example.org/"
# secret_env = "WP_DIGEST_SECRET"     # at least 16 characters, e.g. `openssl rand -hex 32`
# signup = true                       # the subscribe form on the home page
# host = "127.0.0.1"                  # where serve listens, behind your reverse proxy
# port = 8080
# mailto = "unsubscribe@example.org"  # also offered in List-Unsubscribe

# Warnings in `status`, in the daemon's log once a day, and mailed to [mail] operator.
[watch]
recent_posts = {_toml(w.recent_posts)}     # a source's last N posts, against those before
jump = {_toml(w.jump)}             # warn when a paper's (or Other's) share moves this much
crawl_failing_for = {_toml(_duration(w.crawl_failing_for))}  # warn when a source fails this long
delivery_failures = {_toml(w.delivery_failures)}  # warn at this many failed deliveries in a day
"""
