"""Reading the TOML tables of wp-digest.toml into the typed objects of digest.config.model.

One reader per table; `Table` rejects keys nobody asked for, with a suggestion, and turns
every mistake into one line naming the file and the key. A key left out takes the default
of its dataclass field, so each default is stated once, in digest.config.model.
"""

from __future__ import annotations

import os
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from digest.config.model import (
    DEFAULT_USER_AGENT,
    Config,
    CrawlSettings,
    DigestSettings,
    MailSettings,
    Rules,
    ScheduleSettings,
    Source,
    Subscriber,
    WatchSettings,
    WebSettings,
)
from digest.config.table import Table
from digest.config.values import (
    EMAIL,
    LOOPBACK,
    check_text,
    check_timezone,
    check_url,
    parse_clock,
    parse_duration,
    parse_monthly,
    parse_weekly,
)
from digest.errors import ConfigError
from digest.papers import PAPERS


def _source(raw: Any, index: int, file: str) -> Source:
    t = Table(raw, f"source[{index}]", file)
    t.expect("name", "url", "post_types", "categories", "classify", "link_hosts")
    name = t.get("name", str, None)
    if not name:
        raise t.err("name", "every [[source]] needs a name; it is missing")
    t.where = f"source {name!r}"
    url = t.parsed("url", check_url, None)
    if url is None:
        raise t.err("url", "every [[source]] needs the site's URL; it is missing")
    categories = t.get("categories", list, [])
    if not all(isinstance(c, int) and not isinstance(c, bool) and c > 0 for c in categories):
        raise t.err("categories", "expected a list of category term IDs (positive integers)")
    source = Source(
        name=name,
        url=url,
        post_types=t.str_list("post_types", Source.post_types),
        categories=tuple(categories),
        link_hosts=tuple(h.lower() for h in t.get("link_hosts", list, []) if isinstance(h, str)),
        classify=_rules(t.get("classify", dict, {}), f"source {name!r}.classify", file),
    )
    t.done()
    return source


def _paper(t: Table, key: str, value: Any) -> str:
    if value not in PAPERS:
        raise t.err(key, f"unknown paper {value!r} (one of {', '.join(PAPERS)})")
    return value


def _rules(raw: Any, where: str, file: str) -> Rules:
    """[source.classify]: `subjects = {"keyword" = "GS3"}`, `categories = {"21" = "GS2"}`."""
    t = Table(raw, where, file)
    subjects = t.get("subjects", dict, {})
    cats = t.get("categories", dict, {})
    t.done()
    out_subjects = tuple((k.lower(), _paper(t, f"subjects.{k}", v)) for k, v in subjects.items())
    out_cats = []
    for key, value in cats.items():
        if not key.isdigit():
            raise t.err(f"categories.{key}", 'keys are category or tag term IDs, e.g. "21"')
        out_cats.append((int(key), _paper(t, f"categories.{key}", value)))
    return Rules(subjects=out_subjects, categories=tuple(out_cats))


def _crawl(raw: Any, file: str) -> CrawlSettings:
    t = Table(raw, "crawl", file)
    d = CrawlSettings()
    retries = t.get("retries", int, d.retries)
    if retries < 0:
        raise t.err("retries", "must be 0 or more")
    settings = CrawlSettings(
        user_agent=t.get("user_agent", str, d.user_agent) or DEFAULT_USER_AGENT,
        requests_per_second=t.number("requests_per_second", d.requests_per_second),
        timeout=t.number("timeout", d.timeout),
        retries=retries,
        backoff=float(t.get("backoff", (int, float), d.backoff)),
        max_response_mb=int(t.number("max_response_mb", d.max_response_mb)),
        obey_robots=t.get("obey_robots", bool, d.obey_robots),
        max_pages=int(t.number("max_pages", d.max_pages)),
        max_minutes=t.number("max_minutes", d.max_minutes),
    )
    t.done()
    return settings


def _digest(raw: Any, file: str, base: Path, state: Path) -> DigestSettings:
    t = Table(raw, "digest", file)
    d = DigestSettings()
    content = t.get("content", str, d.content)
    if content not in ("excerpt", "full"):
        raise t.err("content", f'expected "excerpt" or "full", got {content!r}')
    folder = t.path("templates", d.templates, base)
    if folder and not folder.is_dir():
        raise t.err("templates", f"no such folder: {folder}")
    base_url = t.parsed("base_url", lambda v: check_url(v) if v else "", d.base_url)
    settings = DigestSettings(
        title=t.parsed("title", check_text, d.title),
        content=content,
        images=t.get("images", bool, d.images),
        templates=folder,
        base_url=base_url,
        archive=t.path("archive", d.archive, state),
    )
    t.done()
    return settings


