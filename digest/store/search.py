"""Full-text search over posts' plain words: the index, its queue, the indexer thread
that fills it beside a crawl, and the readers' queries.

New posts queue in `fts_pending` (digest.store.newposts) and are indexed in batches: by the
`Indexer` thread in the process that started the crawl (right after each of the crawler's
commits), or by `flush_index` when a crawl ends. An edited post is indexed at once.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from digest.store.db import Database, connect, transaction
from digest.text import words

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
RECENT = 500  # matches ranked, newest first


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


class Indexer(threading.Thread):
    """While the crawler runs, put the posts it saved into the full-text index, a page's
    worth at a time, in this (otherwise idle) process: a backfill's index is then mostly
    built when the crawl ends, instead of after it (bench/RESULTS.md, P2). The queue is in
    the database, so whatever this misses (it stops at its first error) the crawler's own
    last step or the next crawl indexes."""

    def __init__(self, database: Any):
        super().__init__(name="wp-digest-indexer", daemon=True)
        self.database = database
        self.done = threading.Event()

    def run(self) -> None:
        try:
            db = connect(self.database)
        except Exception:  # noqa: BLE001 - the crawler says why the database is unusable
            return
        try:
            seen, quiet = None, 0
            while not self.done.is_set():
                # Index right after each of the crawler's commits: it then reads its next
                # page, and taking the write lock now rarely makes it wait for us.
                version = data_version(db)
                if version != seen:
                    seen, quiet = version, 0
                    while index_some(db) and not self.done.is_set():
                        pass
                quiet += 1
                self.done.wait(0.005 if quiet < 200 else 0.1)  # a second without commits: slower
        except Exception:  # noqa: BLE001 - left queued: indexed by the crawler's end
            return
        finally:
            db.close()

    def stop(self) -> None:
        self.done.set()
        self.join()


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
        "SELECT p.source, p.post_id, p.revision, p.title, p.link, p.date_gmt, p.papers, "
        "p.subjects, p.content, p.items FROM (SELECT rowid, bm25(posts_fts, 2.0, 1.0) AS score "
        "FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f "
        "JOIN posts p ON p.rowid = f.rowid ORDER BY f.score LIMIT ?",
        [query, RECENT, limit],
    )
    out = []
    for row in rows:
        row["papers"] = json.loads(row["papers"] or '["Other"]')
        row["subjects"] = json.loads(row["subjects"] or "[]")
        row["items"] = json.loads(row["items"] or "[]")
        out.append(row)
    return out
