"""The delivery ledger: the single source of truth for what each subscriber has been sent.

A delivery covers post revisions (source, post_id, revision). A revision counts as taken
care of for a subscriber once a delivery holding it is `sent` or still `pending` (being
retried); a `failed` delivery releases its revisions to the next digest. A new subscriber
starts with the period before the one they joined in (digest.mail.deliver), not the
whole history.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from digest.changes import cosmetic, sentence_diff
from digest.clock import now_utc, shift, utc
from digest.states import Delivery as State
from digest.store import queries
from digest.store.db import Database, insert_row, transaction
from digest.store.rows import Delivery, DigestRow
from digest.text import plain

MAX_ATTEMPTS = 8
BACKOFF = timedelta(minutes=5)
BACKOFF_CAP = timedelta(hours=6)
REACH_MARGIN = 3600  # seconds (see due_posts)
# What one send works out once for all its readers: a post's row by (source, post_id); a
# post as readers who received a revision get it, by (source, post_id, first unseen one).
Cache = dict[tuple[Any, ...], DigestRow | None]


def has_deliveries(db: Database, subscriber: str) -> bool:
    """Whether anything was ever made for this reader (a new reader's empty first digest is
    worth a note)."""
    row = db.execute("SELECT 1 FROM deliveries WHERE subscriber = ? LIMIT 1", [subscriber])
    return row.fetchone() is not None


_EVENT = "CASE WHEN r.revision = 1 THEN p.date_gmt ELSE r.modified_gmt END"
# From the subscriber's own deliveries (index on subscriber) to their items (the primary
# key), never from a revision's items across every subscriber: CROSS JOIN fixes SQLite's
# loop order, so the cost per message does not grow with the number of subscribers.
_TAKEN = (
    "SELECT 1 FROM deliveries d CROSS JOIN delivery_items i ON i.delivery_id = d.id "
    "AND i.source = r.source AND i.post_id = r.post_id AND i.revision = r.revision "
    "WHERE d.subscriber = :sub AND d.status IN ('sent', 'pending')"
)


def reach(db: Database, subscriber: str) -> tuple[str, str] | None:
    """How far a reader's digests have reached: (the end of the period their latest sent or
    pending digest covers, when that digest was made). Everything with an event before the
    first that the crawler had seen by the second was considered then: sent, or left out
    by the reader's papers. None before their first digest (or for digests made before
    wp-digest kept the period's end)."""
    row = db.execute(
        "SELECT cutoff, created FROM deliveries WHERE subscriber = ? "
        "AND status IN ('sent', 'pending') AND cutoff IS NOT NULL "
        "ORDER BY cutoff DESC, created DESC LIMIT 1",
        [subscriber],
    ).fetchone()
    return (row[0], row[1]) if row else None


def due_posts(
    db: Database,
    subscriber: str,
    since: tuple[str, str],
    cutoff: str,
    papers: tuple[str, ...] = (),
    cache: Cache | None = None,
) -> tuple[list[DigestRow], list[tuple[str, int, int]]]:
    """Posts with a revision not yet taken care of whose event is before `cutoff`.

    The event of revision 1 is the publication date; of a later revision, its modification
    date. Only events since the subscription started count, or revisions the crawler first
    saw after the subscriber joined (so a back-dated post is not lost). Returns digest rows
    (marked for this reader) and every uncovered revision of those posts.

    Only what is new since the reader's last digest is looked at (`reach`), through
    indexes: the cost per reader does not grow with the years of posts stored.
    """
    started, created = since
    reached = reach(db, subscriber)
    if reached:
        # An hour's margin on "seen by then": a crawl may have stamped a revision just
        # before that digest was made and committed it just after (it was not visible yet).
        started, created = max(started, reached[0]), max(created, shift(reached[1], -REACH_MARGIN))
    params = {"sub": subscriber, "since": started, "created": created, "cutoff": cutoff}
    # The candidates, each through its own index: posts published since then, revisions
    # made since then, revisions first seen since then. Then the exact test on those.
    found = db.execute(
        "WITH candidates (source, post_id) AS ("
        "SELECT source, post_id FROM posts WHERE date_gmt >= :since AND date_gmt < :cutoff "
        "UNION SELECT source, post_id FROM post_revisions INDEXED BY post_revisions_modified "
        "WHERE modified_gmt >= :since AND modified_gmt < :cutoff AND revision > 1 "
        "UNION SELECT source, post_id FROM post_revisions WHERE seen_at > :created), "
        f"due AS (SELECT DISTINCT r.source, r.post_id FROM candidates c "
        f"JOIN post_revisions r ON r.source = c.source AND r.post_id = c.post_id "
        f"JOIN posts p ON p.source = r.source AND p.post_id = r.post_id "
        f"WHERE {_EVENT} < :cutoff AND ({_EVENT} >= :since OR r.seen_at > :created) "
        f"AND NOT EXISTS ({_TAKEN})) "
        f"SELECT r.source, r.post_id, r.revision FROM due JOIN post_revisions r "
        f"ON r.source = due.source AND r.post_id = due.post_id WHERE NOT EXISTS ({_TAKEN}) "
        f"ORDER BY r.source, r.post_id, r.revision",
        params,
    ).fetchall()
    open_revisions: dict[tuple[str, int], list[int]] = {}
    for source, post_id, revision in found:
        open_revisions.setdefault((source, post_id), []).append(revision)
    rows: list[DigestRow] = []
    items: list[tuple[str, int, int]] = []
    for (source, post_id), revisions in open_revisions.items():
        row = _post_row(db, source, post_id, cache)
        if papers and not set(row.papers) & set(papers):
            continue
        marked = _marked(db, row, revisions[0], cache)
        if marked is None:
            continue  # whitespace, a link's tracking, an image: stored, not sent
        rows.append(marked)
        items += [(source, post_id, rev) for rev in revisions]
    return rows, items


