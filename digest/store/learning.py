"""What the posts sites marked teach the inferred filing (digest.classify.infer): word
counts per paper, kept in the database so they survive restarts and are shared by every
process. A crawl adds the posts it filed by a marker; `reclassify` rebuilds them all.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from digest.classify import infer
from digest.store.db import Database, transaction
from digest.text import text_lines

MARKED = "(filing LIKE 'marker:%' OR filing LIKE 'title:%' OR filing LIKE 'items:%')"


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
             infer.tokens(i["heading"], text_lines(content[i["start"] : i["end"]])))
            for i in items
        ]  # fmt: skip
    return [(papers, infer.tokens(row["title"] or "", text_lines(content)))] if papers else []


def _add(db: Database, rows: list[dict[str, Any]]) -> int:
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for papers, words in _examples(row):
            for paper in papers:
                for word in set(words):  # a word once per post: presence, not repetition
                    counts[(paper, word)] += 1
    db.conn.executemany(
        "INSERT INTO learned_words (paper, word, count) VALUES (?, ?, ?) "
        "ON CONFLICT (paper, word) DO UPDATE SET count = count + excluded.count",
        [(p, w, n) for (p, w), n in counts.items()],
    )
    return len(rows)


def learn_since(db: Database, stamp: str) -> int:
    """Add what the marked posts first stored at or after `stamp` teach (a crawl's new
    posts). Returns how many posts."""
    rows = list(db.query(
        f"SELECT title, content, papers, items FROM posts WHERE first_seen >= ? AND {MARKED}",
        [stamp],
    ))  # fmt: skip
    with transaction(db):
        return _add(db, rows)


def rebuild(db: Database) -> int:
    """Forget and learn again from every marked post (after rules or the grammar changed)."""
    rows = list(db.query(f"SELECT title, content, papers, items FROM posts WHERE {MARKED}"))
    with transaction(db):
        db.execute("DELETE FROM learned_words")
        return _add(db, rows)
