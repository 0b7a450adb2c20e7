"""Mail the readers' site owes: confirmations, queued in the database, sent in the background.

A web request only records what to send (in the transaction that records the sign-up); a
background sender (digest.web.mailer) makes and sends the message, with the mail timeouts,
and retries with backoff. So a slow or hung mail server never holds a request's thread. The
row keeps what kind of mail and to whom, not the message: the link is made when it is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from digest.clock import utc
from digest.states import Queued as State
from digest.store.db import Database, insert_row, transaction

MAX_ATTEMPTS = 6
BACKOFF = timedelta(minutes=1)
KEEP = timedelta(days=7)  # sent and failed rows are dropped after this


@dataclass(frozen=True)
class Queued:
    id: int
    kind: str  # confirm | already
    email: str
    attempts: int


def enqueue(db: Database, kind: str, email: str, now: datetime) -> int:
    """Queue a mail (call inside the caller's transaction, or alone)."""
    row = {"kind": kind, "email": email.lower(), "created": utc(now), "status": State.PENDING,
           "attempts": 0, "next_attempt": utc(now)}  # fmt: skip
    return insert_row(db, "mail_queue", row)


def due(db: Database, now: datetime, limit: int = 20) -> list[Queued]:
    rows = db.execute(
        "SELECT id, kind, email, attempts FROM mail_queue WHERE status = 'pending' "
        "AND next_attempt <= ? ORDER BY next_attempt, id LIMIT ?",
        [utc(now), limit],
    ).fetchall()
    return [Queued(*row) for row in rows]


def sent(db: Database, queued: Queued) -> None:
    with transaction(db):
        db.execute(
            "UPDATE mail_queue SET status = 'sent', attempts = attempts + 1, last_error = NULL "
            "WHERE id = ?",
            [queued.id],
        )


def failed(db: Database, queued: Queued, error: str, now: datetime, *, permanent: bool) -> str:
    """Record a failed try: pending again after a backoff, or failed for good."""
    attempts = queued.attempts + 1
    status = State.FAILED if permanent or attempts >= MAX_ATTEMPTS else State.PENDING
    wait = BACKOFF * 2 ** (attempts - 1)
    with transaction(db):
        db.execute(
            "UPDATE mail_queue SET status = ?, attempts = ?, last_error = ?, next_attempt = ? "
            "WHERE id = ?",
            [status, attempts, error[:500], utc(now + wait), queued.id],
        )
    return status


def purge(db: Database, now: datetime) -> int:
    """Drop rows of mail sent or given up more than KEEP ago."""
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM mail_queue WHERE status != 'pending' AND created < ?", [utc(now - KEEP)]
        )
    return cursor.rowcount


def counts(db: Database) -> dict[str, int]:
    rows = db.execute("SELECT status, count(*) FROM mail_queue GROUP BY status").fetchall()
    return dict(rows)
