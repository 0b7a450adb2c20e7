"""Operator commands (digest/cli/ops.py): `backup`, `posts`, `check`. Fast: real SQLite files
in tmp_path, the CLI in-process."""

from __future__ import annotations

import sqlite3
import threading

from helpers import make_post, run
from stores import new_store, outbox_config, saved

from digest import store
from digest.store import search


def post(n: int) -> dict:
    return make_post(n, f"2026-04-{1 + n % 28:02d}T06:00:00", f"Post {n}")


def _config_with_posts(tmp_path, n: int = 3):
    outbox_config(tmp_path)
    db = new_store(tmp_path, [post(i) for i in range(1, n + 1)])
    return tmp_path / "wp-digest.toml", db


def test_backup_copies_a_consistent_database_while_it_is_written(tmp_path):
    cfg, db = _config_with_posts(tmp_path)
    stop = threading.Event()

    db.close()
    written = []

    def writer() -> None:  # a crawl saving pages while the backup runs
        own = store.open_db(tmp_path / "state.db")
        n = 100
        while not stop.is_set():
            saved(own, [post(n)])
            written.append(n)
            n += 1
        own.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = run(cfg, "backup", str(tmp_path / "copy.db"))
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert "backed up " in result.output and "copy.db" in result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (posts,) = copy.execute("SELECT count(*) FROM posts").fetchone()
    (revisions,) = copy.execute("SELECT count(DISTINCT post_id) FROM post_revisions").fetchone()
    assert (
        written and posts >= 3 and posts == revisions
    )  # one snapshot: no post without its revision
    assert (tmp_path / "copy.db").stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob(".copy.db.partial"))


def test_backup_refuses_to_overwrite_and_names_a_folder_target(tmp_path):
    cfg, _ = _config_with_posts(tmp_path)
    (tmp_path / "old.db").write_text("keep me")
    refused = run(cfg, "backup", str(tmp_path / "old.db"))
    assert refused.exit_code == 2 and "exists" in refused.output
    assert (tmp_path / "old.db").read_text() == "keep me"
    itself = run(cfg, "backup", str(tmp_path / "state.db"))
    assert itself.exit_code == 2 and "the database itself" in itself.output
    folder = tmp_path / "backups"
    folder.mkdir()
    assert run(cfg, "backup", str(folder)).exit_code == 0
    (made,) = folder.glob("wp-digest-*.db")
    assert sqlite3.connect(made).execute("SELECT count(*) FROM posts").fetchone() == (3,)


