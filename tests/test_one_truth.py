"""One truth for what is due and what was done: `send --dry-run` is what `tick` sends, status
counts posts as digests list them, a stopping daemon starts nothing new, new subscribers are
told where their digests start, the demo reports only its own files, archive pages link home."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

from helpers import open_state, run, table, write_config

from digest import config
from digest.schedule import tick as jobs


def tick_config(tmp_path: Path, site, extra: str = "") -> Path:
    return write_config(
        tmp_path,
        {"sample": site.url},
        '\n[[subscriber]]\nemail = "a@example.org"\n'
        '\n[[subscriber]]\nemail = "w@example.org"\nperiod = "weekly"\n' + extra,
    )


def test_dry_run_shows_what_tick_sends(tmp_path, site, monkeypatch):
    cfg = tick_config(tmp_path, site)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-22T03:00:00+05:30")  # a Wednesday, before 07:00
    assert run(cfg, "crawl").exit_code == 0
    dry = run(cfg, "send", "--dry-run")
    assert dry.exit_code == 0, dry.output
    # At 03:00 the daily digest due is the one of the 21st 07:00 (for the 20th), not the
    # 21st's. A reader who joins now starts with the period before today's (the 21st, out
    # at 07:00): nothing for them yet. The weekly reader joins in week 17: W16 is theirs.
    assert "a@example.org: nothing new (a new subscriber: digests start with " in dry.stdout
    assert "w@example.org: weekly-2026-W16, " in dry.stdout
    assert run(cfg, "tick").exit_code == 0
    db = open_state(cfg)
    sent = {(d["subscriber"], d["label"], d["posts"]) for d in table(db, "deliveries")}
    assert {who for who, _, _ in sent} == {"w@example.org"}
    for line in dry.stdout.splitlines():
        if "nothing new" in line:
            continue
        who, label_posts = line.split(": ", 1)
        label, posts = label_posts.split(", ", 1)
        assert (who, label, int(posts.split()[0])) in sent, (line, sent)


def test_send_takes_monthly(tmp_path, site):
    cfg = tick_config(tmp_path, site, '\n[[subscriber]]\nemail = "m@x.org"\nperiod = "monthly"\n')
    result = run(cfg, "send", "--period", "monthly", "--dry-run")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["m@x.org"]


def test_a_stopping_tick_starts_no_job(tmp_path, site, monkeypatch):
    cfg_path = tick_config(tmp_path, site, '\n[digest]\narchive = "site"\n')
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-20T07:45:00+05:30")  # daily and weekly due
    stop = threading.Event()
    stop.set()  # SIGTERM arrived before the tick began its jobs
    result = jobs.tick(config.load(str(cfg_path)), stop=stop)
    assert result.jobs == []
    db = open_state(cfg_path)
    assert table(db, "crawls") == [] and table(db, "deliveries") == []
    assert not (tmp_path / "site").exists()


def test_status_counts_posts_as_digests_list_them(conf, site):
    assert run(conf, "crawl").exit_code == 0
    text = run(conf, "status").stdout
    data = json.loads(run(conf, "status", "--json").stdout)["sources"][0]
    assert sum(data["papers"].values()) == data["posts"] == 26  # each post once, first paper
    assert "papers (as digests list them, by first paper): " in text
    assert data["also_in"] and "  also in: " in text


def test_new_subscriber_is_told_where_digests_start(tmp_path, site, monkeypatch):
    cfg = write_config(
        tmp_path, {"sample": site.url}, '\n[[subscriber]]\nemail = "n@x.org"\npapers = ["GS4"]\n'
    )
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-22T08:00:00+05:30")
    assert run(cfg, "crawl").exit_code == 0
    first = run(cfg, "send").stdout
    assert "n@x.org: nothing new (a new subscriber: digests start with daily-2026-04-21" in first
    assert "wp-digest digest --period daily --date YYYY-MM-DD" in first
    assert "send --to n@x.org" in first
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-23T08:00:00+05:30")
    second = run(cfg, "send").stdout
    assert second.startswith("n@x.org: daily-2026-04-22") and "new subscriber" not in second


def test_demo_reports_its_own_files_and_leaves_no_lock(tmp_path):
    out = tmp_path / "demo"
    first = run(None, "demo", "--out", str(out))
    assert first.exit_code == 0, first.output
    second = run(None, "demo", "--out", str(out))
    assert second.exit_code == 0, second.output
    mails = sorted((out / "outbox").glob("*.eml"))
    assert len(mails) == 2
    assert str(mails[0]) in first.stdout or str(mails[1]) in first.stdout
    reported = [m for m in mails if str(m) in second.stdout]
    assert len(reported) == 1 and str(reported[0]) not in first.stdout
    assert not list(out.glob("*.lock"))


def test_archive_pages_link_to_the_index(conf, tmp_path):
    assert run(conf, "crawl").exit_code == 0
    out = tmp_path / "site"
    assert run(conf, "digest", "--date", "2026-04-15", "--out", str(out)).exit_code == 0
    page = (out / "daily-2026-04-15.html").read_text()
    assert re.search(r'<a href="index.html"[^>]*>All digests</a>', page)


def test_demo_serve_runs_the_readers_site_over_the_demo_data(tmp_path):
    """#30 item 9: `demo --serve` prints the site's URL and serves the demo's digests."""
    import subprocess
    import sys
    import time

    from smtp_server import free_port
    from webtools import fetch

    port = free_port()
    cmd = [sys.executable, "-P", "-m", "digest", "demo", "--out", str(tmp_path / "demo"),
           "--serve", "--port", str(port)]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP_DIGEST")}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                status, _, home = fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "the demo's site did not answer"
                time.sleep(0.2)
        assert status == 200 and "daily-2026-04-" in home and 'id="subscribe"' in home
        label = re.search(r'href="/(digest/daily-2026-04-\d\d)"', home)
        assert label, home
        status, _, page = fetch(url + label.group(1))
        assert status == 200 and "sample.wp-digest.invalid/ca/" in page and "/#archive" in page
        status, _, found = fetch(url + "search?q=repo")
        assert status == 200 and "Repo Rate" in found
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"The readers' site: {url}" in out and "Traceback" not in out
