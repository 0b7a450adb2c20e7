"""Sign-ups on the readers' site: pending requests and their confirmation, the rate limits
they are held to, and what expires.

A confirmation link names the time its sign-up was asked for (`requested`): it confirms
that request only, once. Rate-limit events and never-confirmed sign-ups are kept only as
long as they matter (`expire`, from the site's background sender).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from digest.clock import now_utc, utc
from digest.states import Reader as ReaderState
from digest.store import mailq
from digest.store.db import Database, transaction
from digest.store.subscribers import new_ref


def rate_hit(db: Database, key: str, limit: int, window: timedelta, now: datetime) -> bool:
    """Record an event under `key`; False when `limit` events already happened in `window`
    (and then nothing is recorded). Old events are dropped as we go."""
    since = utc(now - window)
    with transaction(db):
        db.execute("DELETE FROM rate_events WHERE key = ? AND at < ?", [key, since])
        seen = db.execute(
            "SELECT count(*) FROM rate_events WHERE key = ? AND at >= ?", [key, since]
        ).fetchone()[0]
        if seen >= limit:
            return False
        db.execute("INSERT INTO rate_events (key, at) VALUES (?, ?)", [key, utc(now)])
    return True


def request(db: Database, email: str, period: str, papers: Iterable[str], now: datetime) -> str:
    """A sign-up on the site, with the mail it owes queued in the same transaction: "confirm"
    (a pending request, stamped, whose link confirms only it) or "already" (an active
    reader is not changed by a stranger: they are sent their own link instead)."""
    email, stamp = email.lower(), utc(now)
    # When, and which: two sign-ups in one second are still two requests, with two links.
    asked = f"{stamp}.{secrets.token_hex(4)}"
    with transaction(db):
        row = db.execute("SELECT status FROM subscribers WHERE email = ?", [email]).fetchone()
        if row is not None and row[0] == ReaderState.ACTIVE:
            kind = "already"
        elif row is None:
            db.execute(
                "INSERT INTO subscribers (email, ref, status, period, papers, origin, created, "
                "requested, failures) VALUES (?, ?, 'pending', ?, ?, 'web', ?, ?, 0)",
                [email, new_ref(), period, json.dumps(list(papers)), stamp, asked],
            )
            kind = "confirm"
        else:
            db.execute(
                "UPDATE subscribers SET status = 'pending', period = ?, papers = ?, "
                "requested = ? WHERE email = ?",
                [period, json.dumps(list(papers)), asked, email],
            )
            kind = "confirm"
        mailq.enqueue(db, kind, email, now)
    return kind


def requested(db: Database, email: str) -> str | None:
    """When the reader's pending sign-up was asked for (what their confirm link names)."""
    row = db.execute("SELECT requested FROM subscribers WHERE email = ?", [email.lower()])
    found = row.fetchone()
    return found[0] if found else None


def confirm(db: Database, ref: str, asked: str) -> str:
    """Confirm the sign-up asked for at `asked`: "confirmed", "already" (active), or "used"
    (that request was confirmed, replaced or withdrawn: a link works once)."""
    with transaction(db):
        row = db.execute(
            "SELECT status, requested FROM subscribers WHERE ref = ?", [ref]
        ).fetchone()
        if row is None:
            return "used"
        status, pending_since = row
        if status == ReaderState.ACTIVE:
            return "already"
        if status != ReaderState.PENDING or pending_since != asked:
            return "used"
        db.execute(
            "UPDATE subscribers SET status = 'active', confirmed = ?, joined = ?, "
            "started = NULL, left = NULL, failures = 0, requested = NULL WHERE ref = ?",
            [now_utc(), now_utc(), ref],
        )
    return "confirmed"


def expire(db: Database, now: datetime, pending_for: timedelta, events_for: timedelta) -> int:
    """Forget what is not needed any more: rate-limit events older than `events_for`, and
    sign-ups never confirmed within `pending_for` (a reader who had been subscribed before
    goes back to unsubscribed; one who never was is deleted). Returns sign-ups expired."""
    with transaction(db):
        db.execute("DELETE FROM rate_events WHERE at < ?", [utc(now - events_for)])
        old = utc(now - pending_for)
        gone = db.execute(
            "DELETE FROM subscribers WHERE status = 'pending' AND confirmed IS NULL "
            "AND coalesce(requested, created) < ?",
            [old],
        ).rowcount
        gone += db.execute(
            "UPDATE subscribers SET status = 'unsubscribed', requested = NULL, "
            "left = coalesce(left, ?) WHERE status = 'pending' "
            "AND coalesce(requested, created) < ?",
            [utc(now), old],
        ).rowcount
    return gone
