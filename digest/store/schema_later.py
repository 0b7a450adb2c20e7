"""Migrations 8 and later (see digest.store.schema, which applies them in order): readers in
the database, full-text search over plain words, the index queue, the site's mail queue, and
one record per reader."""

from __future__ import annotations

import sqlite_utils

from digest.text import words


def migrate_8(db: sqlite_utils.Database) -> None:
    """Subscribers in the database (the truth the ledger reads; config readers are synced
    in), and the events sign-ups are rate-limited by."""
    db.table("subscribers").create(
        {
            "email": str,  # lower-cased
            "ref": str,  # random, opaque: what readers' signed links carry, never the address
            "status": str,  # pending | active | unsubscribed | suspended
            "period": str,
            "papers": str,  # JSON list; [] = every paper
            "origin": str,  # config | web | cli
            "created": str,
            "confirmed": str,
            "left": str,
            "failures": int,  # permanent failures in a row
            "last_error": str,
        },
        pk="email",
        if_not_exists=True,
    )
    db.table("subscribers").create_index(["status"], if_not_exists=True)
    db.table("subscribers").create_index(["ref"], unique=True, if_not_exists=True)
    db.table("rate_events").create({"key": str, "at": str}, if_not_exists=True)
    db.table("rate_events").create_index(["key", "at"], if_not_exists=True)


def migrate_9(db: sqlite_utils.Database) -> None:
    """Full-text search over the posts' plain text, not their HTML: tag and attribute names
    ("strong", "href") are not words of a post. Kept by digest.store.posts as it saves, in
    the page's transaction, so a search right after a crawl finds the new posts."""
    for trigger in ("posts_ai", "posts_ad", "posts_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS posts_fts")  # its shadow tables go with it
    db.execute("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize='porter')")
    rows = db.execute("SELECT rowid, title, content FROM posts")
    db.conn.executemany(
        "INSERT INTO posts_fts (rowid, title, body) VALUES (?, ?, ?)",
        ((rowid, words(title or ""), words(content or "")) for rowid, title, content in rows),
    )


def migrate_10(db: sqlite_utils.Database) -> None:
    """New posts wait here for the full-text index, which takes them in batches beside their
    crawl or when it ends (digest.store.search): not one index write per post."""
    db.execute("CREATE TABLE IF NOT EXISTS fts_pending (rowid INTEGER PRIMARY KEY)")


def migrate_11(db: sqlite_utils.Database) -> None:
    """Mail the readers' site sends (confirmations), queued in the database and sent by a
    background sender, so a slow mail server never holds a web request; and when a reader's
    pending sign-up was asked for, so a confirmation link works once, for that request."""
    db.table("mail_queue").create(
        {
            "id": int,
            "kind": str,  # confirm | already (an active reader's own links)
            "email": str,
            "created": str,
            "status": str,  # pending | sent | failed
            "attempts": int,
            "next_attempt": str,
            "last_error": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("mail_queue").create_index(["status", "next_attempt"], if_not_exists=True)
    if "requested" not in db.table("subscribers").columns_dict:
        db.table("subscribers").add_column("requested", str)


def migrate_12(db: sqlite_utils.Database) -> None:
    """One record per reader: when they joined (confirmed, or were added) lives with them,
    not in a second table written at the first send that met them. Readers met before keep
    the start that table recorded."""
    table = db.table("subscribers")
    for column in ("joined", "started"):
        if column not in table.columns_dict:
            table.add_column(column, str)
    if "subscriptions" in db.table_names():
        db.execute(  # correlated subqueries: UPDATE ... FROM needs SQLite 3.33
            "UPDATE subscribers SET "
            "joined = (SELECT created FROM subscriptions s WHERE s.email = subscribers.email), "
            "started = (SELECT started FROM subscriptions s WHERE s.email = subscribers.email) "
            "WHERE email IN (SELECT email FROM subscriptions)"
        )
        db.execute("DROP TABLE subscriptions")
    db.execute(
        "UPDATE subscribers SET joined = confirmed WHERE joined IS NULL AND status = 'active'"
    )


def migrate_13(db: sqlite_utils.Database) -> None:
    """Items of compilations, filed one by one (JSON with the post row: they belong to the
    revision the row holds, and are re-filed with it), and papers pinned to one item."""
    if "items" not in db.table("posts").columns_dict:
        db.table("posts").add_column("items", str)
    db.table("item_pins").create(
        {"source": str, "post_id": int, "item": int, "papers": str, "pinned_at": str},
        pk=("source", "post_id", "item"),
        if_not_exists=True,
    )


def migrate_14(db: sqlite_utils.Database) -> None:
    """What posts the sites marked taught the inferred filing: word counts per paper
    (digest.store.learning), rebuilt by `reclassify`."""
    db.table("learned_words").create(
        {"paper": str, "word": str, "count": float}, pk=("paper", "word"), if_not_exists=True
    )


def migrate_15(db: sqlite_utils.Database) -> None:
    """Sending through indexes (issue #33): a delivery keeps the end of the period it
    covers, so a reader's next digest looks only at what came after their last one; a
    revision's modified date is indexed, and so are the columns a send reads of every
    revision (it never reads a revision's content to decide what is due)."""
    if "cutoff" not in db.table("deliveries").columns_dict:
        db.table("deliveries").add_column("cutoff", str)
    db.execute(
        "CREATE INDEX IF NOT EXISTS post_revisions_modified "
        "ON post_revisions (modified_gmt, revision)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS post_revisions_events "
        "ON post_revisions (source, post_id, revision, modified_gmt, seen_at)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS deliveries_reach ON deliveries (subscriber, status, cutoff)"
    )
    # FTS5 merges its segments four at a time by default: indexing a backfill then costs
    # n log n, noticeably so past 50,000 posts. Eight at a time halves the merging (searches
    # read at most a few more segments). Measured in bench/RESULTS.md ("S and the index").
    db.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 8)")


def migrate_16(db: sqlite_utils.Database) -> None:
    """Bounces and complaints read from the bounce mailbox (issue #32), each once."""
    db.table("bounce_events").create(
        {
            "id": int,
            "subscriber": str,
            "kind": str,
            "status": str,
            "diagnostic": str,
            "report_id": str,
            "at": str,
        },  # fmt: skip
        pk="id",
        if_not_exists=True,
    )
    db.table("bounce_events").create_index(["subscriber", "kind", "at"], if_not_exists=True)
    db.table("bounce_events").create_index(["report_id"], if_not_exists=True)


def migrate_17(db: sqlite_utils.Database) -> None:
    """The papers a revision was filed under when it was saved: an update can then say that
    its filing changed since the version a reader received (issue #31)."""
    if "papers" not in db.table("post_revisions").columns_dict:
        db.table("post_revisions").add_column("papers", str)


def migrate_18(db: sqlite_utils.Database) -> None:
    """Stories: which posts and items of compilations from different sources report one
    event (digest.classify.stories), and the operator's splits, kept like pins (#31). Item
    0 is a whole post; n > 0 the n-th item of a compilation."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS story_units (source TEXT NOT NULL, post_id INTEGER NOT "
        "NULL, item INTEGER NOT NULL DEFAULT 0, story TEXT NOT NULL, score REAL, via TEXT, "
        "placed_at TEXT NOT NULL, PRIMARY KEY (source, post_id, item))"
    )
    db.execute("CREATE INDEX IF NOT EXISTS story_units_story ON story_units (story)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS story_splits (source TEXT NOT NULL, post_id INTEGER NOT "
        "NULL, item INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL, "
        "PRIMARY KEY (source, post_id, item))"
    )
