"""What the readers' site reads besides search: which periods have posts, and whether the
database answers."""

from __future__ import annotations

import re

from digest.store.db import Database

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
RECENT = 500  # matches ranked, newest first


def published_since(db: Database, since: str) -> list[tuple[str, int]]:
    """(start of a UTC quarter hour, posts published in it) since `since`: every time
    zone's offset is a whole number of quarter hours, so these buckets fall into local days
    exactly, and there are at most 96 a day however many posts a site publishes."""
    rows = db.execute(
        "SELECT substr(date_gmt, 1, 14) || printf('%02d', "
        "CAST(substr(date_gmt, 15, 2) AS INTEGER) / 15 * 15) || ':00' AS bucket, count(*) "
        "FROM posts WHERE date_gmt >= ? GROUP BY bucket",
        [since],
    )
    return [(r[0], r[1]) for r in rows]


def healthy(db: Database) -> bool:
    return db.execute("SELECT 1").fetchone() == (1,)
