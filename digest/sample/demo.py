"""`wp-digest demo`: the whole pipeline, offline, in one command and a few seconds.

Serves the bundled sample site on a free loopback port, crawls it into a fresh database,
files the posts by paper, renders every daily and weekly digest of the sample's dates into
an archive (index.html, feed.xml), and mails the latest daily digest to a demo subscriber
through the outbox transport.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

from digest import crawl, periods, store
from digest.config import Config, MailSettings, Source, Subscriber, WebSettings
from digest.mail import deliver
from digest.render import publish
from digest.sample.site import SAMPLE_HOST, WordPressServer, load_sample
from digest.store import queries

DEMO_READER = "reader@example.org"


def run(base: Config, out: Path) -> list[str]:
    """Build the demo in `out`; returns the lines to print."""
    out.mkdir(parents=True, exist_ok=True)
    database = out / "wp-digest.db"
    for stale in out.glob("wp-digest.db*"):
        stale.unlink()
    posts, categories = load_sample()
    with WordPressServer(posts, categories=categories, prefix="/ca/") as site:
        cfg = replace(
            base,
            path=None,
            database=database,
            sources=(Source(name="sample", url=site.url, link_hosts=(SAMPLE_HOST,)),),
            crawl=replace(base.crawl, requests_per_second=100.0),
            mail=MailSettings(
                transport="outbox", sender="UPSC Digest <digest@example.org>", outbox=out / "outbox"
            ),
            subscribers=(Subscriber(email=DEMO_READER, period="daily"),),
        )
        [outcome] = crawl.run(cfg, list(cfg.sources))
    if not outcome.ok:
        raise RuntimeError(f"demo crawl failed: {outcome.error}")
    db = store.open_db(database)
    try:
        first, last = (
            periods.local_time(stamp, cfg.tz).date()
            for stamp in queries.first_and_last_published(db)
            if stamp is not None  # the sample site has posts: both are there
        )
        written = []
        day = first
        while day <= last:
            for kind in ("daily", "weekly"):
                period = periods.containing(kind, day, cfg.tz)
                if kind == "weekly" and period.first != day and day != first:
                    continue
                written.append(publish.publish(db, period, cfg.digest, out, cfg.ranking)[1][0])
            day += timedelta(days=1)
        # The morning after the newest post, the demo reader gets that day's digest.
        now = datetime.combine(last + timedelta(days=1), time(7, 0), cfg.tz)
        before = set((out / "outbox").glob("*.eml"))
        sent = deliver.send_due(cfg, db, now)
    finally:
        db.close()
    latest_daily = out / f"{periods.containing('daily', last, cfg.tz).label}.html"
    latest_weekly = out / f"{periods.containing('weekly', last, cfg.tz).label}.html"
    mails = sorted(set((out / "outbox").glob("*.eml")) - before)  # this run's, not older ones
    return [
        f"Crawled the sample site: {outcome.new_posts} posts into {database}",
        f"Rendered {len(written)} digests into {out}/",
        f"  latest daily:  {latest_daily}",
        f"  latest weekly: {latest_weekly}",
        f"  archive:       {out / 'index.html'} and {out / 'feed.xml'}",
        f"Mailed {sum(o.status == 'sent' for o in sent)} digest to {DEMO_READER} "
        f"via the outbox: {mails[-1] if mails else '(none)'}",
        "",
        "Next:",
        "  wp-digest init                      # write a wp-digest.toml to edit",
        "  wp-digest crawl https://www.nextias.com/ca/   # a real source (be polite)",
        f"  wp-digest --db {database} status",
        "  wp-digest run                       # the daemon; or `wp-digest tick` from cron",
    ]


SECRET_ENV = "WP_DIGEST_DEMO_SECRET"


def site_config(base: Config, out: Path, port: int = 0) -> tuple[Config, int]:
    """The readers' site over the demo's database, on loopback (a free port for 0): its
    config and port. Its signing key is made up for this run; sign-up mail goes to the
    demo's outbox, like the digest."""
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    os.environ.setdefault(SECRET_ENV, secrets.token_urlsafe(32))
    cfg = replace(
        base,
        path=None,
        database=out / "wp-digest.db",
        mail=MailSettings(
            transport="outbox", sender="UPSC Digest <digest@example.org>", outbox=out / "outbox"
        ),
        web=WebSettings(base_url=f"http://127.0.0.1:{port}/", secret_env=SECRET_ENV),
    )
    return cfg, port
