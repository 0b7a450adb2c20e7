"""The `subscribers` table: who gets digests, in which state, and where they came from.

It is the truth the delivery ledger reads. `[[subscriber]]` entries of the config are
operator-managed readers, synced in at each send, tick and `subscribers` command: added or
updated (period, papers) while listed; a reader removed from the file is unsubscribed
(history kept). A reader's own choice wins: one who left through their link stays out until
the operator adds them again with `wp-digest subscribers add`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from digest.clock import now_utc, utc
from digest.states import Origin
from digest.states import Reader as ReaderState
from digest.store.db import Database, transaction

STATES = tuple(ReaderState)
ORIGINS = tuple(Origin)


@dataclass(frozen=True)
class Reader:
    email: str
    period: str = "daily"
    papers: tuple[str, ...] = ()
    status: str = ReaderState.ACTIVE
    origin: str = Origin.CLI
    ref: str = ""  # what the reader's signed links carry
    # When they joined (confirmed, or were added; again when they come back): their first
    # digest covers the period before that one, and whatever the crawler first sees after
    # it is theirs. `started` is that period's start where an older version recorded it.
    joined: str | None = None
    started: str | None = None


def _reader(row: Any) -> Reader:
    email, status, period, papers, origin, ref, joined, started = row
    papers = tuple(json.loads(papers or "[]"))
    return Reader(email, period, papers, status, origin, ref, joined, started)


COLUMNS = "email, status, period, papers, origin, ref, joined, started"
# In an UPDATE that sets `status` to the first parameter: a reader who becomes active joins
# now (the second parameter); SET expressions read the row as it was.
JOINS = (
    "joined = CASE WHEN status != 'active' AND ? = 'active' THEN ? ELSE joined END, "
    "started = CASE WHEN status != 'active' AND ? = 'active' THEN NULL ELSE started END"
)


def joins(status: str, stamp: str) -> list[str]:
    """The parameters of JOINS."""
    return [status, stamp, status]


def new_ref() -> str:
    return secrets.token_hex(8)


def by_ref(db: Database, ref: str) -> Reader | None:
    row = db.execute(f"SELECT {COLUMNS} FROM subscribers WHERE ref = ?", [ref]).fetchone()
    return _reader(row) if row else None


def get(db: Database, email: str) -> Reader | None:
    row = db.execute(
        f"SELECT {COLUMNS} FROM subscribers WHERE email = ?", [email.lower()]
    ).fetchone()
    return _reader(row) if row else None


def listed(db: Database, status: str | None = None) -> list[Reader]:
    where, args = ("WHERE status = ?", [status]) if status else ("", [])
    rows = db.execute(f"SELECT {COLUMNS} FROM subscribers {where} ORDER BY rowid", args)
    return [_reader(r) for r in rows]


def active(db: Database) -> list[Reader]:
    return listed(db, ReaderState.ACTIVE)


def counts(db: Database) -> dict[str, int]:
    rows = db.execute("SELECT status, count(*) FROM subscribers GROUP BY status").fetchall()
    return {state: dict(rows).get(state, 0) for state in STATES}


def put(
    db: Database, email: str, period: str, papers: Iterable[str], origin: str, status: str
) -> bool:
    """Add a reader, or set an existing one's period, papers and status. True if new."""
    email, stamp = email.lower(), now_utc()
    with transaction(db):
        old = db.execute("SELECT status FROM subscribers WHERE email = ?", [email]).fetchone()
        confirmed = stamp if status == ReaderState.ACTIVE else None
        if old is None:
            db.execute(
                "INSERT INTO subscribers (email, ref, status, period, papers, origin, created, "
                "confirmed, joined, failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [email, new_ref(), status, period, json.dumps(list(papers)), origin, stamp,
                 confirmed, confirmed],
            )  # fmt: skip
            return True
        db.execute(
            f"UPDATE subscribers SET {JOINS}, status = ?, period = ?, papers = ?, origin = ?, "
            "confirmed = coalesce(?, confirmed), left = CASE WHEN ? = 'active' THEN NULL "
            "ELSE left END, failures = CASE WHEN ? = 'active' THEN 0 ELSE failures END "
            "WHERE email = ?",
            [*joins(status, stamp), status, period, json.dumps(list(papers)), origin, confirmed,
             status, status, email],
        )  # fmt: skip
        return False


def set_status(db: Database, email: str, status: str, error: str | None = None) -> bool:
    """Move a reader to `status` (leaving stamps `left`). False when there is no such reader."""
    stamp = now_utc()
    with transaction(db):
        cursor = db.execute(
            f"UPDATE subscribers SET {JOINS}, status = ?, left = CASE WHEN ? IN "
            "('unsubscribed', 'suspended') THEN ? ELSE left END, confirmed = CASE WHEN "
            "? = 'active' THEN ? ELSE confirmed END, last_error = coalesce(?, last_error) "
            "WHERE email = ?",
            [*joins(status, stamp), status, status, stamp, status, stamp, error, email.lower()],
        )
    return cursor.rowcount > 0