def _mail(raw: Any, file: str, base: Path, state: Path) -> MailSettings:
    t = Table(raw, "mail", file)
    d = MailSettings()
    host = t.get("host", str, d.host) or None
    transport = t.get("transport", str, "smtp" if host else "outbox")
    if transport not in ("smtp", "outbox"):
        raise t.err("transport", f'expected "smtp" or "outbox", got {transport!r}')
    if transport == "smtp" and not host:
        raise t.err("host", 'transport "smtp" needs a host')
    security = t.get("security", str, d.security)
    if security not in ("ssl", "starttls", "none"):
        raise t.err("security", f'expected "ssl", "starttls" or "none", got {security!r}')
    if transport == "smtp" and security == "none" and host not in LOOPBACK:
        raise t.err("security", f'"none" (no TLS) is allowed only for loopback hosts, not {host}')
    port = t.get("port", int, {"ssl": 465, "starttls": 587, "none": 25}[security])
    if not 0 < port < 65536:
        raise t.err("port", f"not a port number: {port}")
    sender = t.get("from", str, d.sender)
    if not EMAIL.match(parseaddr(sender)[1]):
        raise t.err("from", f"not an email address: {sender!r}")
    unsubscribe = t.get("unsubscribe", str, d.unsubscribe)
    if unsubscribe and not unsubscribe.startswith(("mailto:", "https://")):
        raise t.err("unsubscribe", "expected a mailto: or https:// URL")
    ca_path = t.path("ca_file", d.ca_file, base)
    if ca_path and not ca_path.is_file():
        raise t.err("ca_file", f"no such file: {ca_path}")
    if "password" in t.data:
        raise t.err(
            "password",
            "passwords never go in the file: set password_env to the "
            "name of an environment variable that holds it",
        )
    settings = MailSettings(
        transport=transport,
        host=host,
        port=port,
        security=security,
        username=t.get("username", str, d.username) or None,
        password_env=t.get("password_env", str, d.password_env),
        sender=sender,
        outbox=t.path("outbox", d.outbox, state) or state / d.outbox,
        unsubscribe=unsubscribe,
        send_empty=t.get("send_empty", bool, d.send_empty),
        attachment_max_mb=t.number("attachment_max_mb", d.attachment_max_mb),
        ca_file=ca_path,
        timeout=t.number("timeout", d.timeout),
        list_id=t.get("list_id", str, d.list_id),
        max_message_mb=t.number("max_message_mb", d.max_message_mb),
        operator=_operator(t, d.operator),
        suspend_after=t.get("suspend_after", int, d.suspend_after),
    )
    t.done()
    return settings


def _operator(t: Table, default: str | None) -> str | None:
    operator = t.get("operator", str, default) or None
    if operator and not EMAIL.match(operator):
        raise t.err("operator", f"not an email address: {operator!r}")
    return operator


def _web(raw: Any, file: str) -> WebSettings:
    t = Table(raw, "web", file)
    d = WebSettings()
    base_url = t.get("base_url", str, d.base_url)
    if base_url:
        try:
            base_url = check_url(base_url)
        except ValueError as e:
            raise t.err("base_url", str(e)) from None
        base_url = base_url.rstrip("/") + "/"
    mailto = t.get("mailto", str, d.mailto) or None
    if mailto and not EMAIL.match(mailto.removeprefix("mailto:")):
        raise t.err("mailto", f"not an email address: {mailto!r}")
    port = t.get("port", int, d.port)
    if not 0 < port < 65536:
        raise t.err("port", f"not a port number: {port}")
    settings = WebSettings(
        base_url=base_url,
        secret_env=t.get("secret_env", str, d.secret_env),
        signup=t.get("signup", bool, d.signup),
        host=t.get("host", str, d.host),
        port=port,
        mailto=mailto.removeprefix("mailto:") if mailto else None,
        signups_per_hour=t.get("signups_per_hour", int, d.signups_per_hour),
        mails_per_day=t.get("mails_per_day", int, d.mails_per_day),
    )
    t.done()
    return settings


