"""What the readers' site reads: which days have posts, and full-text search."""

from __future__ import annotations

import json
import re
from typing import Any

from digest.store.db import Database

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
RECENT = 500  # matches ranked, newest first


def published_since(db: Database, since: str) -> list[tuple[str, int]]:
    """(start of a UTC quarter hour, posts published in it) since `since`: every time
    zone's offset is a whole number of quarter hours, so these buckets fall into local days
    exactly, and there are at most 96 a day however many posts a site publishes."""
    rows = db.execute(
        "SELECT substr(date_gmt, 1, 14) || printf('%02d', "
        "CAST(substr(date_gmt, 15, 2) AS INTEGER) / 15 * 15) || ':00' AS bucket, count(*) "
        "FROM posts WHERE date_gmt >= ? GROUP BY bucket",
        [since],
    )
    return [(r[0], r[1]) for r in rows]


def span(db: Database) -> tuple[str | None, str | None]:
    """The first and last publication times stored (UTC stamps), or (None, None)."""
    first = db.execute("SELECT min(date_gmt) FROM posts").fetchone()[0]
    last = db.execute("SELECT max(date_gmt) FROM posts").fetchone()[0]
    return first, last


def fts_query(text: str) -> str | None:
    """A reader's words as an FTS5 query that cannot be a syntax error: each word quoted,
    all of them required. None when there is no word."""
    words = WORD.findall(text)[:MAX_TERMS]
    return " ".join(f'"{w}"' for w in words) or None


def search(db: Database, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Posts matching every word, best first (bm25; a word in the title counts double)
    among the newest RECENT that match: ranking every match of a common word in 50,000
    posts would take seconds, and for current affairs the recent ones are what is wanted."""
    query = fts_query(text)
    if query is None:
        return []
    rows = db.query(
        "SELECT p.source, p.post_id, p.title, p.link, p.date_gmt, p.papers, p.subjects, "
        "p.content FROM (SELECT rowid, bm25(posts_fts, 2.0, 1.0) AS score FROM posts_fts "
        "WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f "
        "JOIN posts p ON p.rowid = f.rowid ORDER BY f.score LIMIT ?",
        [query, RECENT, limit],
    )
    out = []
    for row in rows:
        row["papers"] = json.loads(row["papers"] or '["Other"]')
        row["subjects"] = json.loads(row["subjects"] or "[]")
        out.append(row)
    return out


def healthy(db: Database) -> bool:
    return db.execute("SELECT 1").fetchone() == (1,)
