"""The `runs` table: scheduled jobs done, so "is it due?" is answered from the store."""

from __future__ import annotations

from typing import Any

from digest import clock
from digest.store import crawls
from digest.store.db import Database, insert_row, update_row


def schedule_state(db: Database) -> dict[str, Any]:
    """What the store says has been done: the arguments of schedule.due besides the clock."""
    sent = {(j, s) for j, s in db.execute("SELECT job, scheduled_for FROM runs WHERE finished")}
    retry = db.execute(
        "SELECT min(next_attempt) FROM deliveries WHERE status = 'pending'"
    ).fetchone()[0]
    return {
        "last_crawl": clock.parse_utc(crawls.last_incremental_start(db)),
        "sent_for": sent,
        "next_retry": clock.parse_utc(retry),
    }


def start(db: Database, job: str, scheduled_for: str, started: str) -> int:
    with db.conn:
        return insert_row(
            db, "runs", {"job": job, "scheduled_for": scheduled_for, "started": started}
        )


def finish(db: Database, run_id: int, outcome: str, summary: str) -> None:
    with db.conn:
        update_row(
            db,
            "runs",
            {"id": run_id},
            {"finished": clock.now_utc(), "outcome": outcome, "summary": summary},
        )


def done(db: Database, job: str, scheduled_for: str) -> bool:
    """Whether a run of `job` for this slot finished."""
    row = db.execute(
        "SELECT 1 FROM runs WHERE job = ? AND scheduled_for = ? AND finished IS NOT NULL",
        [job, scheduled_for],
    ).fetchone()
    return row is not None


def abandon(db: Database, run_id: int) -> None:
    """Forget a run that did not get its work done, so the slot is still due."""
    with db.conn:
        db.execute("DELETE FROM runs WHERE id = ?", [run_id])
