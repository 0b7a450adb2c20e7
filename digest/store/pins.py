"""Operator overrides of the classifier: papers pinned to a post (`wp-digest file`)."""

from __future__ import annotations

import json

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
            "UPDATE posts SET papers = ?, filing = ?, items = NULL "
            "WHERE source = ? AND post_id = ?",
            [json.dumps(papers), f"pinned: by operator at {stamp}", source, post_id],
        )


def unpin(db: Database, source: str, post_id: int) -> bool:
    """Drop a pin; the caller refiles the post with the classifier. False: there was none."""
    with transaction(db):
        cursor = db.execute("DELETE FROM pins WHERE source = ? AND post_id = ?", [source, post_id])
    return cursor.rowcount > 0


def item_pins(db: Database, source: str) -> dict[tuple[int, int], tuple[list[str], str]]:
    """{(post_id, item): (papers, "by operator at <time>")} for a source's pinned items."""
    rows = db.execute(
        "SELECT post_id, item, papers, pinned_at FROM item_pins WHERE source = ?", [source]
    )
    return {(r[0], r[1]): (json.loads(r[2]), f"by operator at {r[3]}") for r in rows}


def pin_item(db: Database, source: str, post_id: int, item: int, papers: list[str]) -> None:
    """Pin one item's papers (the caller refiles the post, so the row follows)."""
    with transaction(db):
        db.execute(
            "INSERT INTO item_pins (source, post_id, item, papers, pinned_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, post_id, item) DO UPDATE SET "
            "papers = excluded.papers, pinned_at = excluded.pinned_at",
            [source, post_id, item, json.dumps(papers), clock.now_utc()],
        )


def unpin_item(db: Database, source: str, post_id: int, item: int) -> bool:
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM item_pins WHERE source = ? AND post_id = ? AND item = ?",
            [source, post_id, item],
        )
    return cursor.rowcount > 0
