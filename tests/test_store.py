"""Store semantics on real SQLite files: dedup by (source, post_id) and content revisions."""

from __future__ import annotations

import pytest

from digest import store
from digest.store import posts, schema


def post(
    post_id=1, title="T", content="<p>c</p>", excerpt="e", modified="2026-04-01T00:00:00", **kw
):
    return {
        "post_id": post_id,
        "post_type": "posts",
        "title": title,
        "content": content,
        "excerpt": excerpt,
        "link": f"https://x/{post_id}",
        "slug": "s",
        "date_gmt": "2026-04-01T00:00:00",
        "modified_gmt": modified,
        "categories": kw.get("categories", [1]),
        "tags": [],
        "version_count": None,
    }


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "s.db")
    yield database
    database.close()


def test_schema_is_versioned_and_wal(db, tmp_path):
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.journal_mode == "wal"
    store.open_db(tmp_path / "s.db").close()  # reopening migrates nothing and keeps data


def test_revisions(db):
    assert posts.save_page(db, "a", [post()]).new_posts == 1
    assert posts.save_page(db, "a", [post()]) == posts.SaveResult()  # unchanged: nothing
    assert posts.save_page(db, "a", [post(modified="2026-04-02T00:00:00")]).touched == 1
    r = posts.save_page(db, "a", [post(content="<p>new</p>", modified="2026-04-03T00:00:00")])
    assert r.new_revisions == 1
    assert posts.save_page(db, "a", [post(excerpt="e2")]).new_revisions == 1
    row = db["posts"].get(("a", 1))
    assert row["revision"] == 3 and row["excerpt"] == "e2"
    assert [r["revision"] for r in db["post_revisions"].rows] == [1, 2, 3]
    # The same post ID on another site is another post.
    assert posts.save_page(db, "b", [post()]).new_posts == 1


def test_terms_change_refreshes_without_a_revision(db):
    posts.save_page(db, "a", [post()])
    assert posts.save_page(db, "a", [post(categories=[1, 2])]).touched == 1
    row = db["posts"].get(("a", 1))
    assert row["categories"] == "[1, 2]" and row["revision"] == 1


def test_page_and_cursor_are_one_transaction(db):
    db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON posts WHEN NEW.post_id = 2 "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(Exception, match="refused"):
        posts.save_page(
            db, "a", [post(), post(post_id=2)], post_type="posts", cursor="2026-04-01T00:00:00"
        )
    assert db["posts"].count == 0
    assert db["cursors"].count == 0


def test_cursor_written_only_when_moved(db):
    posts.save_page(db, "a", [], post_type="posts", cursor="2026-04-01T00:00:00")
    first = db["cursors"].get(("a", "posts"))
    posts.save_page(db, "a", [], post_type="posts", cursor="2026-04-01T00:00:00")
    assert db["cursors"].get(("a", "posts")) == first
    assert posts.get_cursors(db, "a") == {"posts": "2026-04-01T00:00:00"}


def test_indexing_beside_a_crawl_skips_posts_changed_meanwhile(db):
    """The crawl's indexer (another process) reads a batch's words without the lock; a post
    edited before it writes them keeps its new words only."""
    from digest.store import search

    posts.save_page(
        db, "a", [post(1, content="<p>elephant</p>"), post(2, content="<p>giraffe</p>")]
    )
    assert db["fts_pending"].count == 2 and search.search(db, "giraffe") == []
    words = search.read_words(db, 100)
    posts.save_page(db, "a", [post(1, content="<p>zebra</p>", modified="2026-04-02T00:00:00")])
    assert search.write_words(db, words) == 1  # only post 2 was still waiting
    assert db["fts_pending"].count == 0
    found = lambda q: [hit["post_id"] for hit in search.search(db, q)]  # noqa: E731
    assert found("giraffe") == [2] and found("zebra") == [1] and found("elephant") == []
    assert search.index_some(db) == 0  # nothing left