def set_choice(db: Database, email: str, period: str, papers: Iterable[str]) -> None:
    with transaction(db):
        db.execute(
            "UPDATE subscribers SET period = ?, papers = ? WHERE email = ?",
            [period, json.dumps(list(papers)), email.lower()],
        )


def sync(db: Database, readers: Iterable[Reader], stamp: str | None = None) -> None:
    """Bring the config's readers in (see the module's docstring); a new one joins at
    `stamp` (default: now), the time of the send that syncs them."""
    wanted = {r.email.lower(): r for r in readers}
    with transaction(db):
        rows = db.execute(f"SELECT {COLUMNS} FROM subscribers")
        have = {r[0]: _reader(r) for r in rows}
        stamp = stamp or now_utc()
        for email, reader in wanted.items():
            old = have.get(email)
            papers = json.dumps(list(reader.papers))
            if old is None:
                db.execute(
                    "INSERT INTO subscribers (email, ref, status, period, papers, origin, "
                    "created, confirmed, joined, failures) "
                    "VALUES (?, ?, 'active', ?, ?, 'config', ?, ?, ?, 0)",
                    [email, new_ref(), reader.period, papers, stamp, stamp, stamp],
                )
            elif old.origin == Origin.CONFIG and (old.period, old.papers) != (
                reader.period,
                reader.papers,
            ):
                db.execute(
                    "UPDATE subscribers SET period = ?, papers = ? WHERE email = ?",
                    [reader.period, papers, email],
                )
        for email, old in have.items():
            if (
                old.origin == Origin.CONFIG
                and email not in wanted
                and old.status == ReaderState.ACTIVE
            ):
                db.execute(
                    "UPDATE subscribers SET status = 'unsubscribed', left = ?, "
                    "last_error = 'removed from the config file' WHERE email = ?",
                    [stamp, email],
                )


def delivery_failed(db: Database, email: str, error: str, suspend_after: int) -> bool:
    """Count a permanent failure; at `suspend_after` in a row the reader is suspended.
    True when this failure suspended them."""
    with transaction(db):
        db.execute(
            "UPDATE subscribers SET failures = failures + 1, last_error = ? WHERE email = ?",
            [error[:500], email.lower()],
        )
        cursor = db.execute(
            "UPDATE subscribers SET status = 'suspended', left = ? WHERE email = ? "
            "AND status = 'active' AND failures >= ?",
            [now_utc(), email.lower(), suspend_after],
        )
    return cursor.rowcount > 0


def delivered(db: Database, email: str) -> None:
    with transaction(db):
        db.execute(
            "UPDATE subscribers SET failures = 0 WHERE email = ? AND failures > 0",
            [email.lower()],
        )


def is_stamp(value: str) -> bool:
    try:
        return utc(datetime.fromisoformat(value).replace(tzinfo=None)) is not None
    except ValueError:
        return False


def restore(db: Database, rows: list[dict[str, Any]], status: str | None = None) -> int:
    """Readers from an import (see `wp-digest subscribers import`), in one transaction;
    returns how many were new. States and origins are kept: a new reader takes the row's,
    a known one keeps theirs, unless `status` is given; a pending reader is never made
    active (only their own confirmation does that)."""
    new = 0
    stamp = now_utc()
    with transaction(db):
        for row in rows:
            old = db.execute(
                "SELECT status FROM subscribers WHERE email = ?", [row["email"]]
            ).fetchone()
            current = row["status"] if old is None else old[0]
            wanted = status or current
            if current == ReaderState.PENDING and wanted == ReaderState.ACTIVE:
                wanted = ReaderState.PENDING
            papers = json.dumps(list(row["papers"]))
            if old is None:
                new += 1
                confirmed = row["confirmed"] or (stamp if wanted == ReaderState.ACTIVE else None)
                left = row["left"] or (
                    stamp if wanted in (ReaderState.UNSUBSCRIBED, ReaderState.SUSPENDED) else None
                )
                db.execute(
                    "INSERT INTO subscribers (email, ref, status, period, papers, origin, "
                    "created, confirmed, left, joined, failures) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    [row["email"], new_ref(), wanted, row["period"], papers, row["origin"],
                     row["created"] or stamp, confirmed, left,
                     confirmed if wanted == ReaderState.ACTIVE else None],
                )  # fmt: skip
                continue
            db.execute(
                f"UPDATE subscribers SET {JOINS}, period = ?, papers = ?, status = ?, "
                "left = CASE WHEN ? = status THEN left WHEN ? IN ('unsubscribed', 'suspended') "
                "THEN ? ELSE NULL END, failures = CASE WHEN ? = 'active' AND status != 'active' "
                "THEN 0 ELSE failures END WHERE email = ?",
                [*joins(wanted, stamp), row["period"], papers, wanted, wanted, wanted, stamp,
                 wanted, row["email"]],
            )  # fmt: skip
    return new


def export_rows(db: Database) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT email, status, period, papers, origin, created, confirmed, left "
            "FROM subscribers ORDER BY email"
        )
    )
