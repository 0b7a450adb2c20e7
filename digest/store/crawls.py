"""The `crawls` table: one row per source and crawl, opened running, closed with its outcome."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from digest import clock
from digest.states import Crawl
from digest.store.db import Database, insert_row, update_row


def start(
    db: Database,
    source: str,
    mode: str,
    since: str | None = None,
    until: str | None = None,
) -> int:
    with db.conn:
        return insert_row(
            db,
            "crawls",
            {
                "source": source,
                "mode": mode,
                "range_since": since,
                "range_until": until,
                "started": clock.now_utc(),
                "pid": os.getpid(),
                "outcome": Crawl.RUNNING,
                "requests": 0,
                "pages": 0,
                "new_posts": 0,
                "new_revisions": 0,
            },
        )


def finish(db: Database, crawl_id: int, **fields: Any) -> None:
    with db.conn:
        update_row(db, "crawls", {"id": crawl_id}, {"finished": clock.now_utc(), **fields})


def rows(db: Database, ids: Iterable[int]) -> list[dict[str, Any]]:
    """The crawls rows with these ids, in that order (missing ones left out)."""
    out = []
    for crawl_id in ids:
        found = list(db.query("SELECT * FROM crawls WHERE id = ?", [crawl_id]))
        out += found
    return out


def last_incremental_start(db: Database) -> str | None:
    return db.execute("SELECT max(started) FROM crawls WHERE mode = 'incremental'").fetchone()[0]


def mark_abandoned(db: Database) -> int:
    """Crawls still `running` whose process is gone (killed with the machine, say) become
    `interrupted`, so status tells the truth. Returns how many."""
    dead = []
    for crawl_id, pid in db.execute("SELECT id, pid FROM crawls WHERE outcome = 'running'"):
        try:
            if pid:
                os.kill(pid, 0)
                continue
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # alive, another user's
        dead.append(crawl_id)
    with db.conn:
        for crawl_id in dead:
            update_row(
                db,
                "crawls",
                {"id": crawl_id},
                {"outcome": Crawl.INTERRUPTED, "error": "the crawler process ended without a word"},
            )
    return len(dead)
