"""Opening the SQLite file and writing to it safely; the other store modules build on this.

All SQL of wp-digest lives in digest.store: the rest of the program calls functions here
and never sees a cursor. (An import-linter contract in the test suite keeps it so.)
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from digest.errors import ConfigError

Database = sqlite_utils.Database
BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path) -> Database:
    """Open the database in WAL mode with a busy timeout (no migration: see store.open_db).

    The folder must exist: a typo in `database` must not quietly create directories. A file
    that cannot be opened or written (permissions) is a ConfigError naming it, in one line.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ConfigError(f"{path}: the database's folder {path.parent} does not exist")
    try:
        new = not path.exists()
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if db.journal_mode != "wal":
            db.enable_wal()
    except sqlite3.Error as e:
        raise ConfigError(f"{path}: cannot open the database: {_reason(e, path)}") from None
    if new:
        os.chmod(path, 0o600)  # posts are public, but deliveries name readers
    # In WAL mode NORMAL is still safe against crashes of the program (a power cut may lose
    # the last commits, never corrupt); FULL would fsync every page of a crawl.
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _reason(error: sqlite3.Error, path: Path) -> str:
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"{error} (this user, {getpass.getuser()}, cannot write there)"
    return str(error)


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE).

    sqlite-utils' atomic() begins a deferred transaction; if its first statement reads and
    another process commits before it writes, SQLite cannot upgrade the stale snapshot and
    fails at once with "database is locked", whatever the busy timeout. Taking the lock up
    front makes concurrent writers wait their turn instead. Nested use is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


# Plain SQL for the hot path: sqlite-utils' insert()/update() inspect the table on every
# call, which was most of a backfill's time (bench/RESULTS.md, P2).
def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    cursor = db.conn.execute(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values())
    )
    return int(cursor.lastrowid or 0)


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Many rows with the columns of the first, in one `executemany`."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in rows[0])
    marks = ", ".join("?" for _ in rows[0])
    db.conn.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        [[row.get(c) for c in rows[0]] for row in rows],
    )


def update_row(db: Database, table: str, key: dict[str, Any], row: dict[str, Any]) -> None:
    sets = ", ".join(f'"{c}" = ?' for c in row if c not in key)
    where = " AND ".join(f'"{c}" = ?' for c in key)
    values = [v for c, v in row.items() if c not in key] + list(key.values())
    db.conn.execute(f'UPDATE "{table}" SET {sets} WHERE {where}', values)
