"""End-to-end crawls through the real CLI against the WordPress-like server on 127.0.0.1."""

from __future__ import annotations

import re
from datetime import timedelta

from helpers import MovingClock, make_post, many_posts, open_state, run, table, write_config

from digest import config as config_mod
from digest import crawl
from digest.sample.site import WordPressServer
from digest.store import search as site_search

POSTS = "wp/v2/posts"


def snapshot(cfg):
    db = open_state(cfg)
    try:
        return {name: table(db, name) for name in ("posts", "post_revisions", "cursors", "sources")}
    finally:
        db.close()


def test_first_crawl_stores_every_published_post(conf, site):
    site.put(make_post(90001, "2026-04-20T01:00:00", status="draft"))
    result = run(conf, "crawl")
    assert result.exit_code == 0, result.output
    assert "sample: 26 new, 0 updated" in result.stdout
    db = open_state(conf)
    posts = table(db, "posts", "post_id")
    assert len(posts) == 26
    assert 90001 not in {p["post_id"] for p in posts}  # drafts are not visible
    korea = db["posts"].get(("sample", 71990))
    assert korea["title"] == "India-South Korea Special Strategic Partnership"
    assert korea["revision"] == 1
    assert korea["date_gmt"] == "2026-04-21T12:59:38"
    assert korea["modified_gmt"] == "2026-04-21T13:02:01"
    assert korea["link"].startswith("https://sample.wp-digest.invalid/ca/current-affairs/")
    assert korea["categories"] == "[21]"
    assert "Syllabus: GS2/International Relations" in korea["content"]
    assert len(table(db, "post_revisions")) == 26
    # Full-text search over the plain text (the site's /search, and Datasette users).
    hits = site_search.search(db, "Kathakali")
    assert [h["post_id"] for h in hits] == [70106]
    assert site_search.search(db, "strong") == []  # a tag name, not a word of any post
    assert table(db, "fts_pending") == []  # the index is complete when the crawl is done
    [row] = table(db, "crawls")
    assert row["outcome"] == "ok" and row["mode"] == "incremental"
    assert row["new_posts"] == 26 and row["new_revisions"] == 0 and row["requests"] >= 3
    # Discovery found the API under the site's path.
    assert db["sources"].get("sample")["api_root"] == site.url + "wp-json/"
    latest = max(p["modified_gmt"] for p in posts)
    assert db["cursors"].get(("sample", "posts"))["cursor"] == latest


def test_second_crawl_makes_two_requests_and_writes_nothing(conf, site):
    """Nothing new: one request by modified date, one by publication date (scheduled posts)."""
    assert run(conf, "crawl").exit_code == 0
    before = snapshot(conf)
    site.log.clear()
    result = run(conf, "crawl")
    assert result.exit_code == 0
    assert "sample: 0 new, 0 updated" in result.stdout
    assert site.requests_to(POSTS) == 2
    assert [("orderby=modified" in r, "orderby=date" in r) for r in site.log if POSTS in r] == [
        (True, False),
        (False, True),
    ]
    assert snapshot(conf) == before


def test_edit_becomes_revision_two_only_when_content_changed(conf, site):
    assert run(conf, "crawl").exit_code == 0
    site.edit(70101, "2026-05-01T00:00:00", content="<p>Syllabus: GS2/IR</p><p>New text</p>")
    site.edit(70102, "2026-05-01T00:00:01")  # saved again, nothing visible changed
    site.edit(70103, "2026-05-01T00:00:02", title="RBI Keeps Repo Rate at 5.5% (corrected)")
    result = run(conf, "crawl")
    assert "sample: 0 new, 2 updated" in result.stdout
    db = open_state(conf)
    assert db["posts"].get(("sample", 70101))["revision"] == 2
    assert db["posts"].get(("sample", 70103))["revision"] == 2
    untouched = db["posts"].get(("sample", 70102))
    assert untouched["revision"] == 1
    assert untouched["modified_gmt"] == "2026-05-01T00:00:01"
    revisions = table(db, "post_revisions WHERE post_id = 70101", "revision")
    assert [r["revision"] for r in revisions] == [1, 2]
    assert "New text" in revisions[1]["content"] and "New text" not in revisions[0]["content"]
    assert [r["revision"] for r in table(db, "post_revisions WHERE post_id = 70102")] == [1]
    assert db["cursors"].get(("sample", "posts"))["cursor"] == "2026-05-01T00:00:02"