def _watch(raw: Any, file: str) -> WatchSettings:
    t = Table(raw, "watch", file)
    d = WatchSettings()
    recent = t.get("recent_posts", int, d.recent_posts)
    if recent < 5:
        raise t.err("recent_posts", f"must be at least 5, got {recent}")
    jump = t.number("jump", d.jump)
    if jump >= 1:
        raise t.err("jump", f"a share between 0 and 1, got {jump:g}")
    failures = t.get("delivery_failures", int, d.delivery_failures)
    if failures < 1:
        raise t.err("delivery_failures", f"must be at least 1, got {failures}")
    settings = WatchSettings(
        recent_posts=recent,
        jump=jump,
        crawl_failing_for=t.parsed("crawl_failing_for", parse_duration, d.crawl_failing_for),
        delivery_failures=failures,
    )
    t.done()
    return settings


def _subscriber(raw: Any, index: int, file: str) -> Subscriber:
    t = Table(raw, f"subscriber[{index}]", file)
    t.expect("email", "period", "papers")
    email = t.get("email", str, None)
    if email is None:
        raise t.err("email", "every [[subscriber]] needs an email address; it is missing")
    if not EMAIL.match(email):
        raise t.err("email", f"not an email address: {email!r}")
    t.where = f"subscriber {email!r}"
    period = t.get("period", str, Subscriber.period)
    if period not in ("daily", "weekly", "monthly"):
        raise t.err("period", f'expected "daily", "weekly" or "monthly", got {period!r}')
    papers = t.get("papers", list, [])
    for paper in papers:
        _paper(t, "papers", paper)
    subscriber = Subscriber(email=email, period=period, papers=tuple(papers))
    t.done()
    return subscriber


def _subscribers(raw: list[Any], file: str) -> tuple[Subscriber, ...]:
    subscribers = tuple(_subscriber(s, i, file) for i, s in enumerate(raw))
    emails = [s.email.lower() for s in subscribers]
    for email in emails:
        if emails.count(email) > 1:
            raise ConfigError(f"{file}: subscriber {email!r}: listed more than once")
    return subscribers


def _schedule(raw: Any, file: str) -> ScheduleSettings:
    t = Table(raw, "schedule", file)
    d = ScheduleSettings()
    settings = ScheduleSettings(
        crawl_every=t.parsed("crawl_every", parse_duration, d.crawl_every),
        daily=t.parsed("daily", parse_clock, d.daily),
        weekly=t.parsed("weekly", parse_weekly, d.weekly),
        check_every=t.parsed("check_every", parse_duration, d.check_every),
        monthly=t.parsed("monthly", parse_monthly, d.monthly),
    )
    t.done()
    return settings


def read(data: dict[str, Any], path: Path | None) -> Config:
    """Build a Config from parsed TOML.

    Relative paths of program state (database, outbox, archive) resolve against the state
    folder: `state_dir`, else $STATE_DIRECTORY (systemd's StateDirectory=), else the config
    file's folder. Relative paths of inputs (templates, ca_file) resolve against the config
    file's folder. Without a file, both are the current folder.
    """
    file = str(path) if path else "<config>"
    t = Table(data, "", file)
    d = Config(path=None)
    timezone = t.parsed("timezone", check_timezone, d.timezone)
    base = path.parent if path else Path.cwd()
    systemd = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    state = t.path("state_dir", Path(systemd) if systemd else None, base) or base
    database = t.path("database", d.database, state) or state / d.database
    sources = tuple(_source(s, i, file) for i, s in enumerate(t.get("source", list, [])))
    names = [s.name for s in sources]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"{file}: source {name!r}: defined more than once")
    config = Config(
        path=path,
        timezone=timezone,
        state_dir=state,
        database=database,
        sources=sources,
        crawl=_crawl(t.get("crawl", dict, {}), file),
        digest=_digest(t.get("digest", dict, {}), file, base, state),
        mail=_mail(t.get("mail", dict, {}), file, base, state),
        subscribers=_subscribers(t.get("subscriber", list, []), file),
        schedule=_schedule(t.get("schedule", dict, {}), file),
        watch=_watch(t.get("watch", dict, {}), file),
        web=_web(t.get("web", dict, {}), file),
    )
    t.done()
    return config
