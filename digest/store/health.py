"""What should worry an operator: filing drift, crawls failing for long, deliveries failing.

Sites change templates; when a site's marker changes, its posts fall to "Other" (or one
paper's share collapses) and no error is raised anywhere. The remedy is a comparison: a
source's last N posts (by publication date) against the posts before them. `status` shows
the warnings, the daily watch logs them and mails them to `[mail] operator`.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from digest.clock import parse_utc, utc
from digest.config import WatchSettings
from digest.papers import PAPERS
from digest.store.db import Database
from digest.text import plural

_PAPERS_OF = "CASE WHEN papers IS NULL OR papers = '[]' THEN '[\"Other\"]' ELSE papers END"


def shares(db: Database, source: str, recent: int) -> tuple[dict[str, float], dict[str, float]]:
    """({paper: share} of the last `recent` posts, the same of the posts before them);
    a post counts for each of its papers. The second is empty without enough history.
    Counted by SQLite: memory stays flat however many posts a source has."""

    def share(limit: int, offset: int) -> dict[str, float]:
        group = (
            f"SELECT rowid, {_PAPERS_OF} AS papers FROM posts WHERE source = ? "
            "ORDER BY date_gmt DESC, post_id DESC LIMIT ? OFFSET ?"
        )
        (total,) = db.execute(f"SELECT count(*) FROM ({group})", [source, limit, offset]).fetchone()
        counts = dict(
            db.execute(
                f"SELECT value, count(DISTINCT g.rowid) FROM ({group}) g, json_each(g.papers) "
                "GROUP BY value",
                [source, limit, offset],
            ).fetchall()
        )
        return {p: counts.get(p, 0) / total for p in PAPERS} if total else {}

    before = share(-1, recent)
    (count,) = db.execute("SELECT count(*) FROM posts WHERE source = ?", [source]).fetchone()
    return share(recent, 0), (before if count - recent >= recent else {})


def drift(db: Database, source: str, settings: WatchSettings) -> list[str]:
    """One line per paper whose share among the last posts moved by `jump` or more."""
    latest, before = shares(db, source, settings.recent_posts)
    if not before or not latest:
        return []
    out = []
    for paper in PAPERS:
        now, then = latest.get(paper, 0.0), before.get(paper, 0.0)
        if abs(now - then) >= settings.jump:
            hint = ""
            if paper == "Other" and now > then:
                hint = " (has the site changed how it marks the paper? see `wp-digest explain`)"
            out.append(
                f"{source}: {paper} is {now:.0%} of the last {settings.recent_posts} posts, "
                f"{then:.0%} before{hint}"
            )
    return out


def failing_crawls(db: Database, source: str, now: datetime, longest: int) -> str | None:
    """A warning when every crawl of `source` for `longest` seconds or more has failed."""
    # By row id, not by start time: two crawls can start in the same second.
    last_ok = db.execute(
        "SELECT max(id) FROM crawls WHERE source = ? AND outcome = 'ok'", [source]
    ).fetchone()[0]
    first_bad = db.execute(
        "SELECT min(started), count(*), max(error) FROM crawls WHERE source = ? "
        "AND outcome NOT IN ('ok', 'running') AND id > coalesce(?, 0)",
        [source, last_ok],
    ).fetchone()
    since = parse_utc(first_bad[0])
    if since is None or now - since < timedelta(seconds=longest):
        return None
    last_error = db.execute(
        "SELECT error FROM crawls WHERE source = ? AND outcome NOT IN ('ok', 'running') "
        "ORDER BY id DESC LIMIT 1",
        [source],
    ).fetchone()[0]
    hours = (now - since).total_seconds() / 3600
    count = plural(first_bad[1], "crawl")
    return (
        f"{source}: every crawl has failed for {hours:.0f} h ({count} since "
        f"{utc(since)} UTC); last error: {last_error or 'unknown'}"
    )


def failing_deliveries(db: Database, now: datetime, threshold: int) -> str | None:
    """A warning when `threshold` or more deliveries failed (or await a retry) in a day."""
    since = utc(now - timedelta(days=1))
    count, error = db.execute(
        "SELECT count(*), max(last_error) FROM deliveries WHERE status IN ('failed', 'pending') "
        "AND attempts > 0 AND created >= ?",
        [since],
    ).fetchone()
    if count < threshold:
        return None
    return f"mail: {count} deliveries failed in the last 24 h; e.g. {error}"


def other_reasons(db: Database, source: str) -> dict[str, int]:
    """Why a source's posts are "Other", counted by kind of reason."""
    counts: Counter[str] = Counter()
    rows = db.execute(
        "SELECT filing FROM posts WHERE source = ? AND papers = '[\"Other\"]'", [source]
    )
    for (reason,) in rows:
        reason = reason or ""
        if reason.startswith("none: no marker"):
            counts["no marker near the top, and no category or tag names a paper"] += 1
        elif reason.startswith("none: line"):
            counts["a marker line names no paper or known subject"] += 1
        elif reason.startswith("pinned"):
            counts["pinned to Other by the operator"] += 1
        else:
            counts["not filed since the reasons were recorded (next crawl files them)"] += 1
    return dict(counts)


def warnings(db: Database, sources: list[str], now: datetime, settings: WatchSettings) -> list[str]:
    """Everything the watch has to say now, one line each."""
    out: list[str] = []
    for source in sources:
        out += drift(db, source, settings)
        if line := failing_crawls(db, source, now, settings.crawl_failing_for):
            out.append(line)
    if line := failing_deliveries(db, now, settings.delivery_failures):
        out.append(line)
    return out


def report(db: Database, source: str) -> dict[str, Any]:
    """For status: the Other reasons and the pins of a source."""
    pinned = db.execute("SELECT count(*) FROM pins WHERE source = ?", [source]).fetchone()[0]
    return {"other_reasons": other_reasons(db, source), "pinned": pinned}
