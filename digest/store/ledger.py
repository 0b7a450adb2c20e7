"""The delivery ledger: the single source of truth for what each subscriber has been sent.

A delivery covers post revisions (source, post_id, revision). A revision counts as taken
care of for a subscriber once a delivery holding it is `sent` or still `pending` (being
retried); a `failed` delivery releases its revisions to the next digest. A new subscriber
starts with the period before the one they were first seen in, not the whole history.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from digest.clock import now_utc, utc
from digest.store import queries
from digest.store.db import Database, transaction

MAX_ATTEMPTS = 8
BACKOFF = timedelta(minutes=5)
BACKOFF_CAP = timedelta(hours=6)


def subscription(
    db: Database, email: str, period: str, start: str, *, record: bool = True
) -> tuple[tuple[str, str], bool]:
    """((started, created), new) of a subscriber, recorded the first time they are seen
    (`new`: this is that time).

    `started` is the start of the period before the one they joined in: their first digest
    covers that period, not the whole history. `created` is when they joined: anything the
    crawler first sees after it is theirs, whatever date the site put on it (back-dated posts).
    """
    row = db.execute(
        "SELECT started, created FROM subscriptions WHERE email = ?", [email]
    ).fetchone()
    if row:
        return (row[0], row[1]), False
    created = now_utc()
    if record:
        with transaction(db):
            db["subscriptions"].insert(
                {"email": email, "period": period, "started": start, "created": created}
            )
    return (start, created), True


_EVENT = "CASE WHEN r.revision = 1 THEN p.date_gmt ELSE r.modified_gmt END"
# From the subscriber's own deliveries (index on subscriber) to their items (the primary
# key), never from a revision's items across every subscriber: CROSS JOIN fixes SQLite's
# loop order, so the cost per message does not grow with the number of subscribers.
_TAKEN = (
    "SELECT 1 FROM deliveries d CROSS JOIN delivery_items i ON i.delivery_id = d.id "
    "AND i.source = r.source AND i.post_id = r.post_id AND i.revision = r.revision "
    "WHERE d.subscriber = :sub AND d.status IN ('sent', 'pending')"
)


def due_posts(
    db: Database,
    subscriber: str,
    since: tuple[str, str],
    cutoff: str,
    papers: tuple[str, ...] = (),
) -> tuple[list[dict[str, Any]], list[tuple[str, int, int]]]:
    """Posts with a revision not yet taken care of whose event is before `cutoff`.

    The event of revision 1 is the publication date; of a later revision, its modification
    date. Only events since the subscription started count, or revisions the crawler first
    saw after the subscriber joined (so a back-dated post is not lost). Returns digest rows
    (as digest.queries) and every uncovered revision of those posts.
    """
    started, created = since
    params = {"sub": subscriber, "since": started, "created": created, "cutoff": cutoff}
    due = db.execute(
        f"SELECT DISTINCT r.source, r.post_id FROM post_revisions r JOIN posts p "
        f"ON p.source = r.source AND p.post_id = r.post_id "
        f"WHERE {_EVENT} < :cutoff AND ({_EVENT} >= :since OR r.seen_at > :created) "
        f"AND NOT EXISTS ({_TAKEN})",
        params,
    ).fetchall()
    rows: list[dict[str, Any]] = []
    items: list[tuple[str, int, int]] = []
    for source, post_id in due:
        [row] = queries.post_rows(db, source, post_id)
        if papers and not set(row["papers"]) & set(papers):
            continue
        open_revisions = [
            r[0]
            for r in db.execute(
                f"SELECT r.revision FROM post_revisions r WHERE r.source = :source AND "
                f"r.post_id = :post_id AND NOT EXISTS ({_TAKEN}) ORDER BY r.revision",
                {**params, "source": source, "post_id": post_id},
            )
        ]
        queries.mark_updated(db, row, open_revisions[0])
        rows.append(row)
        items += [(source, post_id, rev) for rev in open_revisions]
    return rows, items


def get(db: Database, delivery_id: int) -> dict[str, Any]:
    return dict(db["deliveries"].get(delivery_id))


def delivery(db: Database, subscriber: str, label: str) -> dict[str, Any] | None:
    rows = list(
        db.query("SELECT * FROM deliveries WHERE subscriber = ? AND label = ?", [subscriber, label])
    )
    return rows[0] if rows else None


def pending(db: Database, subscriber: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM deliveries WHERE subscriber = ? AND status = 'pending' ORDER BY id",
            [subscriber],
        )
    )


def items_of(db: Database, delivery_id: int) -> list[tuple[str, int, int]]:
    rows = db.execute(
        "SELECT source, post_id, revision FROM delivery_items WHERE delivery_id = ?",
        [delivery_id],
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def create(
    db: Database,
    *,
    subscriber: str,
    period: str,
    label: str,
    items: list[tuple[str, int, int]],
    posts: int,
    message_id: str,
) -> int:
    """Record a delivery as pending, with its Message-ID, before anything is sent."""
    with transaction(db):
        table = db["deliveries"]
        table.insert(
            {
                "subscriber": subscriber,
                "period": period,
                "label": label,
                "status": "pending",
                "attempts": 0,
                "message_id": message_id,
                "posts": posts,
                "created": now_utc(),
            }
        )
        delivery_id = int(table.last_rowid)
        db["delivery_items"].insert_all(
            [
                {"delivery_id": delivery_id, "source": s, "post_id": p, "revision": r}
                for s, p, r in items
            ]
        )
    return delivery_id


def mark_sent(db: Database, delivery_id: int, now: datetime) -> None:
    with transaction(db):
        db.execute(
            "UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
            "last_error = NULL, next_attempt = NULL WHERE id = ?",
            [utc(now), delivery_id],
        )


def mark_failed(
    db: Database, delivery_id: int, error: str, now: datetime, *, permanent: bool
) -> str:
    """Record a failed attempt; returns the new status (pending to retry, or failed)."""
    row = db["deliveries"].get(delivery_id)
    attempts = row["attempts"] + 1
    status = "failed" if permanent or attempts >= MAX_ATTEMPTS else "pending"
    wait = min(BACKOFF * 2 ** (attempts - 1), BACKOFF_CAP)
    next_attempt = utc(now + wait) if status == "pending" else None
    with transaction(db):
        db["deliveries"].update(
            delivery_id,
            {
                "status": status,
                "attempts": attempts,
                "last_error": error,
                "next_attempt": next_attempt,
            },
        )
    return status


def report(db: Database, emails: list[str]) -> list[dict[str, Any]]:
    """Per subscriber: the last digest sent, what is pending, the last error."""
    out = []
    for email in emails:
        last = list(
            db.query(
                "SELECT label, sent_at, posts, message_id FROM deliveries "
                "WHERE subscriber = ? AND status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1",
                [email],
            )
        )
        waiting = list(
            db.query(
                "SELECT label, status, attempts, last_error, next_attempt, posts FROM deliveries "
                "WHERE subscriber = ? AND status IN ('pending', 'failed') ORDER BY id DESC "
                "LIMIT 5",
                [email],
            )
        )
        errors = [w["last_error"] for w in waiting if w["last_error"]]
        out.append(
            {
                "subscriber": email,
                "last_sent": last[0] if last else None,
                "pending": [w for w in waiting if w["status"] == "pending"],
                "failed": [w for w in waiting if w["status"] == "failed"],
                "last_error": errors[0] if errors else None,
            }
        )
    return json.loads(json.dumps(out))
