"""The store: every read and write of program state, and the only place that speaks SQL.

- `db`: connection (WAL, busy timeout) and write transactions;
- `schema`: the schema as numbered migrations;
- `posts`: posts, revisions, sources, cursors, term names (what a crawl saves);
- `crawls`, `runs`: the crawl log and the scheduled jobs done;
- `queries`: what digests read; `ledger`: what was mailed to whom; `status`: the report;
- `lock`: one instance (and one sender) per database.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from digest.errors import StoreUnavailable
from digest.store import schema
from digest.store.db import Database, connect, transaction

__all__ = ["Database", "connection", "open_db", "session", "transaction", "writer"]


@contextlib.contextmanager
def connection(path: str | Path) -> Iterator[Database]:
    """A short connection to a database already migrated (the readers' site opens one per
    request: WAL readers never wait for the crawler or a send)."""
    db = connect(path)
    try:
        yield db
    finally:
        db.close()


def writer(db: Database) -> Database:
    """A connection that writes many pages in a row (the crawler): SQLite checkpoints its
    write-ahead log only past ~40 MB instead of every 4 MB; the indexer beside the crawl, on
    another core, does it meanwhile."""
    db.execute("PRAGMA wal_autocheckpoint = 10000")
    return db


def open_db(path: str | Path) -> Database:
    """Open (creating and migrating as needed) the database. StoreUnavailable says why it
    cannot be migrated (each migration is one transaction: a failed one leaves the previous
    version)."""
    db = connect(path)  # its own failures are one line already (ConfigError)
    try:
        schema.migrate(db)
    except sqlite3.Error as e:
        db.close()
        raise StoreUnavailable(f"cannot bring the database {path} up to date: {e}") from None
    return db


@contextlib.contextmanager
def session(path: str | Path) -> Iterator[Database]:
    """`with store.session(path) as db:` the database, closed on the way out."""
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()
