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
from collections.abc import Iterator
from pathlib import Path

from digest.store import schema
from digest.store.db import Database, connect, transaction

__all__ = ["Database", "open_db", "session", "transaction"]


def open_db(path: str | Path) -> Database:
    """Open (creating and migrating as needed) the database."""
    db = connect(path)
    schema.migrate(db)
    return db


@contextlib.contextmanager
def session(path: str | Path) -> Iterator[Database]:
    """`with store.session(path) as db:` the database, closed on the way out."""
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()
