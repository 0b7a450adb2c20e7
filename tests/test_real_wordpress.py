"""The real CLI against a real WordPress (Debian's package, MariaDB, `php -S`) on 127.0.0.1.

Seeded through WordPress' own PHP API (wp_insert_post, wp_update_post for real revisions,
wp_insert_term), in a site whose time zone is Asia/Kolkata, not UTC. Skipped with a message
only when the packages are missing and CI is unset; in CI it always runs (.ci/run installs
wordpress php-cli php-mysql mariadb-server).
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
from helpers import open_state, run, table, write_config
from realwp import MariaDB, RealWordPress, missing

from digest import config as config_mod
from digest import store

GONE = missing()
if GONE and not os.environ.get("CI"):
    pytest.skip(
        f"real WordPress not installed ({', '.join(GONE)}): "
        "apt-get install wordpress php-cli php-mysql mariadb-server",
        allow_module_level=True,
    )

POSTS = "/wp-json/wp/v2/posts"


@pytest.fixture(scope="module")
def mariadb(tmp_path_factory):
    assert not GONE, f"CI must have {GONE}: .ci/run installs them"
    server = MariaDB(tmp_path_factory.mktemp("mariadb")).start()
    yield server
    server.stop()


@pytest.fixture
def wp(mariadb, tmp_path):
    site = RealWordPress(mariadb, f"wp_{uuid.uuid4().hex[:8]}", tmp_path).start()
    yield site
    site.stop()


def syllabus(line: str, body: str = "Body text.") -> str:
    return f"<p><strong>{line}</strong></p>\n<p>{body}</p>"


def seed_basic(wp) -> dict[str, int]:
    env, _ca = wp.php([{"op": "term", "name": "Environment"}, {"op": "term", "name": "News"}])
    posts = [
        (
            "Currency swap with Maldives",
            syllabus("Syllabus: GS2/International Relations"),
            "2026-04-13 09:00:00",
            [_ca],
        ),
        ("Repo rate unchanged", syllabus("Syllabus: GS3/Economy"), "2026-04-13 23:50:00", [_ca]),
        ("Strait of Hormuz", syllabus("Syllabus :GS1/Places"), "2026-04-14 00:10:00", [_ca]),
        ("Kathakali", syllabus("Syllabus: GS1/ Art &amp; Culture"), "2026-04-14 15:45:00", [_ca]),
        ("Heatwave action plans", "<p>No marker here.</p>", "2026-04-14 18:00:00", [env]),
        ("Probity in governance", syllabus("Syllabus: GS4/Ethics"), "2026-04-15 10:00:00", [_ca]),
    ]
    ids = wp.php([
        {"op": "insert", "title": t, "content": c, "date": d, "categories": cats}
        for t, c, d, cats in posts
    ])  # fmt: skip
    hidden = wp.php([
        {"op": "insert", "title": "A draft", "content": "x", "date": "2026-04-14 10:00:00",
         "status": "draft"},
        {"op": "insert", "title": "A private post", "content": "x", "date": "2026-04-14 11:00:00",
         "status": "private"},
        {"op": "insert", "title": "A future post", "content": "x", "date": "2030-01-01 10:00:00",
         "status": "future"},
    ])  # fmt: skip
    return {"ids": ids, "hidden": hidden, "env": env}


def config_for(tmp_path, wp, extra=""):
    return write_config(tmp_path, {"real": wp.url}, extra)


def snapshot(cfg):
    db = open_state(cfg)
    return {t: table(db, t) for t in ("posts", "post_revisions", "cursors", "sources", "terms")}


def test_full_crawl_then_nothing_new(wp, tmp_path):
    seeded = seed_basic(wp)
    cfg = config_for(tmp_path, wp)
    result = run(cfg, "crawl")
    assert result.exit_code == 0, result.output
    assert "real: 6 new, 0 updated" in result.stdout
    db = open_state(cfg)
    stored = {r["post_id"]: r for r in db["posts"].rows}
    assert set(stored) == set(seeded["ids"])  # drafts, private and future posts never appear
    assert not set(stored) & set(seeded["hidden"])
    repo = stored[seeded["ids"][1]]
    assert repo["date_gmt"] == "2026-04-13T18:20:00"  # 23:50 IST
    assert json.loads(repo["papers"]) == ["GS3"]
    heat = stored[seeded["ids"][4]]
    assert json.loads(heat["papers"]) == ["GS3"]  # from its category name, fetched once
    assert json.loads(stored[seeded["ids"][3]]["subjects"]) == ["Art & Culture"]
    assert db["sources"].get("real")["api_root"] == wp.url + "wp-json/"
    # A second crawl: two requests to the posts collection (by modified date, then by
    # publication date), and nothing written.
    before = snapshot(cfg)
    wp.forget_requests()
    result = run(cfg, "crawl")
    assert "real: 0 new, 0 updated" in result.stdout
    assert sum(1 for r in wp.requests() if r.startswith(POSTS)) == 2
    assert snapshot(cfg) == before


def test_scheduled_post_is_stored_when_it_goes_live(wp, tmp_path):
    """The editor schedules a draft; another post is published and crawled; WordPress' cron
    publishes the scheduled one (its modified date stays in the past): the next crawl stores
    it, once."""
    seed_basic(wp)
    [draft] = wp.php([{"op": "insert", "title": "Scheduled for the morning",
                       "content": syllabus("Syllabus: GS3/Economy"),
                       "date": "2026-04-20 09:00:00", "status": "draft"}])  # fmt: skip
    assert wp.php([{"op": "schedule", "id": draft, "ahead": 120}]) == [draft]
    cfg = config_for(tmp_path, wp)
    assert run(cfg, "crawl").exit_code == 0
    [other] = wp.php([{"op": "insert", "title": "Published meanwhile",
                       "content": syllabus("Syllabus: GS2/Polity"),
                       "date": "2026-04-20 09:00:00"}])  # fmt: skip
    wp.php([{"op": "update", "id": other, "title": "Published meanwhile (edited)"}])
    result = run(cfg, "crawl")
    assert result.exit_code == 0 and "real: 1 new" in result.stdout, result.output
    db = open_state(cfg)
    assert db["posts"].get(("real", other))
    assert not list(db.query("SELECT 1 FROM posts WHERE post_id = ?", [draft]))
    scheduled = wp.php([{"op": "get", "id": draft}])[0]
    cursor = db["cursors"].get(("real", "posts"))["cursor"]
    assert scheduled["status"] == "future"
    # The modified walk is past it (its bound is exclusive: equal is past too; a fast
    # crawl's cursor can fall in the very second the post was scheduled).
    assert scheduled["modified_gmt"].replace(" ", "T") <= cursor
    assert wp.php([{"op": "publish", "id": draft}]) == ["publish"]
    result = run(cfg, "crawl")
    assert result.exit_code == 0 and "real: 1 new, 0 updated" in result.stdout, result.output
    row = db["posts"].get(("real", draft))
    assert row["title"] == "Scheduled for the morning" and row["revision"] == 1
    result = run(cfg, "crawl")
    assert "real: 0 new, 0 updated" in result.stdout
    assert db["post_revisions"].count_where("post_id = ?", [draft]) == 1


def test_edits_make_revision_two_only_when_visible(wp, tmp_path):
    ids = seed_basic(wp)["ids"]
    cfg = config_for(tmp_path, wp)
    assert run(cfg, "crawl").exit_code == 0
    wp.php([
        {"op": "update", "id": ids[0], "content": syllabus("Syllabus: GS2/IR", "Revised.")},
        {"op": "update", "id": ids[2], "title": "Strait of Hormuz: shipping lanes"},
        {"op": "update", "id": ids[5]},  # saved again, nothing visible changed
    ])  # fmt: skip
    result = run(cfg, "crawl")
    assert result.exit_code == 0, result.output
    assert "real: 0 new, 2 updated" in result.stdout
    db = open_state(cfg)
    revisions = {r["post_id"]: r["revision"] for r in db["posts"].rows}
    assert {i for i, rev in revisions.items() if rev == 2} == {ids[0], ids[2]}
    assert revisions[ids[5]] == 1


def test_date_range_is_local_dates(wp, tmp_path):
    ids = seed_basic(wp)["ids"]
    cfg = config_for(tmp_path, wp)
    result = run(cfg, "crawl", "--since", "2026-04-14", "--until", "2026-04-14")
    assert result.exit_code == 0, result.output
    db = open_state(cfg)
    # 00:10 IST on the 14th is in; 23:50 IST on the 13th (18:20 UTC the 13th) is out.
    assert {r["post_id"] for r in db["posts"].rows} == {ids[2], ids[3], ids[4]}
    assert db["cursors"].count == 0


def test_many_posts_in_one_second_and_more_than_a_page(wp, tmp_path):
    cfg = config_for(tmp_path, wp)
    same_second = [
        {"op": "insert", "title": f"Crowded {i}", "content": syllabus("Syllabus: GS2/Polity"),
         "date": "2026-04-10 12:00:00"}
        for i in range(150)
    ]  # fmt: skip
    others = [
        {"op": "insert", "title": f"Other {i}", "content": syllabus("Syllabus: GS3/Economy"),
         "date": f"2026-04-{11 + i // 10:02d} 0{i % 10}:00:00"}
        for i in range(30)
    ]  # fmt: skip
    ids = wp.php(same_second + others)
    result = run(cfg, "crawl")
    assert result.exit_code == 0, result.output
    db = open_state(cfg)
    assert db["posts"].count == 180
    wp.forget_requests()
    assert run(cfg, "crawl").exit_code == 0
    assert (
        sum(1 for r in wp.requests() if r.startswith(POSTS)) == 2
    )  # by modified date, then by publication date
    # A bulk edit: 120 posts modified within a second or two of each other, paged correctly.
    wp.php([{"op": "update", "id": i, "content": syllabus("Syllabus: GS2/Polity", "Edited")}
            for i in ids[:120]])  # fmt: skip
    result = run(cfg, "crawl")
    assert "real: 0 new, 120 updated" in result.stdout, result.output
    assert db.execute("SELECT count(*) FROM posts WHERE revision = 2").fetchone()[0] == 120


def test_digest_groups_by_paper_and_sanitises_raw_content(wp, tmp_path):
    ids = seed_basic(wp)["ids"]
    hostile = (
        '<p><strong>Syllabus: GS1/Culture</strong></p><script>alert("x")</script>'
        '<p onclick="steal()">Dance <a href="javascript:alert(1)">link</a></p>'
        '<iframe src="https://evil.example/"></iframe>'
    )
    wp.php([{"op": "raw_content", "id": ids[3], "content": hostile}])
    cfg = config_for(tmp_path, wp, '\n[digest]\ncontent = "full"\n')
    assert run(cfg, "crawl").exit_code == 0
    out = tmp_path / "site"
    result = run(cfg, "digest", "--period", "weekly", "--date", "2026-04-14", "--out", str(out))
    assert result.exit_code == 0, result.output
    html = (out / "weekly-2026-W16.html").read_text()
    order = [html.index(f'id="{p}"') for p in ("gs1", "gs2", "gs3", "gs4")]
    assert order == sorted(order)
    assert "Kathakali" in html and "Dance" in html
    low = html.lower()
    for bad in ("<script", "onclick", "javascript:", "<iframe", "evil.example"):
        assert bad not in low
    text = (out / "weekly-2026-W16.txt").read_text()
    assert "GS1 · Heritage" in text and "GS4 · Ethics" in text


def test_trashed_post_stays_as_last_seen(wp, tmp_path):
    """WordPress hides a trashed post from the API, so wp-digest cannot see it go: the stored
    copy stays as it was last seen (digests already sent are history), nothing is revised."""
    ids = seed_basic(wp)["ids"]
    cfg = config_for(tmp_path, wp)
    assert run(cfg, "crawl").exit_code == 0
    before = snapshot(cfg)
    assert wp.php([{"op": "trash", "id": ids[0]}]) == [True]
    wp.forget_requests()
    result = run(cfg, "crawl")
    assert "real: 0 new, 0 updated" in result.stdout
    assert (
        sum(1 for r in wp.requests() if r.startswith(POSTS)) == 2
    )  # by modified date, then by publication date
    after = snapshot(cfg)
    assert after["posts"] == before["posts"] and after["post_revisions"] == before["post_revisions"]
    # A range re-crawl of its day does not bring it back or remove it either.
    assert run(cfg, "crawl", "--since", "2026-04-13", "--until", "2026-04-13").exit_code == 0
    db = store.open_db(config_mod.load(str(cfg)).database)
    assert db["posts"].get(("real", ids[0]))["title"] == "Currency swap with Maldives"


NEWS_IN_SHORT = """<p>Table of Contents</p>
<ul><li><a href="#seals">Indus seals</a></li><li><a href="#fc">Finance Commission</a></li></ul>
<h2 id="seals">Seals found near Dholavira</h2>
<p><strong>Syllabus: GS1/Art and Culture</strong></p>
<p>Excavators describe a cache of steatite seals with unicorn motifs.</p>
<h2 id="fc">Sixteenth Finance Commission report</h2>
<p><strong>Syllabus: GS2/Polity</strong></p>
<p>The commission recommends a share of divisible taxes for the states.</p>
<h2>Repo rate held at 5.5 per cent</h2>
<p><strong>Syllabus: GS3/Economy</strong></p>
<p>The monetary policy committee keeps the policy rate unchanged.</p>
<h2>Places in news: Lake Pulicat</h2>
<p><strong>Syllabus: Prelims/Geography</strong></p>
<p>A brackish lagoon on the Andhra Pradesh and Tamil Nadu border.</p>
"""


def test_a_compilation_reaches_each_papers_readers_with_its_item_only(wp, tmp_path, monkeypatch):
    """nextias' daily "News In Short": one post, four items, four papers. Each reader gets
    the items of their papers, titled by the item's heading, "from" the post, linked to the
    item; never the text of another paper's item (issue #28)."""
    from smtp_server import SmtpServer

    [post_id] = wp.php([{"op": "insert", "title": "News In Short – 14 April 2026",
                         "content": NEWS_IN_SHORT, "date": "2026-04-14 09:00:00"}])  # fmt: skip
    smtp = SmtpServer().start()
    try:
        readers = "".join(
            f'\n[[subscriber]]\nemail = "{p.lower()}@example.org"\npapers = ["{p}"]\n'
            for p in ("GS1", "GS2", "GS3", "Prelims", "GS4")
        )
        mail = f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        cfg = config_for(tmp_path, wp, mail + f'from = "d@example.org"\n{readers}')
        monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-13T08:00:00+05:30")
        assert run(cfg, "send").exit_code == 0  # the readers join on the 13th
        assert run(cfg, "crawl").exit_code == 0
        db = open_state(cfg)
        row = db["posts"].get(("real", post_id))
        assert json.loads(row["papers"]) == ["GS1", "GS2", "GS3", "Prelims"]
        assert row["filing"].startswith("items: 4 items")
        monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-15T07:05:00+05:30")
        assert run(cfg, "send").exit_code == 0
        got = {m["To"]: m for m in smtp.messages}
        assert sorted(got) == ["gs1@example.org", "gs2@example.org", "gs3@example.org",
                               "prelims@example.org"]  # GS4: nothing of theirs  # fmt: skip
        own = {"gs1": ("Seals found near Dholavira", "steatite"),
               "gs2": ("Sixteenth Finance Commission report", "divisible taxes"),
               "gs3": ("Repo rate held at 5.5 per cent", "monetary policy"),
               "prelims": ("Places in news: Lake Pulicat", "brackish")}  # fmt: skip
        for who, (heading, words) in own.items():
            msg = got[f"{who}@example.org"]
            text = msg.get_body(("plain",)).get_content()
            html = msg.get_body(("html",)).get_content()
            assert heading in text and words in text and "from News In Short" in text
            others = [w for k, (h, w) in own.items() if k != who]
            assert not any(w in text or w in html for w in others), who
        html = got["gs1@example.org"].get_body(("html",)).get_content()
        assert "#seals" in html  # the link lands on the item (the heading's id)
        text = got["gs3@example.org"].get_body(("plain",)).get_content()
        assert "#:~:text=Repo%20rate" in text  # no id: a text fragment
        # Exactly once: the next send has nothing; an edit re-files the items.
        assert run(cfg, "send").exit_code == 0 and len(smtp.messages) == 4
    finally:
        smtp.stop()


