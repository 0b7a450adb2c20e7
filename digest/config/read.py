"""Reading the TOML tables of wp-digest.toml into the typed objects of digest.config.model.

One reader per table; `Table` rejects keys nobody asked for, with a suggestion, and turns
every mistake into one line naming the file and the key. A key left out takes the default
of its dataclass field, so each default is stated once, in digest.config.model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from digest.config import mail_web_watch
from digest.config.model import (
    DEFAULT_USER_AGENT,
    SOURCE_KINDS,
    Config,
    CrawlSettings,
    DigestSettings,
    Rules,
    ScheduleSettings,
    Source,
    Subscriber,
)
from digest.config.toml_table import Table
from digest.config.values import (
    EMAIL,
    check_text,
    check_timezone,
    check_url,
    parse_clock,
    parse_duration,
    parse_monthly,
    parse_weekly,
)
from digest.errors import ConfigError
from digest.papers import parse_paper
from digest.periods import KINDS


def _source(raw: Any, index: int, file: str) -> Source:
    t = Table(raw, f"source[{index}]", file)
    t.expect(
        "name",
        "url",
        "kind",
        "paused",
        "post_types",
        "categories",
        "classify",
        "link_hosts",
        "rank",
    )
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
    rank = t.get("rank", int, None)
    if rank is not None and (isinstance(rank, bool) or rank < 1):
        raise t.err("rank", f"expected a positive whole number (1 comes first), got {rank!r}")
    kind = t.get("kind", str, Source.kind)
    if kind not in SOURCE_KINDS:
        raise t.err("kind", f"expected one of {', '.join(map(repr, SOURCE_KINDS))}, got {kind!r}")
    source = Source(
        name=name,
        url=url,
        kind=kind,
        paused=t.get("paused", bool, False),
        post_types=t.str_list("post_types", Source.post_types),
        categories=tuple(categories),
        link_hosts=tuple(h.lower() for h in t.get("link_hosts", list, []) if isinstance(h, str)),
        classify=_rules(t.get("classify", dict, {}), f"source {name!r}.classify", file),
        rank=rank,
    )
    t.done()
    return source


def _paper(t: Table, key: str, value: Any) -> str:
    try:
        return parse_paper(value)
    except ValueError as e:
        raise t.err(key, str(e)) from None


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
    if period not in KINDS:
        choices = ", ".join(f'"{k}"' for k in KINDS[:-1]) + f' or "{KINDS[-1]}"'
        raise t.err("period", f"expected {choices}, got {period!r}")
    papers = [_paper(t, "papers", paper) for paper in t.get("papers", list, [])]
    subscriber = Subscriber(email=email, period=period, papers=tuple(dict.fromkeys(papers)))
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
        mail=mail_web_watch.mail(t.get("mail", dict, {}), file, base, state),
        subscribers=_subscribers(t.get("subscriber", list, []), file),
        schedule=_schedule(t.get("schedule", dict, {}), file),
        watch=mail_web_watch.watch(t.get("watch", dict, {}), file),
        web=mail_web_watch.web(t.get("web", dict, {}), file, base),
    )
    t.done()
    return config
