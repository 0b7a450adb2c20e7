"""Saving the posts of a page that the store has never seen, in a few statements.

A backfill is thousands of pages of new posts. One query finds which of a page's posts are
already stored (and the last revision of any whose row was deleted by hand); the rest are
written with one `executemany` each for the rows, their first revisions and their words in
the full-text index, instead of five statements a post.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from digest.store.db import Database
from digest.text import words

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
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(
        f"INSERT INTO posts ({names}) VALUES ({marks})",
        [[row.get(c) for c in columns] for row in rows],
    )
    ids = [row["post_id"] for row in rows]
    where = ", ".join("?" for _ in ids)
    rowids = dict(
        db.execute(
            f"SELECT post_id, rowid FROM posts WHERE source = ? AND post_id IN ({where})",
            [source, *ids],
        ).fetchall()
    )
    db.conn.executemany(
        "INSERT INTO posts_fts (rowid, title, body) VALUES (?, ?, ?)",
        [(rowids[r["post_id"]], words(r["title"] or ""), words(r["content"] or "")) for r in rows],
    )
    columns = list(revisions[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(
        f"INSERT INTO post_revisions ({names}) VALUES ({marks})",
        [[rev.get(c) for c in columns] for rev in revisions],
    )


def terms_json(row: dict[str, Any]) -> tuple[dict[str, list[int]], dict[str, str]]:
    """(term lists, the same as JSON for the row) of a crawled post's categories and tags."""
    terms = {key: sorted(row.get(key) or []) for key in ("categories", "tags")}
    return terms, {key: json.dumps(value) for key, value in terms.items()}
