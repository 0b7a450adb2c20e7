"""Read-side queries over the store for digests: what was published or revised when.

Kept apart from the writes (store.posts) so rendering and mailing read one shape of row.
"""

from __future__ import annotations

import json
from typing import Any

from digest.store.db import Database
from digest.store.rows import DigestRow

COLUMNS = (
    "p.source, p.post_id, p.revision, p.title, p.link, p.date_gmt, p.modified_gmt, "
    "p.excerpt, p.content, p.papers, p.subjects, p.categories, p.items, "
    "(SELECT json_group_object(u.item, u.story) FROM story_units u "
    "WHERE u.source = p.source AND u.post_id = p.post_id) AS stories"
)


def _rows(db: Database, sql: str, params: list[Any]) -> list[DigestRow]:
    return [DigestRow.of(dict(row)) for row in db.query(sql, params)]


def post_rows(db: Database, source: str, post_id: int) -> list[DigestRow]:
    return _rows(
        db, f"SELECT {COLUMNS} FROM posts p WHERE p.source = ? AND p.post_id = ?", [source, post_id]
    )


def changes(db: Database, source: str, post_id: int, revision: int) -> tuple[str, ...]:
    """What a revision changed compared with the one before it: title, content, excerpt."""
    rows = db.execute(
        "SELECT revision, title, content, excerpt FROM post_revisions "
        "WHERE source = ? AND post_id = ? AND revision IN (?, ?) ORDER BY revision",
        [source, post_id, revision - 1, revision],
    ).fetchall()
    if len(rows) != 2:
        return ()
    (_, t0, c0, e0), (_, t1, c1, e1) = rows
    names = [("title", t0, t1), ("content", c0, c1), ("excerpt", e0, e1)]
    return tuple(name for name, a, b in names if a != b)


def revision_text(
    db: Database, source: str, post_id: int, revision: int
) -> tuple[str, str, tuple[str, ...] | None] | None:
    """(title, content, papers filed under then: None if not kept) of one stored revision,
    or None."""
    row = db.execute(
        "SELECT title, content, papers FROM post_revisions WHERE source = ? AND post_id = ? "
        "AND revision = ?",
        [source, post_id, revision],
    ).fetchone()
    if not row:
        return None
    return row[0] or "", row[1] or "", tuple(json.loads(row[2])) if row[2] else None


def revisions_of(db: Database, source: str, post_id: int) -> list[tuple[int, str, str]]:
    """(revision, modified_gmt, title) of every stored revision of a post, oldest first."""
    rows = db.execute(
        "SELECT revision, modified_gmt, title FROM post_revisions WHERE source = ? "
        "AND post_id = ? ORDER BY revision",
        [source, post_id],
    )
    return [(r[0], r[1] or "", r[2] or "") for r in rows]


def mark_updated(db: Database, row: DigestRow, first_revision: int) -> DigestRow:
    """The row marked "Updated" when the reader's first unseen revision is not the first,
    with what its latest revision changed."""
    if first_revision <= 1:
        return row.marked(False)
    return row.marked(True, changes(db, row.source, row.post_id, row.revision))


def published_in(
    db: Database, start: str, end: str, sources: list[str] | None = None
) -> list[DigestRow]:
    """Posts first published in [start, end), each in its latest revision (monthly books)."""
    where_src = ""
    if sources:
        where_src = f" AND p.source IN ({', '.join('?' for _ in sources)})"
    return _rows(
        db,
        f"SELECT {COLUMNS} FROM posts p WHERE p.date_gmt >= ? AND p.date_gmt < ?{where_src}",
        [start, end, *(sources or [])],
    )


def period_posts(
    db: Database, start: str, end: str, sources: list[str] | None = None
) -> list[DigestRow]:
    """Posts first published in [start, end), and posts revised in it (marked updated).

    Times are UTC. A revision belongs to the period in which the site modified the post.
    A post published in the period counts as new even if it was also revised in it.
    """
    where_src = ""
    params_src: list[Any] = []
    if sources:
        where_src = f" AND p.source IN ({', '.join('?' for _ in sources)})"
        params_src = list(sources)
    new = _rows(
        db,
        f"SELECT {COLUMNS} FROM posts p WHERE p.date_gmt >= ? AND p.date_gmt < ?{where_src}",
        [start, end, *params_src],
    )
    revised = db.query(
        f"SELECT {COLUMNS}, max(r.revision) AS changed_revision FROM posts p "
        "JOIN post_revisions r ON r.source = p.source AND r.post_id = p.post_id "
        "WHERE r.revision > 1 AND r.modified_gmt >= ? AND r.modified_gmt < ? "
        f"AND p.date_gmt < ?{where_src} GROUP BY p.source, p.post_id",
        [start, end, start, *params_src],
    )
    return new + [
        DigestRow.of(row).marked(True, changes(db, row["source"], row["post_id"],
                                               row["changed_revision"]))
        for row in revised
    ]  # fmt: skip


def first_and_last_published(db: Database) -> tuple[str | None, str | None]:
    """The oldest and newest publication times stored (UTC)."""
    first, last = db.execute("SELECT min(date_gmt), max(date_gmt) FROM posts").fetchone()
    return first, last


def find_post(db: Database, ref: str) -> dict[str, Any] | None:
    """A stored post by `SOURCE:ID` or by its link (the site's URL of the post)."""
    if "://" in ref:
        sql = "SELECT * FROM posts WHERE link = ? OR link = ?"
        args: list[Any] = [ref, ref.rstrip("/") + "/"]
    else:
        source, _, post_id = ref.rpartition(":")
        # WordPress IDs fit in 53 bits: anything longer is no stored post (and would not fit
        # SQLite's integer, or Python's digit limit for int()).
        if not source or not (post_id.isascii() and post_id.isdigit() and len(post_id) <= 16):
            return None
        sql = "SELECT * FROM posts WHERE source = ? AND post_id = ?"
        args = [source, int(post_id)]
    rows = list(db.query(sql + " LIMIT 1", args))
    if not rows:
        return None
    row = rows[0]
    for key in ("categories", "tags", "papers", "subjects"):
        row[key] = json.loads(row[key] or "[]")
    return row
