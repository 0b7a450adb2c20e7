"""What `wp-digest status` reports: per source, per subscriber; as data and as text lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from digest.config import WatchSettings
from digest.papers import PAPERS
from digest.states import Crawl
from digest.states import Reader as ReaderState
from digest.store import health, ledger, subscribers
from digest.store.db import Database
from digest.store.posts import get_cursors


def report(db: Database, database: str, watch: WatchSettings, now: datetime) -> dict[str, Any]:
    """Plain data (JSON-ready) for `status --json`."""
    found = sources(db)
    readers = subscribers.listed(db)
    shown = [r.email for r in readers if r.status in (ReaderState.ACTIVE, ReaderState.SUSPENDED)]
    return {
        "database": database,
        "warnings": health.warnings(db, [s["source"] for s in found], now, watch),
        "sources": found,
        "readers": subscribers.counts(db),
        "suspended": [r.email for r in readers if r.status == ReaderState.SUSPENDED],
        "subscribers": ledger.report(db, shown),
    }


def sources(db: Database) -> list[dict[str, Any]]:
    """Per source: posts, revisions, the last crawl and the cursors. Plain data for the CLI."""
    names = {r[0] for r in db.execute("SELECT name FROM sources")}
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
        also_in = {paper: n for paper, first, n in rows if not first}
        last_crawl = None
        if last:
            keys = ("mode", "started", "finished", "outcome", "error", "new_posts")
            last_crawl = dict(zip(keys + ("new_revisions", "requests"), last, strict=True))
        out.append(
            {
                "source": name,
                "posts": posts,
                "revisions": revisions,
                "papers": papers,
                "also_in": also_in,
                "last_crawl": last_crawl,
                "cursors": get_cursors(db, name),
                "published_cursors": get_cursors(db, name, "date"),
                "rejects": rejects(db, name),
                **health.report(db, name),
            }
        )
    return out


def lines(report: dict[str, Any]) -> list[str]:
    """The report for people, one fact a line."""
    out = [f"database: {report['database']}"]
    out += [f"warning: {line}" for line in report["warnings"]]
    if not report["sources"]:
        out.append("nothing crawled yet")
    for src in report["sources"]:
        out.append(f"{src['source']}: {src['posts']} posts, {src['revisions']} revisions")
        if src["papers"]:
            counts = [f"{p} {src['papers'][p]}" for p in PAPERS if p in src["papers"]]
            out.append("  papers (as digests list them, by first paper): " + ", ".join(counts))
        if src["also_in"]:
            also = [f"{p} {src['also_in'][p]}" for p in PAPERS if p in src["also_in"]]
            out.append("  also in: " + ", ".join(also))
        for reason, count in src["other_reasons"].items():
            out.append(f"  Other, {count} posts: {reason}")
        if src["pinned"]:
            out.append(f"  pinned by the operator: {src['pinned']} posts (wp-digest file)")
        last = src["last_crawl"]
        if last:
            when = last["finished"] or last["started"]
            line = f"  last crawl: {when} UTC, {last['mode']}, {last['outcome']}"
            if last["outcome"] == Crawl.OK:
                line += f" ({last['new_posts']} new, {last['new_revisions']} updated)"
            out.append(line)
            if last["error"]:
                out.append(f"  error: {last['error']}")
        out += cursor_lines(src["cursors"], src["published_cursors"])
        if src["rejects"]["rejected"] or src["rejects"]["fixed"]:
            r = src["rejects"]
            out.append(
                f"  quarantine: {r['rejected']} posts not stored, {r['fixed']} stored with a "
                f"fix; last: {r['last']}"
            )
    states = ", ".join(f"{n} {state}" for state, n in report["readers"].items())
    out.append(f"subscribers: {states}")
    for address in report["suspended"]:
        out.append(f"{address}: suspended after repeated permanent failures; skipped")
    for sub in report["subscribers"]:
        last = sub["last_sent"]
        sent = f"last sent {last['label']} at {last['sent_at']} UTC" if last else "nothing sent yet"
        out.append(f"{sub['subscriber']}: {sent}")
        for item in sub["pending"]:
            out.append(
                f"  pending {item['label']}: {item['attempts']} tries, next after "
                f"{item['next_attempt']} UTC"
            )
        for item in sub["failed"]:
            out.append(f"  failed {item['label']} after {item['attempts']} tries")
        if sub["last_error"]:
            out.append(f"  last error: {sub['last_error']}")
    return out


def cursor_lines(modified: dict[str, str], published: dict[str, str]) -> list[str]:
    """Where each post type's incremental walks stand: by modified date, by publication."""
    out = []
    for post_type in sorted(set(modified) | set(published)):
        parts = [f"modified after {modified[post_type]} UTC"] if post_type in modified else []
        if post_type in published:
            parts.append(f"published after {published[post_type]} UTC")
        out.append(f"  cursor {post_type}: {', '.join(parts)}")
    return out


def cursors(db: Database, source: str) -> list[str]:
    return cursor_lines(get_cursors(db, source), get_cursors(db, source, "date"))


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
