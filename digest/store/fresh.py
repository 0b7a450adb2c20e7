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

from digest.store.db import Database, insert_rows, transaction
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


def flush_index(db: Database) -> int:
    """Index every post waiting in `fts_pending`; returns how many. Every crawl ends with it
    (and starts with it, after one that was killed), so the index is complete and current
    whenever no crawl is running."""
    count = 0
    while prepared := read_words(db, 1000):  # each batch leaves the queue: this ends
        count += write_words(db, prepared)
    return count


def data_version(db: Database) -> int:
    """A number that changes whenever another connection commits to the database."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def index_some(db: Database, limit: int = 100) -> int:
    """Index up to `limit` queued posts; returns how many. Their words are read and split
    before the write lock is taken, so a process beside a crawl can do it on another core
    while holding the lock only for the short insert."""
    return write_words(db, read_words(db, limit))


Words = dict[int, tuple[int, str, str]]


def read_words(db: Database, limit: int) -> Words:
    """The words of up to `limit` queued posts, by rowid (a read: no lock taken)."""
    rows = db.execute(
        "SELECT f.rowid, p.title, p.content FROM fts_pending f JOIN posts p ON p.rowid = f.rowid "
        "LIMIT ?",
        [limit],
    ).fetchall()
    return {
        rowid: (rowid, words(title or ""), words(content or "")) for rowid, title, content in rows
    }


def write_words(db: Database, prepared: Words) -> int:
    """Put words read by `read_words` in the index, for the posts still queued: a post whose
    text changed since has left the queue (its new words went in with the change)."""
    if not prepared:
        return 0
    marks = ", ".join("?" for _ in prepared)
    with transaction(db):
        ids = list(prepared)
        pending = db.execute(f"SELECT rowid FROM fts_pending WHERE rowid IN ({marks})", ids)
        still = [r[0] for r in pending.fetchall()]
        db.execute(f"DELETE FROM fts_pending WHERE rowid IN ({marks})", ids)
        db.conn.executemany(
            "INSERT INTO posts_fts (rowid, title, body) VALUES (?, ?, ?)",
            [prepared[rowid] for rowid in still],
        )
    return len(still)


def index(db: Database, rowid: int, title: str | None, content: str | None) -> None:
    """Put a post's words in the full-text index now (plain text: no tag names); a post
    queued for the end of the crawl leaves the queue (the caller removed its old words)."""
    db.execute("DELETE FROM fts_pending WHERE rowid = ?", [rowid])
    db.execute(
        "INSERT INTO posts_fts (rowid, title, body) VALUES (?, ?, ?)",
        [rowid, words(title or ""), words(content or "")],
    )