def test_posts_without_a_marker_are_inferred_and_the_model_learns(wp, tmp_path):
    """Issue #29 end to end: a marker-less post lands under its paper with an `inferred:`
    reason that `explain` shows; a vague one stays Other with its best guess; what marked
    posts teach is kept in the database and rebuilt by `reclassify`."""
    clear, vague, marked = wp.php([
        {"op": "insert", "title": "RBI holds the repo rate",
         "content": "<p>The monetary policy committee kept the repo rate as inflation eased; "
                    "banks expect credit growth and GDP to stay strong.</p>",
         "date": "2026-04-14 09:00:00"},
        {"op": "insert", "title": "A note for readers",
         "content": "<p>The page will be updated later today with the committee's report.</p>",
         "date": "2026-04-14 10:00:00"},
        {"op": "insert", "title": "Zabo farming of Nagaland",
         "content": syllabus("Syllabus: GS3/Agriculture",
                             "Zabo rice fields and bhungroo ponds hold rainwater."),
         "date": "2026-04-14 11:00:00"},
    ])  # fmt: skip
    cfg = config_for(tmp_path, wp)
    assert run(cfg, "crawl").exit_code == 0
    db = open_state(cfg)
    filed = {r["post_id"]: (json.loads(r["papers"]), r["filing"]) for r in table(db, "posts")}
    assert filed[clear][0] == ["GS3"] and filed[clear][1].startswith("inferred: GS3 ")
    assert "repo" in filed[clear][1]
    assert filed[vague][0] == ["Other"] and "best guess" in filed[vague][1]
    assert filed[marked][0] == ["GS3"] and filed[marked][1].startswith("marker:")
    explained = run(cfg, "explain", f"real:{clear}").stdout
    assert "inferred from the words: GS3" in explained and "classifier: GS3; inferred:" in explained
    learned = db.execute("SELECT count(*) FROM learned_words WHERE word = 'zabo'").fetchone()[0]
    assert learned == 1  # the crawl learned from the marked post
    db.execute("DELETE FROM learned_words")
    db.conn.commit()
    result = run(cfg, "reclassify")
    assert "inferred filing learned from 1 marked posts" in result.stdout
    assert db.execute("SELECT count(*) FROM learned_words WHERE word = 'zabo'").fetchone()[0] == 1
    assert "inferred" in run(cfg, "status").stdout
