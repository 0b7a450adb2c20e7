"""What the posts sites marked teach the inferred filing (digest.classify.infer): word
counts per paper, kept in the database so they survive restarts and are shared by every
process. A crawl adds the posts it filed by a marker; `reclassify` rebuilds them all.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from digest.classify import infer
from digest.store.db import Database, transaction
from digest.text import text_lines

MARKED = "(filing LIKE 'marker:%' OR filing LIKE 'title:%' OR filing LIKE 'items:%')"
READ = 2000  # characters of a post (or an item) it learns from: its most topical words


def load(db: Database) -> infer.Model:
    """The model with what the database has learned."""
    learned: dict[str, dict[str, float]] = defaultdict(dict)
    for paper, word, count in db.execute("SELECT paper, word, count FROM learned_words"):
        learned[paper][word] = count
    return infer.Model(learned)


def _examples(row: dict[str, Any]) -> list[tuple[tuple[str, ...], list[str]]]:
    """(papers, words) a marked post teaches: each item on its own, else the whole post."""
    papers = tuple(p for p in json.loads(row["papers"] or "[]") if p in infer.PAPERS)
    content = row["content"] or ""
    items = json.loads(row["items"] or "[]")
    if items:
        return [
            (tuple(p for p in i["papers"] if p in infer.PAPERS),
             infer.tokens(i["heading"], text_lines(content[i["start"] : i["end"]][:READ])))
            for i in items
        ]  # fmt: skip
    if not papers:
        return []
    return [(papers, infer.tokens(row["title"] or "", text_lines(content[:READ])))]


def _count(rows: Iterable[dict[str, Any]]) -> tuple[Counter[tuple[str, str]], int]:
    """What `rows` (read one at a time: memory stays flat) teach, and how many there were.
    Done before the write lock is taken: tokenising is the slow part."""
    counts: Counter[tuple[str, str]] = Counter()
    seen = 0
    for row in rows:
        seen += 1
        for papers, words in _examples(row):
            for paper in papers:
                for word in set(words):  # a word once per post: presence, not repetition
                    counts[(paper, word)] += 1
    return counts, seen


def _write(db: Database, counts: Counter[tuple[str, str]]) -> None:
    db.conn.executemany(
        "INSERT INTO learned_words (paper, word, count) VALUES (?, ?, ?) "
        "ON CONFLICT (paper, word) DO UPDATE SET count = count + excluded.count",
        [(p, w, n) for (p, w), n in counts.items()],
    )


def learn_since(db: Database, stamp: str) -> int:
    """Add what the marked posts first stored at or after `stamp` teach (a crawl's new
    posts). Returns how many posts."""
    columns = "title, content, papers, items"
    counts, seen = _count(
        db.query(f"SELECT {columns} FROM posts WHERE first_seen >= ? AND {MARKED}", [stamp])
    )
    with transaction(db):
        _write(db, counts)
    return seen


def rebuild(db: Database) -> int:
    """Forget and learn again from every marked post (after rules or the grammar changed)."""
    counts, seen = _count(
        db.query(f"SELECT title, content, papers, items FROM posts WHERE {MARKED}")
    )
    with transaction(db):
        db.execute("DELETE FROM learned_words")
        _write(db, counts)
    return seen
