"""The operator's list of stored posts (`wp-digest posts`): filtered in SQL, newest first.

Filters are applied by SQLite (a paper through `json_each`, words through the full-text
index) so listing a year of posts reads only the rows it prints.
"""

from __future__ import annotations

import json
from typing import Any

from digest.store.db import Database
from digest.store.search import RECENT, fts_query


def list_posts(
    db: Database,
    *,
    sources: list[str] | None = None,
    papers: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    words: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Stored posts, newest first: `since`/`until` bound the publication time (UTC stamps,
    [since, until)); a post matches `papers` when it is filed under any of them; `words`
    must all occur in its title or text (among the newest matches, as the site's search)."""
    where: list[str] = []
    args: list[Any] = []
    if sources:
        where.append(f"p.source IN ({', '.join('?' for _ in sources)})")
        args += sources
    if papers:
        marks = ", ".join("?" for _ in papers)
        where.append(
            "EXISTS (SELECT 1 FROM json_each(coalesce(p.papers, '[\"Other\"]')) "
            f"WHERE value IN ({marks}))"
        )
        args += papers
    if since:
        where.append("p.date_gmt >= ?")
        args.append(since)
    if until:
        where.append("p.date_gmt < ?")
        args.append(until)
    if words is not None:
        query = fts_query(words)
        if query is None:
            return []
        where.append(
            "p.rowid IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?)"
        )
        args += [query, RECENT]
    sql = (
        "SELECT p.source, p.post_id, p.revision, p.date_gmt, p.papers, p.title, p.link "
        "FROM posts p"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY p.date_gmt DESC, p.source, p.post_id DESC LIMIT ?"
    )
    out = []
    for row in db.query(sql, [*args, limit]):
        row["papers"] = json.loads(row["papers"] or '["Other"]')
        out.append(row)
    return out


def recent_titles(db: Database, limit: int = 500) -> list[str]:
    """The newest stored titles: enough to tell which scripts the sites write in."""
    rows = db.execute("SELECT title FROM posts ORDER BY date_gmt DESC LIMIT ?", [limit])
    return [r[0] or "" for r in rows]


def summary(db: Database) -> tuple[int, int, int]:
    """(posts stored, the database's schema version, the version this wp-digest writes)."""
    from digest.store.schema import SCHEMA_VERSION

    (posts,) = db.execute("SELECT count(*) FROM posts").fetchone()
    (version,) = db.execute("PRAGMA user_version").fetchone()
    return int(posts), int(version), SCHEMA_VERSION
