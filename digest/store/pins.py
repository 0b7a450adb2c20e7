"""Operator overrides of the classifier, and finding one stored post for `explain`/`file`."""

from __future__ import annotations

import json
from typing import Any

from digest import clock
from digest.store.db import Database, transaction


def pins(db: Database, source: str) -> dict[int, tuple[list[str], str]]:
    """{post_id: (papers, "by operator at <time>")} for a source's pinned posts."""
    rows = db.execute("SELECT post_id, papers, pinned_at FROM pins WHERE source = ?", [source])
    return {r[0]: (json.loads(r[1]), f"by operator at {r[2]}") for r in rows}


def pin(db: Database, source: str, post_id: int, papers: list[str]) -> None:
    """Pin a post's papers and file the stored row at once, in one transaction."""
    stamp = clock.now_utc()
    with transaction(db):
        db.execute(
            "INSERT INTO pins (source, post_id, papers, pinned_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source, post_id) DO UPDATE SET papers = excluded.papers, "
            "pinned_at = excluded.pinned_at",
            [source, post_id, json.dumps(papers), stamp],
        )
        db.execute(
            "UPDATE posts SET papers = ?, filing = ? WHERE source = ? AND post_id = ?",
            [json.dumps(papers), f"pinned: by operator at {stamp}", source, post_id],
        )


def unpin(db: Database, source: str, post_id: int) -> bool:
    """Drop a pin; the caller refiles the post with the classifier. False: there was none."""
    with transaction(db):
        cursor = db.execute("DELETE FROM pins WHERE source = ? AND post_id = ?", [source, post_id])
    return cursor.rowcount > 0


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
