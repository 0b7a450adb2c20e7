"""Bounces and complaints in the store: each report recorded once, and what it does to the
reader (digest.mail.bounces reads the reports).

A hard bounce suspends the address at once; soft bounces (a full mailbox) suspend it once
`limit` of them arrive within `days`; a complaint unsubscribes the reader at once. Only an
active reader is moved: a reader who already left stays as they are.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from digest import clock
from digest.states import Reader as ReaderState
from digest.store import subscribers
from digest.store.db import Database, insert_row, transaction


def seen(db: Database, report_id: str) -> bool:
    """Whether this report (by its Message-ID) was recorded already."""
    if not report_id:
        return False
    row = db.execute("SELECT 1 FROM bounce_events WHERE report_id = ? LIMIT 1", [report_id])
    return row.fetchone() is not None


def record(
    db: Database, *, ref: str | None, address: str | None, kind: str, status: str,
    diagnostic: str, report_id: str, limit: int, days: int,
) -> tuple[str | None, str]:  # fmt: skip
    """Record one bounce or complaint and act on it: (the reader's address or None, what
    was done, in words)."""
    reader = subscribers.by_ref(db, ref) if ref else None
    if reader is None and address:
        reader = subscribers.get(db, address)
    if reader is None:
        return None, "no reader of ours: recorded, nothing done"
    now = clock.now()
    stamp = clock.utc(now)
    with transaction(db):
        insert_row(db, "bounce_events", {"subscriber": reader.email, "kind": kind,
                   "status": status, "diagnostic": diagnostic, "report_id": report_id,
                   "at": stamp})  # fmt: skip
    if reader.status != ReaderState.ACTIVE:
        return reader.email, f"already {reader.status}"
    if kind == "complaint":
        subscribers.set_status(db, reader.email, ReaderState.UNSUBSCRIBED, "complained (spam)")
        return reader.email, "unsubscribed"
    if kind == "hard":
        subscribers.set_status(db, reader.email, ReaderState.SUSPENDED,
                               f"bounced: {status} {diagnostic}".strip())  # fmt: skip
        return reader.email, "suspended"
    start = clock.utc(now - timedelta(days=days))
    (count,) = db.execute(
        "SELECT count(*) FROM bounce_events WHERE subscriber = ? AND kind = 'soft' AND at >= ?",
        [reader.email, start],
    ).fetchone()
    if count >= limit:
        subscribers.set_status(db, reader.email, ReaderState.SUSPENDED,
                               f"{count} soft bounces in {days} days")  # fmt: skip
        return reader.email, f"suspended ({count} soft bounces in {days} days)"
    return reader.email, f"soft bounce {count} of {limit} in {days} days"


def counts(db: Database, since: str) -> dict[str, int]:
    """Bounces and complaints recorded since `since`, by kind (for `status`)."""
    rows = db.execute(
        "SELECT kind, count(*) FROM bounce_events WHERE at >= ? GROUP BY kind", [since]
    ).fetchall()
    return dict(rows)


def last_of(db: Database, email: str) -> dict[str, Any] | None:
    """A reader's latest bounce or complaint (for `subscribers list`)."""
    rows = list(db.query("SELECT kind, status, diagnostic, at FROM bounce_events WHERE "
                         "subscriber = ? ORDER BY id DESC LIMIT 1", [email.lower()]))  # fmt: skip
    return rows[0] if rows else None