def test_backup_without_a_database_says_so(tmp_path):
    outbox_config(tmp_path)
    result = run(tmp_path / "wp-digest.toml", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 2 and "no database yet" in result.output


def _filed(n: int, day: str, title: str, marker: str) -> dict:
    p = make_post(n, f"{day}T{n % 24:02d}:00:00", title)
    p["content"]["rendered"] = f"<p>Syllabus: {marker}</p><p>{title} body words {n}</p>"
    return p


def _listing_store(tmp_path):
    outbox_config(tmp_path)
    db = new_store(
        tmp_path,
        [
            _filed(1, "2026-04-01", "Repo rate held", "GS3/Economy"),
            _filed(2, "2026-04-02", "Governor's assent", "GS2/Polity"),
            _filed(3, "2026-04-03", "Monsoon & the <b>rabi</b> crop", "GS3/Agriculture"),
        ],
    )
    saved(db, [_filed(9, "2026-04-02", "A temple's history", "GS1/Art and Culture")], "other")
    search.flush_index(db)  # as the end of a crawl does
    db.close()
    return tmp_path / "wp-digest.toml"


def test_posts_lists_refs_times_in_the_zone_papers_and_titles_newest_first(tmp_path):
    cfg = _listing_store(tmp_path)
    result = run(cfg, "posts")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["wp:3", "other:9", "wp:2", "wp:1"]
    # 03:00 UTC is 08:30 in Asia/Kolkata, shown with its offset
    assert lines[0].split()[1:4] == ["2026-04-03", "08:30+05:30", "GS3"]
    assert lines[0].endswith("Monsoon & the rabi crop")


def test_posts_filters_by_paper_source_dates_and_words(tmp_path):
    cfg = _listing_store(tmp_path)

    def refs(*args: str) -> list[str]:
        result = run(cfg, "posts", *args)
        assert result.exit_code == 0, result.output
        return [line.split()[0] for line in result.output.splitlines()]

    assert refs("--paper", "gs 3") == ["wp:3", "wp:1"]
    assert refs("--paper", "GS1", "--paper", "GS2") == ["other:9", "wp:2"]
    assert refs("--source", "other") == ["other:9"]
    assert refs("--since", "2026-04-02", "--until", "2026-04-02") == ["other:9", "wp:2"]
    assert refs("--search", "repo rate") == ["wp:1"]
    assert refs("--paper", "GS3", "--limit", "1") == ["wp:3"]
    assert refs("--search", "nothing-like-this") == ["no"]  # "no stored post matches"


def test_posts_json_and_usage_errors(tmp_path):
    import json

    cfg = _listing_store(tmp_path)
    result = run(cfg, "posts", "--json", "--paper", "GS2")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["ref"] == "wp:2" and row["papers"] == ["GS2"]
    assert row["published"] == "2026-04-02T07:30+05:30"
    assert row["link"] == "https://example.org/ca/post-2"
    for args, says in [
        (["--paper", "GS9"], "not a paper"),
        (["--source", "nowhere"], "no source 'nowhere'"),
        (["--since", "2026-04-03", "--until", "2026-04-01"], "--since is after --until"),
    ]:
        bad = run(cfg, "posts", *args)
        assert bad.exit_code == 2 and says in bad.output, bad.output


def test_posts_without_a_database_says_so(tmp_path):
    outbox_config(tmp_path)
    result = run(tmp_path / "wp-digest.toml", "posts")
    assert result.exit_code == 2 and "no database yet" in result.output
    assert not (tmp_path / "state.db").exists()


def test_status_says_a_paused_source_is_paused_and_since_when(tmp_path, monkeypatch):
    from digest.store import crawls

    outbox_config(tmp_path)
    cfg = tmp_path / "wp-digest.toml"
    cfg.write_text(
        cfg.read_text()
        + '\n[[source]]\nname = "wp"\nurl = "https://example.org/ca"\npaused = true\n'
        + '\n[[source]]\nname = "fresh"\nurl = "https://example.net"\npaused = true\n',
        encoding="utf-8",
    )
    db = new_store(tmp_path, [post(1)])
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-03T03:00:00+00:00")
    crawl = crawls.start(db, "wp", "incremental")
    crawls.finish(db, crawl, outcome="ok")
    db.close()
    result = run(cfg, "status")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("wp: 1 post, 1 revision")
    assert lines[at + 1] == (
        "  paused (`paused = true` in the config): not crawled since 2026-04-03 08:30 IST "
        "(UTC+05:30)"
    )
    at = lines.index("fresh: 0 posts, 0 revisions")
    assert lines[at + 1] == "  paused (`paused = true` in the config): never crawled"
    assert "warning:" not in result.output  # a paused source's silence is no failure
    crawl_line = next(line for line in lines if "last crawl:" in line)
    assert "2026-04-03 08:30 IST (UTC+05:30)" in crawl_line


def test_times_are_shown_in_the_configured_zone_with_its_offset():
    from zoneinfo import ZoneInfo

    from digest.clock import shown

    assert shown("2026-04-03T03:00:00", ZoneInfo("Asia/Kolkata")) == (
        "2026-04-03 08:30 IST (UTC+05:30)"
    )
    # across a DST change the name and the offset follow the date
    ny = ZoneInfo("America/New_York")
    assert shown("2026-01-15T12:00:00", ny) == "2026-01-15 07:00 EST (UTC-05:00)"
    assert shown("2026-07-15T12:00:00", ny) == "2026-07-15 08:00 EDT (UTC-04:00)"
    # zones without an abbreviation are not given a made-up one
    assert shown("2026-04-03T03:00:00", ZoneInfo("Asia/Dubai")) == "2026-04-03 07:00 (UTC+04:00)"
    assert shown("2026-04-03T03:00:00", ZoneInfo("UTC")) == "2026-04-03 03:00 (UTC+00:00)"
    assert shown(None, ny) == "never"


def test_log_lines_carry_the_zone_and_apscheduler_is_quiet_below_vv(capsys):
    import logging
    import re
    from zoneinfo import ZoneInfo

    from digest import logs

    try:
        logs.setup(1)
        logs.use_zone(ZoneInfo("Asia/Kolkata"))
        logging.getLogger("wp-digest.test").info("a line")
        logging.getLogger("apscheduler.scheduler").info("Added job 'send'")
        err = capsys.readouterr().err
        assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+05:30 INFO a line$", err, re.M), err
        assert "Added job" not in err
        logs.setup(2)
        logging.getLogger("apscheduler.scheduler").debug("Added job 'send'")
        assert "Added job" in capsys.readouterr().err
    finally:
        logs.ZONE[0] = None
        logs.setup(0)


def test_access_log_lines_mask_tokens_and_escape_what_clients_send():
    from digest.web.access import line

    scope = {"client": ("203.0.113.9", 5), "method": "GET", "http_version": "1.1",
             "path": '/manage/abc.DEF-123/x"\x1b[31m', "query_string": b"q=x"}  # fmt: skip
    out = line(scope, 200, 512, 0.0)
    assert out.startswith("203.0.113.9 - - [")
    assert out.endswith('"GET /manage/[token]/x\\x22\\x1b[31m?... HTTP/1.1" 200 512')
    assert "abc.DEF" not in out
    assert line({"method": "POST", "path": "/subscribe"}, 413, 0, 0.0).endswith(
        '"POST /subscribe HTTP/1.1" 413 -'
    )


def test_status_summarises_many_readers_and_names_only_those_in_trouble(tmp_path, monkeypatch):
    """#33: with thousands of readers `status` printed a line each; past 20 it counts them,
    says which digests went to how many, and names only readers whose digest is stuck."""
    from datetime import UTC, datetime

    from digest.store import ledger, subscribers

    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T01:35:00+00:00")
    outbox_config(tmp_path)
    db = new_store(tmp_path, [post(1)])
    now = datetime(2026, 4, 16, 1, 35, tzinfo=UTC)
    for i in range(30):
        email = f"r{i}@example.org"
        subscribers.put(db, email, "daily", [], "cli", "active")
        made = ledger.create(db, subscriber=email, period="daily", label="daily-2026-04-15",
                             items=[], posts=1, message_id=f"<{i}@x>")  # fmt: skip
        if i == 7:
            ledger.mark_failed(db, made, "451 try later", now, permanent=False)
        else:
            ledger.mark_sent(db, made, now)
    db.close()
    result = run(tmp_path / "wp-digest.toml", "status")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "subscribers: 0 pending, 30 active, 0 unsubscribed, 0 suspended" in out
    assert "daily-2026-04-15 went to 29 readers, the last at 2026-04-16 07:05 IST" in out
    assert "r7@example.org: nothing sent yet" in out and "pending daily-2026-04-15" in out
    assert "r3@example.org" not in out  # a reader whose digest went is not listed
