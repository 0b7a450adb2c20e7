"""What the readers' site reads: which days have posts, and full-text search."""

from __future__ import annotations

import json
import re
from typing import Any

from digest.store.db import Database

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def published_since(db: Database, since: str) -> list[str]:
    """Publication times (UTC) of posts published since `since`, newest first."""
    rows = db.execute(
        "SELECT date_gmt FROM posts WHERE date_gmt >= ? ORDER BY date_gmt DESC", [since]
    )
    return [r[0] for r in rows]


def fts_query(text: str) -> str | None:
    """A reader's words as an FTS5 query that cannot be a syntax error: each word quoted,
    all of them required. None when there is no word."""
    words = WORD.findall(text)[:MAX_TERMS]
    return " ".join(f'"{w}"' for w in words) or None


def search(db: Database, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Posts matching every word, best first (bm25; a word in the title counts double)."""
    query = fts_query(text)
    if query is None:
        return []
    rows = db.query(
        "SELECT p.source, p.post_id, p.title, p.link, p.date_gmt, p.papers, p.subjects, "
        "p.content FROM posts_fts f JOIN posts p ON p.rowid = f.rowid "
        "WHERE posts_fts MATCH ? ORDER BY bm25(posts_fts, 2.0, 1.0) LIMIT ?",
        [query, limit],
    )
    out = []
    for row in rows:
        row["papers"] = json.loads(row["papers"] or '["Other"]')
        row["subjects"] = json.loads(row["subjects"] or "[]")
        out.append(row)
    return out


def healthy(db: Database) -> bool:
    return db.execute("SELECT 1").fetchone() == (1,)