def test_a_post_stored_by_another_writer_while_classifying_is_not_doubled(db, tmp_path):
    """New posts are hashed and classified before the write lock is taken; a post another
    writer stored meanwhile is then saved as a known post (no duplicate row or revision)."""
    other = store.open_db(tmp_path / "s.db")

    def classify(row):
        if row["post_id"] == 1 and not other["posts"].count:
            posts.save_page(other, "a", [post(1)])  # another writer, between look and lock
        return {}

    result = posts.save_page(db, "a", [post(1), post(2)], on_change=classify)
    other.close()
    assert result.new_posts == 1  # post 2; post 1 was the other writer's, and unchanged
    assert [r["post_id"] for r in db["posts"].rows] == [1, 2]
    assert [(r["post_id"], r["revision"]) for r in db["post_revisions"].rows] == [(1, 1), (2, 1)]


def test_the_indexer_beside_a_crawl_indexes_each_commit(db, tmp_path):
    """`crawl` runs an Indexer thread while its crawler child saves pages: each page's posts
    are searchable soon after their commit, before the crawl's own last step."""
    import time

    from digest.store import search
    from digest.store.search import Indexer

    indexer = Indexer(tmp_path / "s.db")
    indexer.start()
    try:
        for n in range(3):  # three pages, as the crawler would commit them
            posts.save_page(
                db, "a", [post(n * 10 + i, content=f"<p>word{n}x{i}</p>") for i in range(5)]
            )
            deadline = time.monotonic() + 10
            while db["fts_pending"].count and time.monotonic() < deadline:
                time.sleep(0.01)
            assert db["fts_pending"].count == 0
            assert [h["post_id"] for h in search.search(db, f"word{n}x4")] == [n * 10 + 4]
    finally:
        indexer.stop()
    assert not indexer.is_alive()


def test_a_failed_crawl_in_the_same_second_as_the_last_good_one_still_counts(db, monkeypatch):
    """Crawls are fast enough now to start two in one second: the watch orders them by row,
    not by their start time (a failure right after a good crawl went unwarned)."""
    from datetime import datetime

    from digest.store import crawls, health

    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-01T00:00:00+00:00")
    good = crawls.start(db, "s", "incremental")
    crawls.finish(db, good, outcome="ok")
    bad = crawls.start(db, "s", "incremental")
    crawls.finish(db, bad, outcome="failed", error="HTTP 503")
    later = datetime.fromisoformat("2026-04-03T00:00:00+00:00")
    warning = health.failing_crawls(db, "s", later, 24 * 3600)
    assert warning and "every crawl has failed for 48 h (1 crawl since" in warning


def test_paper_shares_are_counted_in_sql_as_before(tmp_path):
    """The daily watch's shares (issue #33: counted by SQLite, memory flat): a post counts
    once for each of its papers; no marker counts as Other; too little history, no drift."""
    from helpers import make_post
    from stores import new_store

    from digest.store import health

    def filed(n: int, marker: str) -> dict:
        post = make_post(n, f"2026-04-{n:02d}T06:00:00", f"Post {n}")
        post["content"]["rendered"] = f"<p>{marker}</p><p>Body {n}</p>"
        return post

    older = [filed(n, "Syllabus: GS2/Polity") for n in range(1, 5)]
    older += [filed(5, "Syllabus: GS2 and GS3"), filed(6, "Nothing to say")]
    latest = [filed(n, "Syllabus: GS1/History") for n in range(7, 12)]
    db = new_store(tmp_path, older + latest)
    now, before = health.shares(db, "wp", 5)
    assert now["GS1"] == 1.0 and now["GS2"] == 0.0 and set(now) == set(health.PAPERS)
    assert before["GS2"] == 5 / 6 and before["GS3"] == 1 / 6 and before["Other"] == 1 / 6
    assert health.shares(db, "wp", 6) == (health.shares(db, "wp", 6)[0], {})  # 5 before < 6
