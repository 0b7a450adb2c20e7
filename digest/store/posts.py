"""Posts, their revisions, sources, cursors and term names: what a crawl saves.

Nothing here speaks HTTP. Writes that belong together (a page of posts and the cursor move
that records it) happen in one transaction, so an interrupted crawl leaves either the whole
page or none of it, and the cursor never runs ahead of the saved data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from digest import clock
from digest.store import newposts, search
from digest.store.db import Database, insert_row, transaction, update_row

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


def content_hash(title: str, content: str, excerpt: str) -> str:
    """What counts as a change: title, content or excerpt, never dates or counters."""
    blob = json.dumps([title, content, excerpt], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def stored_sources(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT source FROM posts ORDER BY 1")]


# --- sources and cursors -------------------------------------------------------------------


def save_source(db: Database, name: str, url: str, api_root: str) -> None:
    """Remember where a source's API is; writes only when that changed."""
    db.execute(
        "INSERT INTO sources (name, url, api_root, updated) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET url = excluded.url, api_root = excluded.api_root, "
        "updated = excluded.updated WHERE (url, api_root) IS NOT (excluded.url, excluded.api_root)",
        [name, url, api_root, clock.now_utc()],
    )
    db.conn.commit()


# The cursors table has one row per (source, post type): `cursor` for the walk by modified
# date, `published` for the walk by publication date. Each means "every post whose date of
# that kind is at or before this has been saved".
CURSOR_COLUMNS = {"modified": "cursor", "date": "published"}


def get_cursors(db: Database, source: str, field: str = "modified") -> dict[str, str]:
    """{post type: cursor} of one walk ("modified" or "date")."""
    column = CURSOR_COLUMNS[field]
    rows = db.execute(
        f"SELECT post_type, {column} FROM cursors WHERE source = ? AND {column} IS NOT NULL",
        [source],
    )
    return {post_type: cursor for post_type, cursor in rows}


# --- terms (category and tag names, for classification) -----------------------------------


def save_terms(db: Database, source: str, taxonomy: str, terms: list[dict]) -> None:
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
        db.table("terms").upsert_all(rows, pk=("source", "taxonomy", "term_id"))


def term_names(db: Database, source: str) -> dict[int, str]:
    rows = db.execute("SELECT term_id, name FROM terms WHERE source = ?", [source])
    return {term_id: name for term_id, name in rows}


def has_terms(db: Database, source: str) -> bool:
    row = db.execute("SELECT 1 FROM terms WHERE source = ? LIMIT 1", [source]).fetchone()
    return row is not None


# --- posts ---------------------------------------------------------------------------------


@dataclass
class SaveResult:
    new_posts: int = 0
    new_revisions: int = 0
    touched: int = 0
    rejected: int = 0

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.new_posts += other.new_posts
        self.new_revisions += other.new_revisions
        self.touched += other.touched
        self.rejected += other.rejected
        return self


PostHook = Callable[[dict[str, Any]], dict[str, Any]]


def save_page(
    db: Database,
    source: str,
    posts: Iterable[dict[str, Any]],
    *,
    post_type: str | None = None,
    cursor: str | None = None,
    cursor_field: str = "modified",
    rejects: Iterable[dict[str, Any]] = (),
    on_change: PostHook | None = None,
) -> SaveResult:
    """Save one page of crawled posts and (optionally) its cursor move, in one transaction.

    A post is keyed on (source, post_id). Unchanged posts write nothing. A changed title,
    content or excerpt makes a new revision; a new modified date or new terms alone only
    refresh the row. `on_change` may add derived columns (classification) to a row that is
    being written.
    """
    result = SaveResult()
    stamp = clock.now_utc()
    posts = list(posts)
    ids = [p["post_id"] for p in posts]
    old = newposts.known(db, source, ids) if posts and len(set(ids)) == len(ids) else set(ids)
    # New posts are hashed and classified before the write lock is taken: the lock is held
    # only for the writes, so the web server, a send or the indexer beside us wait less.
    new = {
        p["post_id"]: _new(source, p, stamp, on_change) for p in posts if p["post_id"] not in old
    }
    with transaction(db):
        if new:  # stored by another writer since we looked: saved as known posts instead
            old |= newposts.known(db, source, list(new))
        rows, revisions = [], []
        for post in posts:
            if post["post_id"] in old:
                result += _save_post(db, source, post, stamp, on_change)
                continue
            row, revision = new[post["post_id"]]
            rows.append(row)
            revisions.append(revision)
            result.new_posts += 1
        newposts.insert(db, source, rows, revisions)
        for reject in rejects:  # the quarantine, in the same transaction as the page
            insert_row(db, "rejects", {"source": source, **reject, "seen_at": stamp})
            result.rejected += not reject["kept"]
        if cursor is not None and post_type is not None:
            column = CURSOR_COLUMNS[cursor_field]
            db.execute(
                f"INSERT INTO cursors (source, post_type, {column}, updated) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (source, post_type) DO UPDATE SET {column} = excluded.{column}, "
                f"updated = excluded.updated WHERE {column} IS NOT excluded.{column}",
                [source, post_type, cursor, stamp],
            )
    return result