def test_many_posts_share_one_modified_second(tmp_path):
    """250 posts in one second, between others: none lost, paged by ID, cursor at that second."""
    posts = [make_post(i, "2026-04-01T10:00:00") for i in range(1, 41)]
    posts += [make_post(i, "2026-04-02T10:00:00") for i in range(41, 291)]
    posts += [make_post(i, f"2026-04-03T10:00:{i - 291:02d}") for i in range(291, 311)]
    with WordPressServer(posts, seed=7) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        db = open_state(cfg)
        assert db["posts"].count == 310
        assert db["cursors"].get(("wp", "posts"))["cursor"] == "2026-04-03T10:00:19"
        tie_requests = [r for r in site.log if "orderby=id" in r]
        assert tie_requests, "the crowded second must be paged by ID"
        site.log.clear()
        assert run(cfg, "crawl").exit_code == 0
        assert site.requests_to(POSTS) == 2
        assert db["posts"].count == 310


def test_whole_page_in_one_second_at_the_end(tmp_path):
    """Exactly 100 posts, all in one second: the tie walk ends cleanly at the last page."""
    posts = [make_post(i, "2026-04-02T10:00:00") for i in range(1, 101)]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        assert run(cfg, "crawl").exit_code == 0
        assert open_state(cfg)["posts"].count == 100


def test_posts_edited_during_the_crawl_are_neither_skipped_nor_skip_others(tmp_path):
    posts = [make_post(i, f"2026-04-01T{i // 60:02d}:{i % 60:02d}:00") for i in range(1, 351)]
    edited = []
    clock = MovingClock("2026-04-20T18:40:00+00:00")  # the site's clock, not the hour we run

    with WordPressServer(posts, seed=3, clock=clock) as site:

        def edit_midway(route, params):
            # While page 2 is being asked for, edit one post already read and one not yet read.
            if route == POSTS and len(edited) == 0 and site.requests_to(POSTS) == 2:
                now = clock.now().strftime("%Y-%m-%dT%H:%M:%S")
                site.edit(5, now, content="<p>edited early post</p>")
                site.edit(300, now, content="<p>edited late post</p>")
                edited.append(now)

        site.on_request = edit_midway
        cfg = write_config(tmp_path, {"wp": site.url})
        assert run(cfg, "crawl").exit_code == 0
        db = open_state(cfg)
        assert edited
        assert db["posts"].count == 350
        assert "edited late post" in db["posts"].get(("wp", 300))["content"]
        assert "edited early post" in db["posts"].get(("wp", 5))["content"]
        assert db["posts"].get(("wp", 5))["revision"] == 2  # read on page 1, then again
        assert db["posts"].get(("wp", 300))["revision"] == 1  # first read after the edit
        site.on_request = None
        site.log.clear()
        assert run(cfg, "crawl").exit_code == 0
        assert site.requests_to(POSTS) == 2
        assert db["posts"].count == 350
        assert db["posts"].get(("wp", 5))["revision"] == 2


def test_date_range_recrawl_uses_local_dates_and_keeps_the_cursor(conf, site):
    assert run(conf, "crawl").exit_code == 0
    db = open_state(conf)
    cursor = db["cursors"].get(("sample", "posts"))["cursor"]
    # Lose two posts locally; a range re-crawl of their days brings them back.
    db.execute("DELETE FROM posts WHERE post_id IN (70103, 70104)")
    db.conn.commit()
    site.log.clear()
    result = run(conf, "crawl", "--since", "2026-04-13", "--until", "2026-04-13")
    assert result.exit_code == 0, result.output
    # 70103 was published at 23:50 IST on the 13th (18:20 UTC): it belongs to the 13th.
    # 70104 (08:05 IST on the 14th) is outside the range and stays lost.
    assert "sample: 1 new, 0 updated" in result.stdout
    assert db["posts"].get(("sample", 70103))["revision"] == 1
    assert not db["posts"].exists() or db.execute(
        "SELECT count(*) FROM posts WHERE post_id = 70104"
    ).fetchone() == (0,)
    [request] = [r for r in site.log if POSTS in r]
    assert "after=2026-04-12T18%3A29%3A59Z" in request  # 00:00 IST minus one second
    assert "before=2026-04-13T18%3A30%3A00Z" in request  # next local midnight
    assert db["cursors"].get(("sample", "posts"))["cursor"] == cursor
    last = table(db, "crawls", "id")[-1]
    assert last["mode"] == "range" and last["outcome"] == "ok"


