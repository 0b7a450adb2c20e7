"""Saving the posts of a page that the store has never seen, in a few statements.

A backfill is thousands of pages of new posts. One query finds which of a page's posts are
already stored (or have a revision history, their row deleted by hand); the rest are written
with one `executemany` each for the rows and their first revisions, and one statement that
queues them for the full-text index, instead of five statements a post.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from digest.store.db import Database, insert_rows

Prepare = Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]


def known(db: Database, source: str, ids: list[int]) -> set[int]:
    """Which of these post IDs have a row, or a revision history, already."""
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(
        f"SELECT post_id FROM posts WHERE source = ? AND post_id IN ({marks}) UNION "
        f"SELECT post_id FROM post_revisions WHERE source = ? AND post_id IN ({marks})",
        [source, *ids, source, *ids],
    )
    return {r[0] for r in rows}


def insert(
    db: Database, source: str, rows: list[dict[str, Any]], revisions: list[dict[str, Any]]
) -> None:
    """Write new posts' rows, first revisions and index entries (all of one page)."""
    if not rows:
        return
    insert_rows(db, "posts", rows)
    ids = [row["post_id"] for row in rows]
    where = ", ".join("?" for _ in ids)
    db.execute(  # indexed beside the crawl, or when it ends (flush_index)
        f"INSERT OR IGNORE INTO fts_pending (rowid) SELECT rowid FROM posts "
        f"WHERE source = ? AND post_id IN ({where})",
        [source, *ids],
    )
    insert_rows(db, "post_revisions", revisions)


def terms_json(row: dict[str, Any]) -> tuple[dict[str, list[int]], dict[str, str]]:
    """(term lists, the same as JSON for the row) of a crawled post's categories and tags."""
    terms = {key: sorted(row.get(key) or []) for key in ("categories", "tags")}
    return terms, {key: json.dumps(value) for key, value in terms.items()}
