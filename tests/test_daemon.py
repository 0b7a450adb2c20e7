"""`wp-digest run` as a real subprocess on a seconds-scale schedule."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from helpers import make_post, open_state, run, table, write_config

from digest.clock import STAMP
from digest.sample.site import WordPressServer

POSTS = "wp/v2/posts"


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def start_daemon(cfg, log_path, *extra):
    env = {k: v for k, v in os.environ.items() if k != "WP_DIGEST_NOW"}  # the real clock
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(cfg), *extra, "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def midday_zone(now: datetime) -> ZoneInfo:
    """A zone in which `now` is between 11:30 and 12:30.

    The daemon runs on the real clock (APScheduler's timers cannot be pinned), so instead of
    pinning the hour this test picks the zone: its daily send, eight seconds after start, is
    never near local midnight, whatever the hour the suite runs."""
    offset = 12 - (now + timedelta(minutes=30)).hour  # -11 .. 12 hours east of UTC
    return ZoneInfo(f"Etc/GMT{-offset:+d}" if offset else "UTC")  # Etc/GMT-5 is UTC+5


def test_midday_zone_is_midday_at_every_hour():
    for minutes in range(0, 24 * 60, 7):
        now = datetime(2026, 4, 16, tzinfo=UTC) + timedelta(minutes=minutes)
        local = now.astimezone(midday_zone(now))
        assert 11 * 60 + 30 <= local.hour * 60 + local.minute <= 12 * 60 + 30, (now, local)


def test_daemon_crawls_sends_survives_outage_and_stops(tmp_path, smtp):
    now = datetime.now(UTC)  # the daemon's real clock: see midday_zone
    zone = midday_zone(now)
    local = now.astimezone(zone)
    yesterday = (local - timedelta(days=1)).replace(hour=12, minute=0, second=0)
    posts = [
        make_post(i, (yesterday + timedelta(minutes=i)).astimezone(UTC).strftime(STAMP))
        for i in range(1, 6)
    ]
    daily = (local + timedelta(seconds=8)).strftime("%H:%M:%S")
    with WordPressServer(posts) as site:
        extra = (
            f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
            'from = "d@example.org"\n'
            f'\n[schedule]\ncrawl_every = "2s"\ncheck_every = "1s"\ndaily = "{daily}"\n'
            '\n[[subscriber]]\nemail = "a@example.org"\n'
        )
        cfg = write_config(tmp_path, {"wp": site.url}, extra)
        cfg.write_text(cfg.read_text().replace("Asia/Kolkata", zone.key))
        log_path = tmp_path / "daemon.log"
        proc = start_daemon(cfg, log_path, "--log-format", "json")
        try:
            db_path = tmp_path / "state.db"
            wait_for(
                lambda: db_path.exists() and open_state(cfg)["posts"].count == 5,
                30,
                "the first crawl",
            )
            # At the digest time it crawls, then sends yesterday's digest.
            wait_for(lambda: smtp.messages, 40, "the daily digest")
            [msg] = smtp.messages
            assert msg["Subject"].endswith("· 5 posts")
            wait_for(lambda: len(table(open_state(cfg), "crawls")) >= 3, 20, "repeated crawls")
            # The source breaks: the daemon logs it and goes on.
            site.fault = lambda route, params: (503, {}, b"down") if route == POSTS else None
            wait_for(
                lambda: any(r["outcome"] == "failed" for r in table(open_state(cfg), "crawls")),
                30,
                "a failed crawl",
            )
            assert proc.poll() is None
            site.fault = None
            site.put(make_post(99, now.strftime("%Y-%m-%dT%H:%M:%S")))
            wait_for(lambda: open_state(cfg)["posts"].count == 6, 30, "recovery")
            assert proc.poll() is None and len(smtp.messages) == 1  # never twice
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
        assert code == 0
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    jobs = [line for line in lines if line.get("job")]
    crawl_lines = [j for j in jobs if j["job"] == "crawl" and "new" in j]
    assert crawl_lines and all(j["message"].startswith("crawl: 1 sources") for j in crawl_lines)
    assert any(j["job"] == "send-daily" and j.get("sent") == 1 for j in jobs)
    assert any(j["level"] == "warning" and "HTTP 503" in j["message"] for j in jobs)
    assert lines[-1]["message"] == "daemon stopped"


def test_second_daemon_exits_1(tmp_path):
    with WordPressServer([]) as site:
        cfg = write_config(tmp_path, {"wp": site.url}, '\n[schedule]\ncheck_every = "1s"\n')
        first = start_daemon(cfg, tmp_path / "a.log")
        try:
            wait_for(lambda: (tmp_path / "state.db.lock").exists(), 20, "the lock")
            time.sleep(0.5)
            second = subprocess.run(
                [sys.executable, "-m", "digest", "--config", str(cfg), "run"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert second.returncode == 1
            assert "another wp-digest (pid " in second.stderr
        finally:
            first.send_signal(signal.SIGINT)
            assert first.wait(timeout=15) == 0


def test_sigterm_mid_crawl_saves_whole_pages(tmp_path):
    posts = [make_post(i, f"2026-04-01T{i // 60:02d}:{i % 60:02d}:00") for i in range(1, 1001)]
    with WordPressServer(posts) as site:
        site.on_request = lambda route, params: time.sleep(0.4) if route == POSTS else None
        cfg = write_config(tmp_path, {"wp": site.url}, '\n[schedule]\ncheck_every = "1s"\n')
        proc = start_daemon(cfg, tmp_path / "d.log")
        wait_for(lambda: site.requests_to(POSTS) >= 3, 30, "the crawl to be under way")
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert time.monotonic() - started < 10
        db = open_state(cfg)
        count = db["posts"].count
        assert 0 < count < 1000
        ids = {r[0] for r in db.execute("SELECT post_id FROM posts")}
        assert ids == set(range(1, count + 1))  # whole pages in order, no holes
        [crawl] = table(db, "crawls")
        assert crawl["outcome"] == "interrupted"
        cursor = db["cursors"].get(("wp", "posts"))["cursor"]
        newest_saved = db.execute("SELECT max(modified_gmt) FROM posts").fetchone()[0]
        assert cursor < newest_saved  # never ahead of what is saved
        old_url = site.url
    # A later crawl completes the data.
    with WordPressServer(posts) as site2:
        cfg.write_text(cfg.read_text().replace(old_url, site2.url))
        assert run(cfg, "crawl").exit_code == 0
        assert open_state(cfg)["posts"].count == 1000
