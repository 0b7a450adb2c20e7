"""The SQLite store: schema, migrations and every read and write of program state.

Nothing here speaks HTTP. Writes that belong together (a page of posts and the cursor move
that records it) happen in one transaction, so an interrupted crawl leaves either the whole
page or none of it, and the cursor never runs ahead of the saved data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

import sqlite_utils

from digest import clock, schema

BUSY_TIMEOUT_MS = 30_000

# Columns of `posts` that come straight from a crawled post.
POST_FIELDS = (
    "post_type",
    "title",
    "link",
    "slug",
    "date_gmt",
    "modified_gmt",
    "excerpt",
    "content",
    "categories",
    "tags",
    "version_count",
)


def now_utc() -> str:
    return clock.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def content_hash(title: str, content: str, excerpt: str) -> str:
    """What counts as a change: title, content or excerpt, never dates or counters."""
    blob = json.dumps([title, content, excerpt], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
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


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating and migrating as needed) the database, in WAL mode with a busy timeout."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if db.journal_mode != "wal":
        db.enable_wal()
    # In WAL mode NORMAL is still safe against crashes of the program (a power cut may lose
    # the last commits, never corrupt); FULL would fsync every page of a crawl.
    db.execute("PRAGMA synchronous = NORMAL")
    schema.migrate(db)
    return db


# --- sources and cursors -------------------------------------------------------------------


def save_source(db: sqlite_utils.Database, name: str, url: str, api_root: str) -> None:
    """Remember where a source's API is; writes only when that changed."""
    db.execute(
        "INSERT INTO sources (name, url, api_root, updated) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET url = excluded.url, api_root = excluded.api_root, "
        "updated = excluded.updated WHERE (url, api_root) IS NOT (excluded.url, excluded.api_root)",
        [name, url, api_root, now_utc()],
    )
    db.conn.commit()


def get_cursors(db: sqlite_utils.Database, source: str) -> dict[str, str]:
    rows = db.execute("SELECT post_type, cursor FROM cursors WHERE source = ?", [source])
    return {post_type: cursor for post_type, cursor in rows}


# --- terms (category and tag names, for classification) -----------------------------------


def save_terms(db: sqlite_utils.Database, source: str, taxonomy: str, terms: list[dict]) -> None:
    rows = [
        {
            "source": source,
            "taxonomy": taxonomy,
            "term_id": t["id"],
            "name": t["name"],
            "slug": t.get("slug"),
        }
        for t in terms
    ]
    with transaction(db):
        db["terms"].upsert_all(rows, pk=("source", "taxonomy", "term_id"))


def term_names(db: sqlite_utils.Database, source: str) -> dict[int, str]:
    rows = db.execute("SELECT term_id, name FROM terms WHERE source = ?", [source])
    return {term_id: name for term_id, name in rows}


def has_terms(db: sqlite_utils.Database, source: str) -> bool:
    row = db.execute("SELECT 1 FROM terms WHERE source = ? LIMIT 1", [source]).fetchone()
    return row is not None


# --- posts ---------------------------------------------------------------------------------


@dataclass
class SaveResult:
    new_posts: int = 0
    new_revisions: int = 0
    touched: int = 0

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.new_posts += other.new_posts
        self.new_revisions += other.new_revisions
        self.touched += other.touched
        return self


PostHook = Callable[[dict[str, Any]], dict[str, Any]]


def save_page(
    db: sqlite_utils.Database,
    source: str,
    posts: Iterable[dict[str, Any]],
    *,
    post_type: str | None = None,
    cursor: str | None = None,
    on_change: PostHook | None = None,
) -> SaveResult:
    """Save one page of crawled posts and (optionally) its cursor move, in one transaction.

    A post is keyed on (source, post_id). Unchanged posts write nothing. A changed title,
    content or excerpt makes a new revision; a new modified date or new terms alone only
    refresh the row. `on_change` may add derived columns (classification) to a row that is
    being written.
    """
    result = SaveResult()
    stamp = now_utc()
    with transaction(db):
        for post in posts:
            result += _save_post(db, source, post, stamp, on_change)
        if cursor is not None and post_type is not None:
            db.execute(
                "INSERT INTO cursors (source, post_type, cursor, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (source, post_type) DO UPDATE SET cursor = excluded.cursor, "
                "updated = excluded.updated WHERE cursor IS NOT excluded.cursor",
                [source, post_type, cursor, stamp],
            )
    return result