def _marked(db: Database, row: DigestRow, first_open: int, cache: Cache | None) -> DigestRow | None:
    """The row as this reader gets it: new, or an update to revision `first_open - 1` (the
    version they received) saying what changed since; None for a cosmetic edit. The same for
    every reader who received that version: with `cache`, worked out once per send."""
    key = (row.source, row.post_id, first_open)
    if cache is not None and key in cache:
        return cache[key]
    marked: DigestRow | None = row
    received = queries.revision_text(db, row.source, row.post_id, first_open - 1) if (
        first_open > 1) else None  # fmt: skip
    if received:
        refiled = received[2] is not None and received[2] != row.papers
        if cosmetic(received[:2], (row.title, row.content)) and not refiled:
            marked = None
        else:
            title = received[0] if plain(received[0]) != plain(row.title) else ""
            marked = replace(row, diff=sentence_diff(received[1], row.content), old_title=title,
                             old_papers=(received[2] or ()) if refiled else ())  # fmt: skip
    if marked is not None:
        marked = queries.mark_updated(db, marked, first_open)
    if cache is not None:
        cache[key] = marked
    return marked


def _post_row(db: Database, source: str, post_id: int, cache: Cache | None) -> DigestRow:
    """A post's digest row; with `cache`, read once per send however many readers get it
    (rows are frozen: marking one for a reader makes a new one)."""
    key = (source, post_id)
    row = cache.get(key) if cache is not None else None
    if row is None:
        row = queries.post_rows(db, source, post_id)[0]
        if cache is not None:
            cache[key] = row
    return row


def get(db: Database, delivery_id: int) -> Delivery:
    return Delivery.of(next(iter(db.query("SELECT * FROM deliveries WHERE id = ?", [delivery_id]))))


def delivery(db: Database, subscriber: str, label: str) -> Delivery | None:
    rows = list(
        db.query("SELECT * FROM deliveries WHERE subscriber = ? AND label = ?", [subscriber, label])
    )
    return Delivery.of(rows[0]) if rows else None


def pending(db: Database, subscriber: str) -> list[Delivery]:
    rows = db.query(
        "SELECT * FROM deliveries WHERE subscriber = ? AND status = 'pending' ORDER BY id",
        [subscriber],
    )
    return [Delivery.of(row) for row in rows]


def items_of(db: Database, delivery_id: int) -> list[tuple[str, int, int]]:
    rows = db.execute(
        "SELECT source, post_id, revision FROM delivery_items WHERE delivery_id = ?",
        [delivery_id],
    )
    return [tuple(r) for r in rows]


def create(
    db: Database,
    *,
    subscriber: str,
    period: str,
    label: str,
    items: list[tuple[str, int, int]],
    posts: int,
    message_id: str,
    cutoff: str | None = None,
) -> int:
    """Record a delivery as pending, with its Message-ID, before anything is sent; `cutoff`
    is the end of the period it covers (UTC), how far it reaches (see `reach`)."""
    with transaction(db):
        delivery_id = insert_row(
            db,
            "deliveries",
            {
                "subscriber": subscriber,
                "period": period,
                "label": label,
                "status": State.PENDING,
                "attempts": 0,
                "message_id": message_id,
                "posts": posts,
                "created": now_utc(),
                "cutoff": cutoff,
            },
        )
        db.conn.executemany(
            "INSERT INTO delivery_items (delivery_id, source, post_id, revision) "
            "VALUES (?, ?, ?, ?)",
            [(delivery_id, s, p, r) for s, p, r in items],
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
    attempts = get(db, delivery_id).attempts + 1
    status = State.FAILED if permanent or attempts >= MAX_ATTEMPTS else State.PENDING
    wait = min(BACKOFF * 2 ** (attempts - 1), BACKOFF_CAP)
    next_attempt = utc(now + wait) if status == State.PENDING else None
    with transaction(db):
        db.execute(
            "UPDATE deliveries SET status = ?, attempts = ?, last_error = ?, next_attempt = ? "
            "WHERE id = ?",
            [status, attempts, error, next_attempt, delivery_id],
        )
    return status


def troubled(db: Database, limit: int) -> list[str]:
    """Readers whose latest digest is pending or failed (at most `limit`), newest first."""
    rows = db.execute(
        "SELECT d.subscriber FROM deliveries d WHERE d.status != 'sent' AND d.id = "
        "(SELECT max(id) FROM deliveries WHERE subscriber = d.subscriber) "
        "ORDER BY d.id DESC LIMIT ?",
        [limit],
    )
    return [r[0] for r in rows]


def last_sent(db: Database) -> list[dict[str, Any]]:
    """The latest digests sent, by label: how many readers got each, and when the last."""
    rows = db.query(
        "SELECT label, count(*) AS readers, max(sent_at) AS sent_at FROM deliveries "
        "WHERE status = 'sent' GROUP BY label ORDER BY max(sent_at) DESC LIMIT 3"
    )
    return list(rows)


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
                "pending": [w for w in waiting if w["status"] == State.PENDING],
                "failed": [w for w in waiting if w["status"] == State.FAILED],
                "last_error": errors[0] if errors else None,
            }
        )
    return json.loads(json.dumps(out))
