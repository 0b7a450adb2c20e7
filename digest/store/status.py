"""What `wp-digest status` reports: per source, per subscriber; as data and as text lines."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from digest.clock import utc
from digest.config import WatchSettings
from digest.states import Reader as ReaderState
from digest.store import bounces, health, ledger, subscribers
from digest.store.db import Database
from digest.store.posts import get_cursors

LIST_READERS = 20  # more readers than this: status summarises them


def report(
    db: Database, database: str, watch: WatchSettings, now: datetime, paused: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Plain data (JSON-ready) for `status --json`. `paused` names the sources the config
    pauses: they are listed as such, and their silence is no warning."""
    found = sources(db, paused)
    counts = subscribers.counts(db)
    suspended = [r.email for r in subscribers.listed(db, ReaderState.SUSPENDED)[:LIST_READERS]]
    every = counts[ReaderState.ACTIVE] + counts[ReaderState.SUSPENDED] <= LIST_READERS
    if every:  # a few readers: each one's line
        shown = [r.email for r in subscribers.listed(db)
                 if r.status in (ReaderState.ACTIVE, ReaderState.SUSPENDED)]  # fmt: skip
    else:  # many: the ones whose last digest is not sent (`subscribers list` has them all)
        shown = ledger.troubled(db, LIST_READERS)
    return {
        "database": database,
        "warnings": health.warnings(
            db, [s["source"] for s in found if not s["paused"]], now, watch
        ),
        "sources": found,
        "readers": counts,
        "suspended": suspended,
        "sent": ledger.last_sent(db),
        "bounces_7_days": bounces.counts(db, utc(now - timedelta(days=7))),
        "every_reader": every,
        "subscribers": ledger.report(db, shown),
    }


def sources(db: Database, paused: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Per source: posts, revisions, the last crawl and the cursors. Plain data for the CLI."""
    names = {r[0] for r in db.execute("SELECT name FROM sources")} | set(paused)
    names |= {r[0] for r in db.execute("SELECT DISTINCT source FROM posts")}
    names |= {r[0] for r in db.execute("SELECT DISTINCT source FROM crawls")}
    out = []
    for name in sorted(names):
        posts, revisions = db.execute(
            "SELECT count(*), coalesce(sum(revision), 0) FROM posts WHERE source = ?", [name]
        ).fetchone()
        last = db.execute(
            "SELECT mode, started, finished, outcome, error, new_posts, new_revisions, requests "
            "FROM crawls WHERE source = ? ORDER BY id DESC LIMIT 1",
            [name],
        ).fetchone()
        # Digests list a post once, under its first paper; its other papers are "also in".
        rows = db.execute(
            "SELECT j.value, j.key = 0, count(*) FROM posts, "
            "json_each(coalesce(posts.papers, '[\"Other\"]')) j WHERE source = ? "
            "GROUP BY j.value, j.key = 0",
            [name],
        ).fetchall()
        papers = {paper: n for paper, first, n in rows if first}
        inferred, compilations = db.execute(
            "SELECT coalesce(sum(filing LIKE 'inferred:%'), 0), coalesce(sum(items IS NOT NULL), "
            "0) FROM posts WHERE source = ?",
            [name],
        ).fetchone()
        also_in = {paper: n for paper, first, n in rows if not first}
        last_crawl = None
        if last:
            keys = ("mode", "started", "finished", "outcome", "error", "new_posts")
            last_crawl = dict(zip(keys + ("new_revisions", "requests"), last, strict=True))
        out.append(
            {
                "source": name,
                "paused": name in paused,
                "posts": posts,
                "revisions": revisions,
                "papers": papers,
                "also_in": also_in,
                "inferred": inferred,  # filed by their words (no marker)
                "compilations": compilations,  # filed item by item
                "last_crawl": last_crawl,
                "cursors": get_cursors(db, name),
                "published_cursors": get_cursors(db, name, "date"),
                "rejects": rejects(db, name),
                **health.report(db, name),
            }
        )
    return out


def cursors(db: Database, source: str) -> tuple[dict[str, str], dict[str, str]]:
    """Where a source's walks stand: (by modified date, by publication), per post type."""
    return get_cursors(db, source), get_cursors(db, source, "date")


def rejects(db: Database, source: str) -> dict[str, Any]:
    """What the quarantine holds for a source: counts, and the latest reason."""
    counts = dict(
        db.execute(
            "SELECT kept, count(*) FROM rejects WHERE source = ? GROUP BY kept", [source]
        ).fetchall()
    )
    last = db.execute(
        "SELECT reason FROM rejects WHERE source = ? ORDER BY id DESC LIMIT 1", [source]
    ).fetchone()
    return {
        "rejected": counts.get(0, 0),
        "fixed": counts.get(1, 0),
        "last": last[0] if last else None,
    }