def _new(
    source: str, post: dict[str, Any], stamp: str, on_change: PostHook | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row and first revision of a post never stored before."""
    row = {k: post.get(k) for k in POST_FIELDS}
    terms, as_json = newposts.terms_json(row)
    row.update(as_json)
    digest = content_hash(post["title"], post["content"], post["excerpt"])
    full = {"source": source, "post_id": post["post_id"], **row, "revision": 1}
    full.update(content_hash=digest, first_seen=stamp, last_changed=stamp)
    if on_change:
        full.update(on_change({**full, **terms}))
    return full, _revision(source, post["post_id"], 1, row, digest, stamp, full.get("papers"))


def _revision(
    source: str,
    post_id: int,
    revision: int,
    row: dict[str, Any],
    digest: str,
    stamp: str,
    papers: str | None = None,
) -> dict[str, Any]:
    """A `post_revisions` row: the post's text as it was at this revision, and the papers it
    was filed under then (so an update can say its filing changed)."""
    return {
        "source": source, "post_id": post_id, "revision": revision,
        "modified_gmt": row["modified_gmt"], "content_hash": digest, "title": row["title"],
        "excerpt": row["excerpt"], "content": row["content"],
        "version_count": row["version_count"], "seen_at": stamp, "papers": papers,
    }  # fmt: skip


def _save_post(
    db: Database,
    source: str,
    post: dict[str, Any],
    stamp: str,
    on_change: PostHook | None,
) -> SaveResult:
    row = {k: post.get(k) for k in POST_FIELDS}
    terms, as_json = newposts.terms_json(row)
    row.update(as_json)
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
        rowid = insert_row(db, "posts", full)
        search.index(db, rowid, row["title"], row["content"])
        result = SaveResult(new_posts=1)
        if last is not None and last[1] == digest:
            return result
    elif old[1] != digest:
        revision = old[0] + 1
        full = {**key, **row, "revision": revision, "content_hash": digest, "last_changed": stamp}
        if on_change:
            full.update(on_change({**full, **terms}))
        update_row(db, "posts", key, full)
        rowid = db.execute(
            "SELECT rowid FROM posts WHERE source = ? AND post_id = ?", [source, post["post_id"]]
        ).fetchone()[0]
        db.execute("DELETE FROM posts_fts WHERE rowid = ?", [rowid])
        search.index(db, rowid, row["title"], row["content"])
        result = SaveResult(new_revisions=1)
    else:
        names = ("modified_gmt", "categories", "tags", "post_type", "link", "slug", "date_gmt")
        current = dict(zip(names, old[2:9], strict=True))
        changed = {k: row[k] for k in names if row[k] != current[k]}
        if not changed:
            return SaveResult()
        if on_change and ("categories" in changed or "tags" in changed):
            changed.update(on_change({**key, **row, **terms}))
        update_row(db, "posts", key, changed)
        return SaveResult(touched=1)
    revision_row = _revision(source, post["post_id"], revision, row, digest, stamp,
                             full.get("papers"))  # fmt: skip
    insert_row(db, "post_revisions", revision_row)
    return result


def reclassify(
    db: Database, source: str, hook: PostHook, *, only_unfiled: bool = False
) -> tuple[int, int]:
    """Recompute derived columns of a source's stored posts; no revision is made.

    `only_unfiled`: just the posts that were never classified, or have no reason stored
    (stored before the schema had them). Returns (posts looked at, posts changed).
    """
    seen = changed = 0
    where = " AND (papers IS NULL OR filing IS NULL)" if only_unfiled else ""
    with transaction(db):
        rows = list(db.query(f"SELECT * FROM posts WHERE source = ?{where}", [source]))
        for row in rows:
            seen += 1
            for key in ("categories", "tags"):
                row[key] = json.loads(row[key] or "[]")
            update = {k: v for k, v in hook(row).items() if row.get(k) != v}
            if update:
                update_row(db, "posts", {"source": source, "post_id": row["post_id"]}, update)
                changed += 1
    return seen, changed
