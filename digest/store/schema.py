"""The database schema, in one place: numbered migrations applied in order.

`PRAGMA user_version` records how far a database has come; each migration runs in its own
transaction, so a database is always at some whole version.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from digest.store import schema_later as later
from digest.store.db import transaction

SCHEMA_VERSION = 18


def _migrate_1(db: sqlite_utils.Database) -> None:
    db.table("sources").create(
        {"name": str, "url": str, "api_root": str, "updated": str}, pk="name", if_not_exists=True
    )
    db.table("cursors").create(
        {"source": str, "post_type": str, "cursor": str, "updated": str},
        pk=("source", "post_type"),
        if_not_exists=True,
    )
    db.table("posts").create(
        {
            "source": str,
            "post_id": int,
            "post_type": str,
            "revision": int,
            "title": str,
            "link": str,
            "slug": str,
            "date_gmt": str,
            "modified_gmt": str,
            "excerpt": str,
            "content": str,
            "categories": str,
            "tags": str,
            "version_count": int,
            "content_hash": str,
            "first_seen": str,
            "last_changed": str,
        },
        pk=("source", "post_id"),
        if_not_exists=True,
    )
    db.table("posts").create_index(["date_gmt"], if_not_exists=True)
    db.table("posts").create_index(["last_changed"], if_not_exists=True)
    db.table("post_revisions").create(
        {
            "source": str,
            "post_id": int,
            "revision": int,
            "modified_gmt": str,
            "content_hash": str,
            "title": str,
            "excerpt": str,
            "content": str,
            "version_count": int,
            "seen_at": str,
        },
        pk=("source", "post_id", "revision"),
        if_not_exists=True,
    )
    db.table("post_revisions").create_index(["seen_at"], if_not_exists=True)
    db.table("crawls").create(
        {
            "id": int,
            "source": str,
            "mode": str,
            "range_since": str,
            "range_until": str,
            "started": str,
            "finished": str,
            "requests": int,
            "pages": int,
            "new_posts": int,
            "new_revisions": int,
            "outcome": str,
            "error": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("crawls").create_index(["source", "started"], if_not_exists=True)
    # Full-text search: created by _migrate_9 (over plain text).


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Classification (papers, subjects) on posts, and the sites' term names.

    Posts stored before this have no papers yet; the next crawl of their source files them
    (digest.crawl.pipelines), so the schema never runs the classifier itself."""
    for column in ("papers", "subjects"):
        if column not in db.table("posts").columns_dict:
            db.table("posts").add_column(column, str)
    db.table("terms").create(
        {"source": str, "taxonomy": str, "term_id": int, "name": str, "slug": str},
        pk=("source", "taxonomy", "term_id"),
        if_not_exists=True,
    )


def _migrate_3(db: sqlite_utils.Database) -> None:
    """The delivery ledger: which digest went (or is going) to whom, covering which revisions."""
    db.table("deliveries").create(
        {
            "id": int,
            "subscriber": str,
            "period": str,
            "label": str,
            "status": str,  # pending | sent | failed
            "attempts": int,
            "last_error": str,
            "next_attempt": str,
            "message_id": str,
            "posts": int,
            "created": str,
            "sent_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("deliveries").create_index(["subscriber", "label"], unique=True, if_not_exists=True)
    db.table("delivery_items").create(
        {"delivery_id": int, "source": str, "post_id": int, "revision": int},
        pk=("delivery_id", "source", "post_id", "revision"),
        foreign_keys=[("delivery_id", "deliveries", "id")],
        if_not_exists=True,
    )
    db.table("delivery_items").create_index(["source", "post_id", "revision"], if_not_exists=True)
    db.table("subscriptions").create(
        {"email": str, "period": str, "started": str, "created": str},
        pk="email",
        if_not_exists=True,
    )


def _migrate_4(db: sqlite_utils.Database) -> None:
    """Scheduled job runs, so "is it due?" is answered from the store, not from memory."""
    db.table("runs").create(
        {
            "id": int,
            "job": str,  # crawl | send-daily | send-weekly
            "scheduled_for": str,  # UTC; the digest time a send belongs to
            "started": str,
            "finished": str,
            "outcome": str,
            "summary": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("runs").create_index(["job", "scheduled_for"], if_not_exists=True)


def _migrate_5(db: sqlite_utils.Database) -> None:
    """The publication cursor beside the modification cursor: WordPress publishes a scheduled
    post without touching its modified date, so only a walk by date finds it."""
    if "published" not in db.table("cursors").columns_dict:
        db.table("cursors").add_column("published", str)


def _migrate_6(db: sqlite_utils.Database) -> None:
    """The quarantine: posts a site sent that could not be stored (and posts stored with a
    replaced link), with the reason and a bounded excerpt, so nothing is lost silently."""
    db.table("rejects").create(
        {
            "id": int,
            "source": str,
            "post_id": int,
            "reason": str,
            "excerpt": str,
            "kept": int,  # 1: stored, with a fix; 0: not stored
            "seen_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("rejects").create_index(["source", "seen_at"], if_not_exists=True)
    if "rejected" not in db.table("crawls").columns_dict:
        db.table("crawls").add_column("rejected", int)
    if "pid" not in db.table("crawls").columns_dict:  # the crawler process, to spot dead ones
        db.table("crawls").add_column("pid", int)


def _migrate_7(db: sqlite_utils.Database) -> None:
    """Why each post is filed where it is (`filing`, the classifier's one-line reason), and
    the papers an operator pinned (`wp-digest file`), which outlive re-crawls and reclassify.
    Posts stored before this get their reason at the next crawl of their source."""
    if "filing" not in db.table("posts").columns_dict:
        db.table("posts").add_column("filing", str)
    db.table("pins").create(
        {"source": str, "post_id": int, "papers": str, "pinned_at": str},
        pk=("source", "post_id"),
        if_not_exists=True,
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
    _migrate_5,
    _migrate_6,
    _migrate_7,
    later.migrate_8,
    later.migrate_9,
    later.migrate_10,
    later.migrate_11,
    later.migrate_12,
    later.migrate_13,
    later.migrate_14,
    later.migrate_15,
    later.migrate_16,
    later.migrate_17,
    later.migrate_18,
]


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database to SCHEMA_VERSION, one migration per write transaction.

    The version is read again inside each transaction, so two processes opening a new
    database at once apply each migration once.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema {version} is newer than this wp-digest knows ({SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        with transaction(db):
            if db.execute("PRAGMA user_version").fetchone()[0] > number:
                continue
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