def test_range_recrawl_pages_through_many_posts(tmp_path):
    posts = [make_post(i, f"2026-04-10T0{i % 3}:00:00") for i in range(1, 251)]
    posts += [make_post(i, "2026-04-20T00:00:00") for i in range(251, 261)]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl", "--since", "2026-04-10", "--until", "2026-04-10")
        assert result.exit_code == 0, result.output
        db = open_state(cfg)
        assert db["posts"].count == 250
        assert not db["cursors"].exists() or db["cursors"].count == 0


def test_two_sources_one_failing(tmp_path, site):
    with WordPressServer([make_post(1, "2026-04-01T00:00:00")]) as broken:
        broken.fault = lambda route, params: (
            (200, {"Content-Type": "text/html"}, b"<html>Just a moment...</html>")
            if route == POSTS
            else None
        )
        cfg = write_config(tmp_path, {"sample": site.url, "broken": broken.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "sample: 26 new" in result.stdout
        assert "error: broken: expected JSON, got text/html at http://127.0.0.1:" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        db = open_state(cfg)
        assert db.execute("SELECT count(*) FROM posts WHERE source = 'broken'").fetchone()[0] == 0
        outcomes = {r["source"]: r["outcome"] for r in table(db, "crawls")}
        assert outcomes == {"sample": "ok", "broken": "failed"}


def test_ad_hoc_source_by_url_without_a_config(tmp_path, site, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(None, "--db", "adhoc.db", "crawl", site.url)
    assert result.exit_code == 0, result.output
    assert "127.0.0.1: 26 new" in result.stdout
    assert (tmp_path / "adhoc.db").exists()


def test_discovery_fallbacks(tmp_path, sample_posts):
    # No discovery header: /wp-json/ is tried.
    with WordPressServer(sample_posts, discovery=False) as site:
        cfg = write_config(tmp_path, {"a": site.url})
        assert run(cfg, "crawl").exit_code == 0
        assert open_state(cfg)["sources"].get("a")["api_root"] == site.url + "wp-json/"
    # No pretty permalinks: only ?rest_route= works.
    with WordPressServer(sample_posts, discovery=False, pretty=False) as site:
        cfg = write_config(tmp_path, {"b": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        db = open_state(cfg)
        assert db["sources"].get("b")["api_root"] == site.url + "?rest_route=/"
        assert db.execute("SELECT count(*) FROM posts WHERE source='b'").fetchone()[0] == 26
        assert any(
            "rest_route=%2Fwp%2Fv2%2Fposts" in r or "rest_route=/wp/v2/posts" in r for r in site.log
        )


def test_not_wordpress(tmp_path):
    with WordPressServer([], discovery=False, pretty=False) as site:
        site.fault = lambda route, params: (
            (200, {"Content-Type": "text/html"}, b"<html>hello</html>") if route != "page" else None
        )
        cfg = write_config(tmp_path, {"x": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert f"error: x: no WordPress REST API found at {site.url}" in result.stderr


def test_repeated_crawls_in_one_long_lived_process(conf, site):
    """What the daemon does: no ReactorNotRestartable, each crawl sees new posts."""
    cfg = config_mod.load(str(conf))
    for n in range(3):
        site.put(make_post(95000 + n, f"2026-06-0{n + 1}T00:00:00"))
        [outcome] = crawl.run(cfg, list(cfg.sources))
        assert outcome.ok, outcome.error
        assert outcome.new_posts == (27 if n == 0 else 1)


def test_polite_user_agent_and_rate(tmp_path, sample_posts):
    posts = [make_post(i, f"2026-04-01T00:{i // 60:02d}:{i % 60:02d}") for i in range(1, 301)]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url}, extra="")
        text = cfg.read_text().replace("requests_per_second = 1000", "requests_per_second = 8")
        cfg.write_text(text + 'user_agent = "wp-digest-test/1.0 (+https://example.org/)"\n')
        assert run(cfg, "crawl").exit_code == 0
        agents = {agent for _, agent in site.seen}
        assert agents == {"wp-digest-test/1.0 (+https://example.org/)"}
        times = [t for t, _ in site.seen]
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert len(times) >= 5
        # Never faster than requests_per_second: on average to within 5 %; each gap as the
        # server saw it, to within what scheduling jitter on a loaded machine can shift one
        # arrival (a crawler that ignored the delay would show gaps near 0).
        assert sum(gaps) / len(gaps) >= 1 / 8 * 0.95
        assert min(gaps) >= 1 / 8 * 0.7


def test_scheduled_post_is_stored_when_it_goes_live(tmp_path):
    """A scheduled post goes live with its modified date already behind the cursor (WordPress'
    cron changes only its status): the walk by publication date stores it, once."""
    clock = MovingClock("2026-04-20T18:40:00+00:00")  # the site's clock, not the hour we run
    now = clock.now()

    def stamp(seconds: int) -> str:
        return (now + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")

    scheduled = make_post(
        100, stamp(60), "Scheduled for the morning", modified_gmt=stamp(-3600), status="future"
    )
    with WordPressServer([*many_posts(5), scheduled], clock=clock) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        assert "wp: 5 new" in run(cfg, "crawl").stdout
        site.put(make_post(101, stamp(-10), "Published meanwhile", modified_gmt=stamp(-5)))
        assert "wp: 1 new" in run(cfg, "crawl").stdout
        db = open_state(cfg)
        assert db["cursors"].get(("wp", "posts"))["cursor"] > scheduled["modified_gmt"]
        assert db["posts"].count == 6
        site.publish(100)
        site.log.clear()
        result = run(cfg, "crawl")
        assert "wp: 1 new, 0 updated" in result.stdout, result.output
        assert db["posts"].get(("wp", 100))["title"] == "Scheduled for the morning"
        assert site.requests_to(POSTS) == 2
        assert "wp: 0 new, 0 updated" in run(cfg, "crawl").stdout
        assert db["post_revisions"].count_where("post_id = 100") == 1


IST = r"\d{4}-\d\d-\d\d \d\d:\d\d IST \(UTC\+05:30\)"  # a time shown in the configured zone
CURSORS = rf"cursor posts: modified after {IST}, published after {IST}"


def test_status_and_range_recrawl_show_both_cursors(conf, site):
    assert run(conf, "crawl").exit_code == 0
    status = run(conf, "status").stdout
    assert re.search(CURSORS, status)
    result = run(conf, "crawl", "--since", "2026-04-14", "--until", "2026-04-14")
    assert result.exit_code == 0
    assert "sample: cursors unchanged" in result.stdout
    assert re.search(CURSORS, result.stdout)


def test_progress_on_a_terminal_counts_distinct_posts_to_the_total(conf, tmp_path):
    """On a terminal: a progress bar per source, reaching the total exactly (keyset walks
    re-read boundary posts; the walk by publication date re-reads them all), then the line."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(conf), "crawl"],
        stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(follower)
    out = proc.communicate(timeout=120)[0].decode()
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert proc.returncode == 0 and "sample: 26 new" in out
    frames = [f for f in re.split(r"[\r\n]+", screen.decode("utf-8", "replace")) if f.strip()]
    assert frames and all(f.startswith("sample:") for f in frames), frames
    assert "26/26" in frames[-1]
    assert not any(re.search(r"\b(2[7-9]|[3-9]\d)/26\b", f) for f in frames)
    # Not a terminal (cron): silent.
    quiet = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(conf), "crawl"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert quiet.returncode == 0 and quiet.stderr == ""