def _save_post(
    db: sqlite_utils.Database,
    source: str,
    post: dict[str, Any],
    stamp: str,
    on_change: PostHook | None,
) -> SaveResult:
    row = {k: post.get(k) for k in POST_FIELDS}
    terms = {key: sorted(row[key] or []) for key in ("categories", "tags")}
    for key in ("categories", "tags"):
        row[key] = json.dumps(terms[key])
    digest = content_hash(post["title"], post["content"], post["excerpt"])
    old = db.execute(
        "SELECT revision, content_hash, modified_gmt, categories, tags, post_type, link, slug, "
        "date_gmt, version_count FROM posts WHERE source = ? AND post_id = ?",
        [source, post["post_id"]],
    ).fetchone()
    key = {"source": source, "post_id": post["post_id"]}
    if old is None:
        # Normally revision 1; if the row was deleted by hand, continue its history.
        last = db.execute(
            "SELECT revision, content_hash FROM post_revisions WHERE source = ? AND post_id = ? "
            "ORDER BY revision DESC LIMIT 1",
            [source, post["post_id"]],
        ).fetchone()
        revision = 1 if last is None else last[0] + (last[1] != digest)
        full = {**key, **row, "revision": revision, "content_hash": digest}
        full.update(first_seen=stamp, last_changed=stamp)
        if on_change:
            full.update(on_change({**full, **terms}))
        _insert(db, "posts", full)
        result = SaveResult(new_posts=1)
        if last is not None and last[1] == digest:
            return result
    elif old[1] != digest:
        revision = old[0] + 1
        full = {**key, **row, "revision": revision, "content_hash": digest, "last_changed": stamp}
        if on_change:
            full.update(on_change({**full, **terms}))
        _update(db, "posts", key, full)
        result = SaveResult(new_revisions=1)
    else:
        names = ("modified_gmt", "categories", "tags", "post_type", "link", "slug", "date_gmt")
        current = dict(zip(names, old[2:9], strict=True))
        changed = {k: row[k] for k in names if row[k] != current[k]}
        if not changed:
            return SaveResult()
        if on_change and ("categories" in changed or "tags" in changed):
            changed.update(on_change({**key, **row, **terms}))
        _update(db, "posts", key, changed)
        return SaveResult(touched=1)
    _insert(
        db,
        "post_revisions",
        {
            **key,
            "revision": revision,
            "modified_gmt": row["modified_gmt"],
            "content_hash": digest,
            "title": row["title"],
            "excerpt": row["excerpt"],
            "content": row["content"],
            "version_count": row["version_count"],
            "seen_at": stamp,
        },
    )
    return result


# Plain SQL for the hot path: sqlite-utils' insert()/update() inspect the table on every
# call, which was most of a backfill's time (bench/RESULTS.md, P2).
def _insert(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    db.conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))


def _update(
    db: sqlite_utils.Database, table: str, key: dict[str, Any], row: dict[str, Any]
) -> None:
    sets = ", ".join(f'"{c}" = ?' for c in row if c not in key)
    where = " AND ".join(f'"{c}" = ?' for c in key)
    values = [v for c, v in row.items() if c not in key] + list(key.values())
    db.conn.execute(f'UPDATE "{table}" SET {sets} WHERE {where}', values)


def reclassify(db: sqlite_utils.Database, source: str, hook: PostHook) -> tuple[int, int]:
    """Recompute derived columns of a source's stored posts; no revision is made.

    Returns (posts looked at, posts changed).
    """
    seen = changed = 0
    with transaction(db):
        rows = list(db.query("SELECT * FROM posts WHERE source = ?", [source]))
        for row in rows:
            seen += 1
            for key in ("categories", "tags"):
                row[key] = json.loads(row[key] or "[]")
            update = {k: v for k, v in hook(row).items() if row.get(k) != v}
            if update:
                db["posts"].update((source, row["post_id"]), update)
                changed += 1
    return seen, changed


# --- crawls --------------------------------------------------------------------------------


def start_crawl(
    db: sqlite_utils.Database,
    source: str,
    mode: str,
    since: str | None = None,
    until: str | None = None,
) -> int:
    table = db["crawls"]
    table.insert(
        {
            "source": source,
            "mode": mode,
            "range_since": since,
            "range_until": until,
            "started": now_utc(),
            "outcome": "running",
            "requests": 0,
            "pages": 0,
            "new_posts": 0,
            "new_revisions": 0,
        }
    )
    return int(table.last_rowid)


def finish_crawl(db: sqlite_utils.Database, crawl_id: int, **fields: Any) -> None:
    db["crawls"].update(crawl_id, {"finished": now_utc(), **fields})
